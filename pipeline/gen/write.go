package gen

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/alphanode/postscore/pipeline/inorder"
)

// Stats are what a corpus write produced.
type Stats struct {
	Files int64 // posts written (JSONL: lines)
	Bytes int64
}

// JSONLShardSize is how many posts one JSONL shard holds.
const JSONLShardSize = 10000

// TruthName is the ground-truth file in the output directory.
const TruthName = "truth.jsonl"

// MarkerName is the file that marks a directory as a corpus gen wrote:
// postscore score leaves out the truth file beside it.
const MarkerName = ".postscore-gen"

// markerText is what the marker says to whoever opens it.
const markerText = "A corpus written by postscore gen: " + TruthName + " here is its ground truth, not a post, and postscore score leaves it out.\n"

// jsonlLine is one post of a JSONL corpus.
type jsonlLine struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// Write generates the corpus into dir with the given number of workers;
// progress (may be nil) is called with the posts done so far.
func Write(ctx context.Context, dir string, o Options, workers int, progress func(done int64, bytes int64)) (Stats, error) {
	var st Stats
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return st, fmt.Errorf("creating %s: %w", dir, err)
	}
	if !o.JSONL {
		for d := 0; d <= (o.N-1)/1000; d++ {
			if err := os.MkdirAll(filepath.Join(dir, fmt.Sprintf("%04d", d)), 0o755); err != nil {
				return st, fmt.Errorf("creating %s: %w", dir, err)
			}
		}
	}
	if err := os.WriteFile(filepath.Join(dir, MarkerName), []byte(markerText), 0o644); err != nil {
		return st, fmt.Errorf("writing %s: %w", MarkerName, err)
	}
	truthF, err := os.Create(filepath.Join(dir, TruthName))
	if err != nil {
		return st, fmt.Errorf("creating truth file: %w", err)
	}
	defer truthF.Close()
	truth := bufio.NewWriterSize(truthF, 1<<20)

	type out struct {
		i     int
		data  []byte // JSONL: the post's text, written by the collector
		size  int
		truth Truth
		err   error
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Workers take whole directories (1,000 posts) at a time, so that no two
	// create files in the same directory at once: creating files is most of
	// the cost, and writers in one directory wait on its lock.
	type span struct{ from, to int }
	idx := make(chan span, workers)
	outs := make(chan out, workers*64)
	go func() {
		defer close(idx)
		for from := 0; from < o.N; from += 1000 {
			select {
			case idx <- span{from, min(from+1000, o.N)}:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			for sp := range idx {
				var dw *dirWriter
				if !o.JSONL {
					var err error
					if dw, err = openDirWriter(filepath.Join(dir, filepath.Dir(Path(sp.from)))); err != nil {
						select {
						case outs <- out{i: sp.from, truth: Truth{Path: Path(sp.from)}, err: err}:
						case <-ctx.Done():
						}
						return
					}
				}
				for i := sp.from; i < sp.to; i++ {
					data, t := Generate(&o, i, buf)
					res := out{i: i, truth: t, size: len(data)}
					if o.JSONL {
						res.data = append([]byte(nil), data...)
					} else {
						res.err = dw.writeFile(filepath.Base(t.Path), data)
						buf = data
					}
					select {
					case outs <- res:
					case <-ctx.Done():
						if dw != nil {
							dw.close()
						}
						return
					}
				}
				if dw != nil {
					dw.close()
				}
			}
		}()
	}
	go func() { wg.Wait(); close(outs) }()

	written := 0 // files written, in order
	var shard *os.File
	var shardW *bufio.Writer
	closeShard := func() error {
		if shard == nil {
			return nil
		}
		if err := shardW.Flush(); err != nil {
			return err
		}
		err := shard.Close()
		shard = nil
		return err
	}
	enc := json.NewEncoder(truth)
	var firstErr error
	// write writes a post whose turn has come.
	write := func(r out) error {
		if r.err != nil {
			return r.err
		}
		if o.JSONL {
			if r.i%JSONLShardSize == 0 {
				if err := closeShard(); err != nil {
					return err
				}
				name := fmt.Sprintf("shard-%04d.jsonl", r.i/JSONLShardSize)
				f, err := os.Create(filepath.Join(dir, name))
				if err != nil {
					return err
				}
				shard, shardW = f, bufio.NewWriterSize(f, 1<<20)
			}
			line, err := json.Marshal(jsonlLine{ID: Path(r.i), Text: string(r.data)})
			if err != nil {
				return err
			}
			shardW.Write(line)
			shardW.WriteByte('\n')
			r.truth.Line = r.i%JSONLShardSize + 1
			r.truth.Path = fmt.Sprintf("shard-%04d.jsonl", r.i/JSONLShardSize)
		}
		st.Files++
		st.Bytes += int64(r.size)
		return enc.Encode(r.truth)
	}
	inorder.Drain(outs, func(r out) int64 { return int64(r.i) }, 0, func(r out) {
		if firstErr != nil {
			return
		}
		if firstErr = write(r); firstErr != nil {
			cancel() // the workers stop: nothing more will be written
			return
		}
		written++
		if progress != nil && written%1000 == 0 {
			progress(int64(written), st.Bytes)
		}
	})
	if err := closeShard(); err != nil && firstErr == nil {
		firstErr = err
	}
	if firstErr == nil && ctx.Err() != nil {
		firstErr = ctx.Err()
	}
	if err := truth.Flush(); err != nil && firstErr == nil {
		firstErr = err
	}
	if progress != nil {
		progress(int64(written), st.Bytes)
	}
	return st, firstErr
}
