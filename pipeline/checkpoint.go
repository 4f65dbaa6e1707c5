package pipeline

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
)

// A run writes its rows in parts of a fixed number of inputs under
// OUT/.postscore-work/, each part committed (renamed into place, then listed
// in state.json) as soon as it is complete. An interrupted run, even one
// killed with SIGKILL, keeps its committed parts; score --resume re-walks the
// corpus, skips the inputs the parts hold (checking that the corpus still
// lists the same files), and carries on. Each committed part's row groups are
// copied verbatim into scores.parquet and errors.parquet, which are put in
// place when every input is done (finalFiles).

// WorkDirName is the work directory of a run in progress, inside OUT.
const WorkDirName = ".postscore-work"

const stateName = "state.json"

// DefaultCheckpointInputs is how many inputs one part holds.
const DefaultCheckpointInputs = DefaultRowGroupRows

// runIdentity is everything that must match for a resume to give the rows
// an uninterrupted run would.
type runIdentity struct {
	PostscoreVersion string   `json:"postscore_version"`
	Corpus           []string `json:"corpus"` // absolute paths
	ModelHash        string   `json:"model_hash"`
	AsOf             string   `json:"as_of"`
	Format           string   `json:"format"`
	MaxBytes         int64    `json:"max_bytes"`
	PartInputs       int64    `json:"part_inputs"`
	Include          []string `json:"include,omitempty"` // --include globs
	Exclude          []string `json:"exclude,omitempty"` // --exclude globs
	Shard            string   `json:"shard,omitempty"`   // a shard's run: "2-of-7"
	ListingSHA256    string   `json:"listing_sha256,omitempty"`
}

// partInfo is one committed part.
type partInfo struct {
	Index            int              `json:"index"`
	Inputs           int64            `json:"inputs"`
	Rows             int64            `json:"rows"`
	Errors           int64            `json:"errors"`
	Bytes            int64            `json:"bytes"`
	Warnings         int64            `json:"warnings"`
	PostsWithWarning int64            `json:"posts_with_warnings"`
	WarningsByKind   map[string]int64 `json:"warnings_by_kind"`
	ErrorsByKind     map[string]int64 `json:"errors_by_kind"`
	DocPathsSHA256   string           `json:"doc_paths_sha256"` // of the part's doc_paths, in order
	LastDocPath      string           `json:"last_doc_path"`
	// The part's files as committed: a resume reuses a part only when its
	// files still have these sizes and checksums.
	ScoresFile  FileStamp `json:"scores_file"`
	ErrorsFile  FileStamp `json:"errors_file"`
	ListingFile FileStamp `json:"listing_file"` // what each input was when scored (listingName's file)
}

// runState is OUT/.postscore-work/state.json.
type runState struct {
	Identity    runIdentity `json:"identity"`
	Start       time.Time   `json:"start"`
	CommandLine []string    `json:"command_line"`
	Resumes     int         `json:"resumes"`
	Parts       []partInfo  `json:"parts"`
	Phase       string      `json:"phase,omitempty"` // "" while scoring; phasePublish once the final files are staged
	Staged      FileStamp   `json:"staged_manifest"` // the staged manifest, from the publish phase on (commit.go)
}

func (s *runState) inputs() int64 { return inputsOf(s.Parts) }

func readState(work string) (*runState, error) {
	b, err := os.ReadFile(filepath.Join(work, stateName))
	if err != nil {
		return nil, err
	}
	var s runState
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(work, stateName), err)
	}
	return &s, nil
}

func (s *runState) write(work string) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return WriteFileAtomic(filepath.Join(work, stateName), append(b, '\n'))
}

// identityOf is the identity of the complete run whose manifest is m; what
// a manifest does not record (the corpus's absolute paths, the checkpoint
// size) is taken from like.
func identityOf(m *Manifest, like runIdentity) runIdentity {
	id := runIdentity{PostscoreVersion: m.PostscoreVersion, Corpus: like.Corpus, ModelHash: m.ModelHash, AsOf: m.AsOf,
		Format: formatIdentity(m.Format, m.TextField, m.IDField), MaxBytes: m.MaxBytes, PartInputs: like.PartInputs,
		Include: m.Include, Exclude: m.Exclude}
	if m.Shard != nil {
		id.Shard, id.ListingSHA256 = m.Shard.name(), m.Shard.ListingSHA256
	}
	return id
}

// formatIdentity is how a run reads its inputs, as its identity records it.
func formatIdentity(format, textField, idField string) string {
	return format + " " + textField + " " + idField
}

