package gen

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/alphanode/postscore/pipeline/pool"
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
// progress (may be nil) is called with the posts done so far. Workers take
// whole directories (spans of 1,000 posts) at a time, so that no two create
// files in the same directory at once: creating files is most of the cost,
// and writers in one directory wait on its lock. The truth file, and a
// JSONL corpus's shards, are written in post order as the spans come back.
func Write(ctx context.Context, dir string, o Options, workers int, progress func(done int64, bytes int64)) (Stats, error) {
	if o.JSONL && o.Markdown {
		return Stats{}, errors.New("writing a corpus: JSONL shards hold export-format posts, not Markdown")
	}
	if err := makeDirs(dir, &o); err != nil {
		return Stats{}, err
	}
	truthF, err := os.Create(filepath.Join(dir, TruthName))
	if err != nil {
		return Stats{}, fmt.Errorf("creating truth file: %w", err)
	}
	defer truthF.Close()
	c := newCollector(dir, &o, truthF)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	spans := pool.Pool[span, []written]{Workers: workers, InFlight: 2 * workers, Ready: 1,
		NewWorker: func() func(span) []written { return (&spanWriter{ctx: ctx, dir: dir, o: &o}).write }}
	err = spans.Run(ctx, feedSpans(o.N), func(posts []written) error {
		for _, w := range posts {
			if err := c.write(w); err != nil {
				cancel() // the workers stop: nothing more will be written
				return err
			}
			if progress != nil && c.st.Files%1000 == 0 {
				progress(c.st.Files, c.st.Bytes)
			}
		}
		return nil
	})
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	err = c.close(err)
	if progress != nil {
		progress(c.st.Files, c.st.Bytes)
	}
	return c.st, err
}

// makeDirs makes dir, its subdirectories of 1,000 posts (unless the corpus
// is JSONL) and gen's marker.
func makeDirs(dir string, o *Options) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", dir, err)
	}
	if !o.JSONL {
		for d := 0; d <= (o.N-1)/1000; d++ {
			if err := os.MkdirAll(filepath.Join(dir, fmt.Sprintf("%04d", d)), 0o755); err != nil {
				return fmt.Errorf("creating %s: %w", dir, err)
			}
		}
	}
	if err := os.WriteFile(filepath.Join(dir, MarkerName), []byte(markerText), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", MarkerName, err)
	}
	return nil
}

// span is the posts from to to (excluded): one directory's.
type span struct{ from, to int }

// feedSpans puts the spans of n posts, in order.
func feedSpans(n int) func(context.Context, func(span) error) error {
	return func(_ context.Context, put func(span) error) error {
		for from := 0; from < n; from += 1000 {
			if err := put(span{from, min(from+1000, n)}); err != nil {
				return err
			}
		}
		return nil
	}
}

// written is one post a worker generated, as the collector takes it.
type written struct {
	i     int
	data  []byte // JSONL: the post's text, written by the collector
	size  int
	truth Truth
	err   error // writing its file failed
}

// spanWriter is one worker: it generates the posts of a span and, unless
// the corpus is JSONL, writes their files.
type spanWriter struct {
	ctx context.Context
	dir string
	o   *Options
	buf []byte // the last post's bytes, reused for the next
}

// write generates the span's posts, stopping early when ctx is done.
func (w *spanWriter) write(sp span) []written {
	var dw *dirWriter
	if !w.o.JSONL {
		var err error
		if dw, err = openDirWriter(filepath.Join(w.dir, filepath.Dir(Path(sp.from)))); err != nil {
			return []written{{i: sp.from, truth: Truth{Path: Path(sp.from)}, err: err}}
		}
		defer dw.close()
	}
	posts := make([]written, 0, sp.to-sp.from)
	for i := sp.from; i < sp.to && w.ctx.Err() == nil; i++ {
		data, t := Generate(w.o, i, w.buf)
		res := written{i: i, truth: t, size: len(data)}
		if w.o.JSONL {
			res.data = append([]byte(nil), data...)
		} else {
			res.err = dw.writeFile(filepath.Base(t.Path), data)
			w.buf = data
		}
		posts = append(posts, res)
	}
	return posts
}

// collector writes, in post order, each post's truth line and, for a JSONL
// corpus, its line in the shard.
type collector struct {
	dir    string
	o      *Options
	st     Stats
	truth  *bufio.Writer
	enc    *json.Encoder // into truth
	shard  *os.File      // JSONL: the shard being written
	shardW *bufio.Writer
}

func newCollector(dir string, o *Options, truth *os.File) *collector {
	c := &collector{dir: dir, o: o, truth: bufio.NewWriterSize(truth, 1<<20)}
	c.enc = json.NewEncoder(c.truth)
	return c
}

// write writes a post whose turn has come.
func (c *collector) write(r written) error {
	if r.err != nil {
		return r.err
	}
	if c.o.JSONL {
		if err := c.writeLine(r); err != nil {
			return err
		}
		r.truth.Path, r.truth.Line = jsonlPlace(r.i)
		if d := r.truth.Duplicate; d != nil {
			d.Of, d.OfLine = jsonlPlace(d.of)
		}
	}
	c.st.Files++
	c.st.Bytes += int64(r.size)
	return c.enc.Encode(r.truth)
}

// jsonlPlace is where post i is in a JSONL corpus: its shard, and its line
// there (1-based).
func jsonlPlace(i int) (string, int) {
	return fmt.Sprintf("shard-%04d.jsonl", i/JSONLShardSize), i%JSONLShardSize + 1
}

// writeLine writes a post's line in its JSONL shard, starting the shard at
// its first post.
func (c *collector) writeLine(r written) error {
	if r.i%JSONLShardSize == 0 {
		if err := c.closeShard(); err != nil {
			return err
		}
		name, _ := jsonlPlace(r.i)
		f, err := os.Create(filepath.Join(c.dir, name))
		if err != nil {
			return err
		}
		c.shard, c.shardW = f, bufio.NewWriterSize(f, 1<<20)
	}
	line, err := json.Marshal(jsonlLine{ID: Path(r.i), Text: string(r.data)})
	if err != nil {
		return err
	}
	c.shardW.Write(line)
	c.shardW.WriteByte('\n')
	return nil
}

func (c *collector) closeShard() error {
	if c.shard == nil {
		return nil
	}
	if err := c.shardW.Flush(); err != nil {
		return err
	}
	err := c.shard.Close()
	c.shard = nil
	return err
}

// close closes the last shard and flushes the truth file; it returns err,
// or else what failed.
func (c *collector) close(err error) error {
	if cerr := c.closeShard(); cerr != nil && err == nil {
		err = cerr
	}
	if ferr := c.truth.Flush(); ferr != nil && err == nil {
		err = ferr
	}
	return err
}
