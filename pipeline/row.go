package pipeline

// Row, ErrorRow and BuildRow (row_gen.go) and features' numeric registry
// are generated from the column table in pipeline/internal/columns: to add
// or change a column, edit its entry there and run `go generate ./pipeline`.
// This file holds the lists' element types and the conversions the table's
// Read expressions call.
//
//go:generate go run ./internal/gencolumns

import (
	"fmt"

	"github.com/alphanode/postscore/features"
	"github.com/alphanode/postscore/features/post"
	"github.com/alphanode/postscore/scoring"
)

// EntityRow is one element of the entities list.
type EntityRow struct {
	Name string `parquet:"name"`
	Type string `parquet:"type"`
}

// ImageSourceRow is one element of the image_sources list.
type ImageSourceRow struct {
	Source  string `parquet:"source"`
	URL     string `parquet:"url"`
	Caption string `parquet:"caption"`
}

// ComponentRow is one scoring component evaluated on the post: the
// fields of scoring.ComponentResult, as the *_components columns' meaning
// in the column table lists them. Value is null for a null feature; the
// component then counted its missing value (UsedMissing, CurveValue) or
// was skipped (CurveValue null too).
type ComponentRow struct {
	Feature     string   `parquet:"feature,dict"`
	Value       *float64 `parquet:"value,optional"`
	CurveValue  *float64 `parquet:"curve_value,optional"`
	Weight      float64  `parquet:"weight,dict"`
	Points      float64  `parquet:"points"`
	Lost        float64  `parquet:"lost"`
	UsedMissing bool     `parquet:"used_missing"`
}

// CheckRow is one element of the readability_checks list: a readability
// check's value and light (features.CheckResult).
type CheckRow struct {
	Check string  `parquet:"check,dict"`
	Value float64 `parquet:"value"`
	Light *string `parquet:"light,optional,dict"`
}

// checkRows are the rows of a post's readability checks.
func checkRows(cs []features.CheckResult) []CheckRow {
	rows := make([]CheckRow, len(cs))
	for i, c := range cs {
		rows[i] = CheckRow{Check: c.Check, Value: c.Value}
		if c.Light != "" {
			light := string(c.Light)
			rows[i].Light = &light
		}
	}
	return rows
}

// componentFieldsOlderRunsLack are the ComponentRow fields that runs of an
// earlier postscore lack (OlderRunsMayLack): a field added to ComponentRow
// is listed here, as a column added to the table says OlderRunsLack.
var componentFieldsOlderRunsLack = []string{"used_missing"}

// Stages at which an input can fail.
const (
	StageRead    = "read"
	StageParse   = "parse"
	StageMeasure = "measure"
	StageScore   = "score"
)

// Provenance is what every row and output file says about how it was made.
type Provenance struct {
	ScorerVersion string
	ModelName     string
	ModelVersion  string
	ModelHash     string
}

// The conversions of values on their way into a row: i32 and i32p for the
// INT32 features, the others named by the table's Read expressions.

// i32 is an int count as an INT32 column, held within the int32 range.
func i32(v int) int32 { return int32(min(max(v, -1<<31), 1<<31-1)) }

// i32p is a nullable int64 as a nullable INT32 column, held within the
// int32 range.
func i32p(p *int64) *int32 {
	if p == nil {
		return nil
	}
	v := int32(min(max(*p, -1<<31), 1<<31-1))
	return &v
}

// optString is s, null when empty.
func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// textHash is the body's text_hash: 16 hex digits, null without words.
func textHash(f *features.Features) *string {
	if f.Signature.Bins == nil {
		return nil
	}
	h := fmt.Sprintf("%016x", f.Signature.TextHash)
	return &h
}

// optDate is a nullable date as a nullable DATE column.
func optDate(d *post.Date) *int32 {
	if d == nil {
		return nil
	}
	v := int32(*d)
	return &v
}

// postID is the post's identity across runs: its own id, else its path.
func postID(doc *DocInfo, p *post.Post) string {
	if p.PostID == "" {
		return doc.DocPath
	}
	return p.PostID
}

// site is the site the meta header names, null without one.
func site(m *post.Meta) *string {
	if !m.Present {
		return nil
	}
	return optString(m.Site)
}

func entityRows(es []post.Entity) []EntityRow {
	var rows []EntityRow
	for _, e := range es {
		rows = append(rows, EntityRow(e))
	}
	return rows
}

func imageSourceRows(ss []post.ImageSource) []ImageSourceRow {
	var rows []ImageSourceRow
	for _, s := range ss {
		rows = append(rows, ImageSourceRow(s))
	}
	return rows
}

// componentRows are the four scores' components as rows, by score, in one
// allocation.
func componentRows(s *scoring.Scores) (rows [scoring.NumScores][]ComponentRow) {
	n := 0
	for k := range scoring.NumScores {
		n += len(s.At(k).Components)
	}
	all := make([]ComponentRow, n)
	for k := range scoring.NumScores {
		cs := s.At(k).Components
		rows[k], all = all[:len(cs):len(cs)], all[len(cs):]
		for i, c := range cs {
			rows[k][i] = ComponentRow{Feature: c.Feature, Value: c.Value, CurveValue: c.CurveValue, Weight: c.Weight, Points: c.Points, Lost: c.Lost, UsedMissing: c.UsedMissing}
		}
	}
	return rows
}