// differences names what differs between the interrupted run and this one.
func (a runIdentity) differences(b runIdentity) []string {
	var d []string
	if a.PostscoreVersion != b.PostscoreVersion {
		d = append(d, fmt.Sprintf("postscore version %s, now %s", a.PostscoreVersion, b.PostscoreVersion))
	}
	if strings.Join(a.Corpus, "\x00") != strings.Join(b.Corpus, "\x00") {
		d = append(d, fmt.Sprintf("corpus %v, now %v", a.Corpus, b.Corpus))
	}
	if a.ModelHash != b.ModelHash {
		d = append(d, fmt.Sprintf("model hash %.12s…, now %.12s…", a.ModelHash, b.ModelHash))
	}
	if a.AsOf != b.AsOf {
		d = append(d, fmt.Sprintf("--as-of %s, now %s", a.AsOf, b.AsOf))
	}
	if a.Format != b.Format {
		d = append(d, fmt.Sprintf("--format %s, now %s", a.Format, b.Format))
	}
	if a.MaxBytes != b.MaxBytes {
		d = append(d, fmt.Sprintf("--max-bytes %d, now %d", a.MaxBytes, b.MaxBytes))
	}
	if !slices.Equal(a.Include, b.Include) {
		d = append(d, fmt.Sprintf("--include %q, now %q", a.Include, b.Include))
	}
	if !slices.Equal(a.Exclude, b.Exclude) {
		d = append(d, fmt.Sprintf("--exclude %q, now %q", a.Exclude, b.Exclude))
	}
	if a.Shard != b.Shard {
		d = append(d, fmt.Sprintf("shard %q, now %q", a.Shard, b.Shard))
	}
	if a.ListingSHA256 != b.ListingSHA256 {
		d = append(d, "the corpus listing (its files or their sizes) has changed")
	}
	if a.PartInputs != b.PartInputs {
		d = append(d, fmt.Sprintf("checkpoint size %d, now %d", a.PartInputs, b.PartInputs))
	}
	return d
}

func partName(kind string, i int) string { return fmt.Sprintf("%s-%06d.parquet", kind, i) }

func listingName(i int) string { return fmt.Sprintf("inputs-%06d.txt", i) }

// sinkPair is a scores file and its errors file, opened, committed and
// aborted together: a part, or the final files.
type sinkPair struct {
	scores *parquetSink[Row]
	errs   *parquetSink[ErrorRow]
}

// openSinkPair creates both files under temporary names in tmpDir, with
// the writers of prev when it holds a committed pair (their column buffers
// are kept), new ones when it is the zero sinkPair.
func openSinkPair(tmpDir, scoresPath, errorsPath string, rowGroup int, prev sinkPair) (sinkPair, error) {
	s, err := openSink(prev.scores, tmpDir, scoresPath, rowGroup)
	if err != nil {
		return sinkPair{}, err
	}
	e, err := openSink(prev.errs, tmpDir, errorsPath, rowGroup)
	if err != nil {
		s.Abort()
		return sinkPair{}, err
	}
	return sinkPair{scores: s, errs: e}, nil
}

// openSink starts path with prev's writer, or a new one when prev is nil.
func openSink[T any](prev *parquetSink[T], tmpDir, path string, rowGroup int) (*parquetSink[T], error) {
	if prev != nil {
		return prev.reuse(tmpDir, path)
	}
	return newParquetSinkIn[T](tmpDir, path, rowGroup, Version)
}

// commit writes both files' key-value metadata, closes them and renames
// them into place, synced if sync.
func (p sinkPair) commit(kv map[string]string, sync bool) error {
	if err := p.scores.commit(kv, sync); err != nil {
		p.errs.Abort()
		return err
	}
	return p.errs.commit(kv, sync)
}

func (p sinkPair) abort() {
	p.scores.Abort()
	p.errs.Abort()
}

// part is the part being written.
type part struct {
	sinkPair
	info    partInfo
	paths   hash.Hash
	line    []byte // hashPath's and listInput's buffer
	listing *atomicFile
	list    *bufio.Writer
}

// newPart starts part index; prev, when not nil, is the part committed
// before it, whose writers it takes over.
func newPart(work string, index, rowGroup int, prev *part) (*part, error) {
	var reuse sinkPair
	if prev != nil {
		reuse = prev.sinkPair
	}
	files, err := openSinkPair(work, filepath.Join(work, partName("scores", index)), filepath.Join(work, partName("errors", index)), rowGroup, reuse)
	if err != nil {
		return nil, err
	}
	listing, err := createAtomic(filepath.Join(work, listingName(index)))
	if err != nil {
		files.abort()
		return nil, err
	}
	return &part{sinkPair: files, info: partInfo{Index: index, WarningsByKind: map[string]int64{}, ErrorsByKind: map[string]int64{}},
		paths: sha256.New(), listing: listing, list: bufio.NewWriterSize(listing, 64<<10)}, nil
}

