package pipeline

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
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
	Files            []string         `json:"files"`
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
	b, err := os.ReadFile(filepath.Join(out, ManifestName))
	if err != nil {
		return nil, fmt.Errorf("reading the manifest of %s: %w", out, err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(out, ManifestName), err)
	}
	return &m, nil
}

func (m *Manifest) write(out string) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return WriteFileAtomic(filepath.Join(out, ManifestName), append(b, '\n'))
}
