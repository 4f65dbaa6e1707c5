package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"

	"github.com/alphanode/postscore/features/minhash"
	"github.com/alphanode/postscore/pipeline/dedup"
	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/apache/arrow/go/v17/parquet/file"
	"github.com/apache/arrow/go/v17/parquet/pqarrow"
)

// writeDuplicates is the corpus-wide near-duplicate stage: it reads the
// signatures of scores.parquet in dir, clusters them (package dedup) with
// p, and writes dir/duplicates.parquet, a row a post in a cluster, with
// the key-value metadata kv; texts (nil: none) reads posts again for the
// sentences that differ.
func writeDuplicates(dir string, p minhash.Params, kv map[string]string, texts textSource) (FileStamp, error) {
	scores := filepath.Join(dir, ScoresName)
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(stageMemoryLimit(scores, p.Bins)))
	corpus, err := readSignatures(scores, p.Bins)
	if err != nil {
		return FileStamp{}, err
	}
	clusters := dedup.Find(corpus, p)
	names, err := readNames(scores, clusters)
	if err != nil {
		return FileStamp{}, err
	}
	pairs, err := differingSentences(corpus, clusters, names, texts)
	if err != nil {
		return FileStamp{}, err
	}
	sink, err := newParquetSink[DuplicateRow](filepath.Join(dir, DuplicatesName), DefaultRowGroupRows, Version)
	if err != nil {
		return FileStamp{}, err
	}
	for k, cl := range clusters {
		for _, row := range duplicateRows(k+1, &cl, names, pairs) {
			if err := sink.Write(row); err != nil {
				sink.Abort()
				return FileStamp{}, err
			}
		}
	}
	if err := sink.Commit(kv); err != nil {
		return FileStamp{}, err
	}
	return sink.file.stamp(), nil
}

// stageMemoryLimit is the Go heap's soft limit while the stage runs: what it
// holds a post (the signature and about 40 bytes) for each row of the
// scores.parquet at path, and 256 MiB besides, or the limit already set if
// that is more; a limit the user set with GOMEMLIMIT is left as it is.
// Without a limit Go's collector lets the heap grow to twice the
// signatures before it collects.
func stageMemoryLimit(path string, bins int) int64 {
	limit := debug.SetMemoryLimit(-1)
	if os.Getenv("GOMEMLIMIT") != "" { // the user's limit stands
		return limit
	}
	rows, err := parquetRows(path)
	if err != nil {
		return limit
	}
	need := rows*int64(bins+40) + 256<<20
	if limit == math.MaxInt64 { // none set
		return need
	}
	return max(limit, need)
}

// parquetRows is the number of rows of the Parquet file at path.
func parquetRows(path string) (int64, error) {
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		return 0, err
	}
	defer rdr.Close()
	return rdr.NumRows(), nil
}

// duplicateRows are cluster cl's rows, numbered id.
func duplicateRows(id int, cl *dedup.Cluster, names map[int]postName, pairs map[int]sentencePair) []DuplicateRow {
	canon := names[cl.Canonical]
	rows := make([]DuplicateRow, len(cl.Members))
	for k, m := range cl.Members {
		rows[k] = DuplicateRow{
			ClusterID: int32(id), ClusterSize: int32(len(cl.Members)),
			DocPath: names[m.Index].docPath, PostID: names[m.Index].postID,
			Match: string(m.Match), Similarity: m.Similarity,
			CanonicalDocPath: canon.docPath, CanonicalPostID: canon.postID, CanonicalRule: string(cl.Rule),
			Sentence: pairs[m.Index].sentence, CanonicalSentence: pairs[m.Index].canonical,
		}
	}
	return rows
}

// postName is a post's doc_path and post_id.
type postName struct{ docPath, postID string }

