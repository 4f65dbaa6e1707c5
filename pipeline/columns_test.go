package pipeline

import (
	"bytes"
	"os"
	"slices"
	"testing"

	"github.com/alphanode/postscore/features"
	"github.com/alphanode/postscore/pipeline/internal/columns"
	"github.com/alphanode/postscore/scoring"
)

// TestGeneratedFilesAreCurrent fails when the column table has changed
// since row_gen.go and features' registry_gen.go were generated from it.
func TestGeneratedFilesAreCurrent(t *testing.T) {
	files, err := columns.Generate(columns.Scores, columns.Errors, columns.Duplicates)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not what the column table generates: run go generate ./pipeline", name)
		}
	}
}

// TestColumnTableIsComplete: every column has a name, a type, a meaning
// and a source.
func TestColumnTableIsComplete(t *testing.T) {
	if err := columns.Check(columns.Scores, columns.Errors, columns.Duplicates); err != nil {
		t.Error(err)
	}
}

// TestScoreColumns: each score has the columns ScoreColumns names, of the
// types reports read them as.
func TestScoreColumns(t *testing.T) {
	types := map[string]string{}
	for _, c := range scoresSchema() {
		types[c.Name] = c.DuckDB
	}
	for k := range scoring.NumScores {
		sc := ScoreColumns(k)
		for col, want := range map[string]string{sc.Value: "INTEGER", sc.Exact: "DOUBLE", sc.Claimed: "INTEGER", sc.Components: "STRUCT"} {
			if got := types[col]; len(got) < len(want) || got[:len(want)] != want {
				t.Errorf("score %s: column %s is %q, want %s", k, col, got, want)
			}
		}
	}
}

// TestRowNumber: RowNumber reads every numeric column of a row, and
// features' numeric registry is the columns read from Features.
func TestRowNumber(t *testing.T) {
	numeric := map[string]bool{"INTEGER": true, "BIGINT": true, "DOUBLE": true, "DATE": true}
	for _, c := range scoresSchema() {
		if _, ok := RowNumber(c.Name); ok != numeric[c.DuckDB] {
			t.Errorf("column %s (%s): RowNumber finds it: %v", c.Name, c.DuckDB, ok)
		}
	}
	var want []string
	for _, c := range columns.All(columns.Scores) {
		if c.Feature != "" {
			want = append(want, c.Name)
		}
	}
	slices.Sort(want)
	if got := features.NumericNames(); !slices.Equal(got, want) {
		t.Errorf("features' numeric features are %v, the column table's %v", got, want)
	}
	r := Row{ParagraphCount: 7, LastReviewed: new(int32(20000))}
	if v, ok := rowNumbers["paragraph_count"](&r); v != 7 || !ok {
		t.Errorf("paragraph_count: %v %v", v, ok)
	}
	if v, ok := rowNumbers["last_reviewed"](&r); v != 20000 || !ok {
		t.Errorf("last_reviewed: %v %v", v, ok)
	}
	if _, ok := rowNumbers["quality"](&r); ok {
		t.Error("a null quality reads as a number")
	}
}

func scoresSchema() []ColumnDoc {
	cols, _ := Schema(ScoresName)
	return cols
}
