package pipeline

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/alphanode/postscore/features/minhash"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"
)

// Manifest says how a run was made and what it produced (OUT/manifest.json).
// The Parquet files' key-value metadata carry the same facts.
type Manifest struct {
	PostscoreVersion string           `json:"postscore_version"`
	ModelName        string           `json:"model_name"`
	ModelVersion     string           `json:"model_version"`
	ModelHash        string           `json:"model_hash"`
	ModelFile        string           `json:"model_file"`
	HalfLifeDays     float64          `json:"model_half_life_days"`
	AsOf             string           `json:"as_of"`
	CommandLine      []string         `json:"command_line"`
	Corpus           []string         `json:"corpus"`
	Format           string           `json:"format"`
	TextField        string           `json:"text_field,omitempty"` // JSONL and Parquet corpora's --text-field
	IDField          string           `json:"id_field,omitempty"`   // and --id-field
	Include          []string         `json:"include,omitempty"`    // --include globs
	Exclude          []string         `json:"exclude,omitempty"`    // --exclude globs
	Workers          int              `json:"workers"`
	MaxBytes         int64            `json:"max_bytes"`
	Start            time.Time        `json:"start"`
	Resumes          int              `json:"resumes"`
	End              time.Time        `json:"end"`
	DurationSeconds  float64          `json:"duration_seconds"`
	Inputs           int64            `json:"inputs"`
	Rows             int64            `json:"rows"`
	Errors           int64            `json:"errors"`
	ErrorsByKind     map[string]int64 `json:"errors_by_kind"`
	Warnings         int64            `json:"warnings"`
	WarningsByKind   map[string]int64 `json:"warnings_by_kind"`
	PostsWithWarning int64            `json:"posts_with_warnings"`
	Bytes            int64            `json:"bytes"`
	PostsPerSecond   float64          `json:"posts_per_second"`
	MBPerSecond      float64          `json:"mb_per_second"`
	HiddenSkipped    int64            `json:"hidden_entries_skipped"`
	LoopsSkipped     int64            `json:"directory_loops_skipped"`
	OutputsSkipped   int64            `json:"postscore_outputs_skipped"` // files of postscore's own runs and gen's truth found in the corpus
	Skipped          map[string]int64 `json:"skipped"`                   // files in the corpus directories whose extension names no format --format auto reads, by extension (skipKey)
	Excluded         int64            `json:"excluded"`                  // files in the corpus directories that --include or --exclude left out
	Files            []FileStamp      `json:"files"`                     // the run's files but the manifest, each with its size and sha256
	Shard            *ShardInfo       `json:"shard,omitempty"`           // a shard's run: which shard, of which listing
	MergedShards     int              `json:"merged_shards,omitempty"`   // a merged run: how many shards it was merged from
	Duplicates       *minhash.Params  `json:"duplicates,omitempty"`      // the model's near-duplicate numbers, which the corpus-wide stage clusters by
}

// ManifestName is the manifest's file name in OUT.
const ManifestName = "manifest.json"

// KeyValues are the manifest's facts as Parquet key-value metadata.
func (m *Manifest) KeyValues() map[string]string {
	js, _ := json.Marshal(m)
	wk, _ := json.Marshal(m.WarningsByKind)
	ek, _ := json.Marshal(m.ErrorsByKind)
	cl, _ := json.Marshal(m.CommandLine)
	return map[string]string{
		"postscore.manifest":         string(js),
		"postscore.version":          m.PostscoreVersion,
		"postscore.model_name":       m.ModelName,
		"postscore.model_version":    m.ModelVersion,
		"postscore.model_hash":       m.ModelHash,
		"postscore.as_of":            m.AsOf,
		"postscore.command_line":     string(cl),
		"postscore.start":            m.Start.Format(time.RFC3339Nano),
		"postscore.end":              m.End.Format(time.RFC3339Nano),
		"postscore.inputs":           strconv.FormatInt(m.Inputs, 10),
		"postscore.rows":             strconv.FormatInt(m.Rows, 10),
		"postscore.errors":           strconv.FormatInt(m.Errors, 10),
		"postscore.errors_by_kind":   string(ek),
		"postscore.warnings_by_kind": string(wk),
		"postscore.posts_per_second": strconv.FormatFloat(m.PostsPerSecond, 'f', 1, 64),
		"postscore.mb_per_second":    strconv.FormatFloat(m.MBPerSecond, 'f', 2, 64),
	}
}

// ReadManifest reads OUT/manifest.json.
func ReadManifest(out string) (*Manifest, error) {
	m, err := readManifestFile(filepath.Join(out, ManifestName))
	if errors.Is(err, os.ErrNotExist) {
		if _, werr := os.Stat(filepath.Join(out, WorkDirName)); werr == nil {
			return nil, fmt.Errorf("%s holds no complete run (no %s, and a run in progress or interrupted in %s): wait for it to end, or finish it with 'postscore score ... --resume': %w", out, ManifestName, WorkDirName, err)
		}
	}
	return m, err
}

func readManifestFile(path string) (*Manifest, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the manifest: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &m, nil
}

// write writes the manifest into dir, synced.
func (m *Manifest) write(dir string) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return WriteFileAtomic(filepath.Join(dir, ManifestName), append(b, '\n'))
}

// File is the stamp of the named file, or false when the run has none.
func (m *Manifest) File(name string) (FileStamp, bool) {
	for _, f := range m.Files {
		if f.Name == name {
			return f, true
		}
	}
	return FileStamp{}, false
}

// VerifyRun reads OUT's manifest and checks that each file it lists is the
// one the run wrote (size and sha256): a reader that trusts OUT gets one
// complete run or an error that says what is wrong.
func VerifyRun(out string) (*Manifest, error) {
	m, err := ReadManifest(out)
	if err != nil {
		return nil, err
	}
	for _, want := range m.Files {
		if want.SHA256 == "" {
			continue // a manifest from before files carried stamps
		}
		got, err := stampFile(filepath.Join(out, want.Name))
		switch {
		case err != nil:
			return nil, fmt.Errorf("%s: %s, listed in its manifest, cannot be read: %w", out, want.Name, err)
		case got != want:
			return nil, fmt.Errorf("%s: %s is not the file its manifest lists (%d bytes, sha256 %.12s…; the manifest: %d bytes, %.12s…): the files are of different runs; score again", out, want.Name, got.Bytes, got.SHA256, want.Bytes, want.SHA256)
		}
	}
	return m, nil
}

// RecordFiles stamps the named files in OUT and lists them in its manifest
// (replacing what it said of them): for files a command writes into a run
// after it was committed, such as reports made again.
func RecordFiles(out string, names []string) error {
	m, err := ReadManifest(out)
	if err != nil {
		return err
	}
	for _, name := range names {
		stamp, err := stampFile(filepath.Join(out, name))
		if err != nil {
			return err
		}
		if i := slices.IndexFunc(m.Files, func(f FileStamp) bool { return f.Name == name }); i >= 0 {
			m.Files[i] = stamp
		} else {
			m.Files = append(m.Files, stamp)
		}
	}
	return m.write(out)
}