// listInput adds one input to the part's listing.
func (p *part) listInput(docPath string, src sourceStamp) {
	p.line = appendListing(p.line[:0], docPath, src)
	p.list.Write(p.line)
}

// hashPath adds a doc_path, and a newline, to the part's paths hash
// (through a buffer of its own: a string would be copied twice a row).
func (p *part) hashPath(docPath string) {
	p.line = append(append(p.line[:0], docPath...), '\n')
	p.paths.Write(p.line)
}

// commit closes the part's files and renames them into place, synced if
// sync (a checkpoint), and records their stamps.
func (p *part) commit(sync bool) error {
	p.info.DocPathsSHA256 = hex.EncodeToString(p.paths.Sum(nil))
	if err := p.list.Flush(); err != nil {
		p.abort()
		return fmt.Errorf("writing %s: %w", p.listing.final, err)
	}
	if err := p.listing.finish(sync); err != nil {
		p.sinkPair.abort()
		return err
	}
	if err := p.sinkPair.commit(nil, sync); err != nil {
		return err
	}
	p.info.ScoresFile, p.info.ErrorsFile, p.info.ListingFile = p.scores.file.stamp(), p.errs.file.stamp(), p.listing.stamp()
	return nil
}

func (p *part) abort() {
	p.sinkPair.abort()
	p.listing.abort()
}

// cleanWork removes what a killed run left half-written: temporary files
// and the final files it had begun to stage.
func cleanWork(work string) {
	os.RemoveAll(filepath.Join(work, stageDirName))
	entries, _ := os.ReadDir(work)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") && strings.Contains(e.Name(), ".tmp-") {
			os.Remove(filepath.Join(work, e.Name()))
		}
	}
}

// finalFiles are scores.parquet and errors.parquet as they are assembled,
// under temporary names in the work directory: each part is copied in once
// it is committed, so that when the last input is scored only the last part
// is left to copy and to sync. They are then staged for the commit
// (commit.go); an interrupted run leaves them to cleanWork (or --force), and
// its resume copies the parts again.
type finalFiles struct {
	sinkPair
	merged int // the parts copied in
}

func openFinal(out, work string, rowGroup int) (*finalFiles, error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", out, err)
	}
	files, err := openSinkPair(work, filepath.Join(out, ScoresName), filepath.Join(out, ErrorsName), rowGroup, sinkPair{})
	if err != nil {
		return nil, err
	}
	return &finalFiles{sinkPair: files}, nil
}

// add copies in the parts not copied yet and syncs scores.parquet (errors.parquet
// is small), so that the final sync finds little left to write.
func (f *finalFiles) add(work string, parts []partInfo) error {
	if err := f.copyIn(work, parts); err != nil {
		return err
	}
	if err := f.scores.file.f.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", f.scores.file.final, err)
	}
	return nil
}

// copyIn copies in the parts not copied yet.
func (f *finalFiles) copyIn(work string, parts []partInfo) error {
	if err := mergeParts(work, "scores", parts[f.merged:], f.scores); err != nil {
		return err
	}
	if err := mergeParts(work, "errors", parts[f.merged:], f.errs); err != nil {
		return err
	}
	f.merged = len(parts)
	return nil
}

// mergeParts copies the parts' row groups into one file.
func mergeParts[T any](work, kind string, parts []partInfo, dst *parquetSink[T]) error {
	for _, p := range parts {
		if err := copyRowGroups(filepath.Join(work, partName(kind, p.Index)), dst); err != nil {
			return err
		}
	}
	return nil
}

// copyRowGroups copies the row groups of the Parquet file at path, verbatim
// where parquet-go can (its column chunks spliced in, not decoded), into dst.
func copyRowGroups[T any](path string, dst *parquetSink[T]) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("opening %s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	pf, err := parquet.OpenFile(f, fi.Size())
	if err != nil {
		return fmt.Errorf("%s is damaged: %w (score it again with --force)", path, err)
	}
	for _, rg := range pf.RowGroups() {
		if rg.NumRows() == 0 {
			continue
		}
		if _, err := dst.w.WriteRowGroup(rg); err != nil {
			return fmt.Errorf("copying the rows of %s: %w", path, err)
		}
	}
	return nil
}

var errNothingToResume = errors.New("nothing to resume")
