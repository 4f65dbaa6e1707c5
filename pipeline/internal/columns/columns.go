// Package columns declares each column of scores.parquet and errors.parquet
// once (table.go): its name, type, meaning and where its value comes from.
// Everything else about a column is derived from that declaration:
// pipeline's Row, ErrorRow and BuildRow and features' numeric registry are
// generated from it (`go generate ./pipeline`, which runs gencolumns), and
// pipeline's schema listing reads the meanings from it at run time.
//
// The package imports nothing of postscore's, so that the generator still
// builds when the files it writes no longer compile.
package columns

import (
	"errors"
	"fmt"
	"strings"
)

// Type is a column's value type: its Go type in Row and the Parquet type
// parquet-go writes for that.
type Type uint8

// The column types.
const (
	Int32 Type = iota + 1
	Int64
	Double
	Bool
	String
	Date         // days since 1970-01-01 in an int32, Parquet's DATE
	Strings      // a list of strings
	Entities     // a list of pipeline.EntityRow
	ImageSources // a list of pipeline.ImageSourceRow
	Components   // a list of pipeline.ComponentRow
	Checks       // a list of pipeline.CheckRow
	Bytes        // a byte string, Parquet's BYTE_ARRAY (DuckDB's BLOB)
)

// goTypes is each type's Go type in a row.
var goTypes = map[Type]string{
	Int32: "int32", Int64: "int64", Double: "float64", Bool: "bool", String: "string", Date: "int32",
	Strings: "[]string", Entities: "[]EntityRow", ImageSources: "[]ImageSourceRow", Components: "[]ComponentRow", Checks: "[]CheckRow",
	Bytes: "[]byte",
}

// IsList reports whether t is a list (a LIST column, never null: a row
// without elements has an empty list).
func (t Type) IsList() bool { return t >= Strings && t <= Checks }

// IsNumber reports whether a value of t reads as a number.
func (t Type) IsNumber() bool { return t == Int32 || t == Int64 || t == Double || t == Date }

// Column is one column of a Parquet file.
type Column struct {
	Name     string // snake_case; the row's field is its CamelCase (GoName)
	Type     Type
	Nullable bool   // may be null: the row's field is a pointer
	Dict     bool   // dictionary-encoded: few distinct values
	Meaning  string // what `postscore schema` says it holds
	// Where a row of scores.parquet gets the value: exactly one of Feature
	// and Read (errors.parquet's columns are set by the stage that fails,
	// and have neither).
	//
	// Feature names a measured number: the path of its field in
	// features.Features, such as "Gopher.DupParaFrac". Scoring models name
	// it by the column's name (features' numeric registry). The field is an
	// int (an INT32 column), a float64 (DOUBLE), or a pointer to an int64
	// or float64 (a nullable INT32 or DOUBLE).
	Feature string
	// Read is a Go expression of BuildRow's values, of the field's Go type:
	// doc (*DocInfo), p (*post.Post), m (&p.Meta), f
	// (*features.Features), s (*scoring.Scores), prov (*Provenance) and
	// comps (the scores' component rows, by scoring.ScoreIndex).
	Read string
	// OlderRunsLack marks a column that runs written by an earlier
	// postscore do not have: report and compare read such a run without it
	// (and say what they cannot tell), where any other missing column
	// makes the run unreadable.
	OlderRunsLack bool
}

// Group is columns that sit together in a row, under a heading.
type Group struct {
	Heading string // a sentence, as it heads the group in Row
	Columns []Column
}

// All lists the columns of groups in order.
func All(groups []Group) []Column {
	var all []Column
	for _, g := range groups {
		all = append(all, g.Columns...)
	}
	return all
}

// initialisms are the words of a column name that are upper-case in Go.
var initialisms = map[string]string{"id": "ID", "ai": "AI", "sha256": "SHA256", "url": "URL"}

// GoName is the row field of the column: post_id is PostID.
func (c *Column) GoName() string {
	var b strings.Builder
	for _, w := range strings.Split(c.Name, "_") {
		if up, ok := initialisms[w]; ok {
			b.WriteString(up)
		} else if w != "" {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}

// GoType is the row field's Go type.
func (c *Column) GoType() string {
	if c.Nullable {
		return "*" + goTypes[c.Type]
	}
	return goTypes[c.Type]
}

// Tag is the row field's parquet struct tag.
func (c *Column) Tag() string {
	tag := c.Name
	if c.Nullable {
		tag += ",optional"
	}
	if c.Dict {
		tag += ",dict"
	}
	if c.Type == Date {
		tag += ",date"
	}
	if c.Type.IsList() {
		tag += ",list"
	}
	return tag
}

// Check reports every column of the tables that lacks a name, a type, a
// meaning or (in scores) a source, or that is declared in a way no row can
// hold. The tables after scores are set by the stages that write them.
func Check(scores []Group, others ...[]Group) error {
	var problems []error
	for _, g := range scores {
		problems = append(problems, checkGroup(g, true)...)
	}
	problems = append(problems, checkUnique(All(scores))...)
	for _, table := range others {
		for _, g := range table {
			problems = append(problems, checkGroup(g, false)...)
		}
		problems = append(problems, checkUnique(All(table))...)
	}
	return errors.Join(problems...)
}

func checkGroup(g Group, scores bool) []error {
	var problems []error
	if g.Heading == "" {
		problems = append(problems, fmt.Errorf("a group of %d columns has no heading", len(g.Columns)))
	}
	for _, c := range g.Columns {
		if err := c.check(scores); err != nil {
			problems = append(problems, fmt.Errorf("column %q: %w", c.Name, err))
		}
	}
	return problems
}

func (c *Column) check(scores bool) error {
	switch {
	case !isSnakeCase(c.Name):
		return errors.New("the name is not snake_case")
	case goTypes[c.Type] == "":
		return errors.New("no type")
	case c.Meaning == "":
		return errors.New("no meaning")
	case c.Nullable && c.Type.IsList():
		return errors.New("a list is never null (a row without elements has an empty list)")
	case c.Nullable && c.Type == Bytes:
		return errors.New("a byte string is never null (an empty one says there is none)")
	case !scores && (c.Feature != "" || c.Read != ""):
		return errors.New("only a scores column has a Feature or Read: the others are set by the stage that writes them")
	case scores && (c.Feature == "") == (c.Read == ""):
		return errors.New("no source: want exactly one of Feature and Read")
	case c.Feature != "" && c.Type != Int32 && c.Type != Double:
		return errors.New("a feature is an INT32 or DOUBLE column")
	}
	return nil
}

func checkUnique(cols []Column) []error {
	var problems []error
	seen := map[string]bool{}
	for _, c := range cols {
		if seen[c.GoName()] {
			problems = append(problems, fmt.Errorf("column %q: a second column with the field name %s", c.Name, c.GoName()))
		}
		seen[c.GoName()] = true
	}
	return problems
}

// isSnakeCase reports whether name is lower-case words and numbers joined
// by single underscores.
func isSnakeCase(name string) bool {
	if name == "" || name[0] == '_' || name[len(name)-1] == '_' || strings.Contains(name, "__") {
		return false
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}