// readSignatures reads what clustering needs of each row of the
// scores.parquet at path: minhash, text_hash and last_reviewed.
func readSignatures(path string, bins int) (*dedup.Corpus, error) {
	var corpus *dedup.Corpus
	err := eachBatch(path, []string{"minhash", "text_hash", "last_reviewed"}, func(rows int64, rec arrow.Record, _ int) error {
		if corpus == nil {
			corpus = dedup.NewCorpus(bins, int(rows))
		}
		sigs, ok1 := rec.Column(0).(*array.Binary)
		hashes, ok2 := rec.Column(1).(*array.String)
		dates, ok3 := rec.Column(2).(*array.Date32)
		if !ok1 || !ok2 || !ok3 {
			return fmt.Errorf("%s: minhash, text_hash or last_reviewed is not of the type postscore writes", path)
		}
		for i := range int(rec.NumRows()) {
			if err := addSignature(corpus, sigs.Value(i), hashes, dates, i); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
		}
		return nil
	})
	if corpus == nil {
		corpus = dedup.NewCorpus(bins, 0)
	}
	return corpus, err
}

// addSignature adds row i of a batch to corpus.
func addSignature(corpus *dedup.Corpus, sig []byte, hashes *array.String, dates *array.Date32, i int) error {
	var textHash uint64
	if !hashes.IsNull(i) {
		h, err := strconv.ParseUint(hashes.Value(i), 16, 64)
		if err != nil {
			return fmt.Errorf("text_hash %q is not 16 hex digits", hashes.Value(i))
		}
		textHash = h
	}
	date := int32(dedup.NoDate)
	if !dates.IsNull(i) {
		date = int32(dates.Value(i))
	}
	if len(sig) != 0 && len(sig) != corpus.Bins() {
		return fmt.Errorf("a minhash signature of %d bytes where the model has %d bins", len(sig), corpus.Bins())
	}
	corpus.Add(sig, textHash, date)
	return nil
}

// readNames reads the doc_path and post_id of the clusters' posts from the
// scores.parquet at path.
func readNames(path string, clusters []dedup.Cluster) (map[int]postName, error) {
	names := map[int]postName{}
	for _, cl := range clusters {
		for _, m := range cl.Members {
			names[m.Index] = postName{}
		}
	}
	if len(names) == 0 {
		return names, nil
	}
	err := eachBatch(path, []string{"doc_path", "post_id"}, func(_ int64, rec arrow.Record, first int) error {
		docPaths, postIDs := stringsOf(rec.Column(0)), stringsOf(rec.Column(1))
		for i := range int(rec.NumRows()) {
			if _, ok := names[first+i]; ok {
				d, _ := docPaths.at(i)
				id, _ := postIDs.at(i)
				names[first+i] = postName{docPath: d, postID: id}
			}
		}
		return nil
	})
	return names, err
}

// eachBatch calls fn with each record batch of the named columns of the
// Parquet file at path, in order: the file's row count, the batch, and the
// index of its first row.
func eachBatch(path string, columns []string, fn func(rows int64, rec arrow.Record, first int) error) error {
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		return fmt.Errorf("opening %s: %w", path, err)
	}
	defer rdr.Close()
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{BatchSize: 8192}, memory.DefaultAllocator)
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	leaves := make([]int, len(columns))
	for k, name := range columns {
		if leaves[k] = rdr.MetaData().Schema.ColumnIndexByName(name); leaves[k] < 0 {
			return fmt.Errorf("%s has no column %s", path, name)
		}
	}
	rr, err := fr.GetRecordReader(context.Background(), leaves, nil)
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	defer rr.Release()
	first := 0
	for rr.Next() {
		rec := rr.Record()
		if err := fn(rdr.NumRows(), rec, first); err != nil {
			return err
		}
		first += int(rec.NumRows())
	}
	if err := rr.Err(); err != nil && !errors.Is(err, io.EOF) { // the reader says io.EOF at its end
		return fmt.Errorf("reading %s: %w", path, err)
	}
	return nil
}
