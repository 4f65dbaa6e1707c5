// Command equalrows checks that two runs wrote the same rows: every column of
// every row of scores.parquet and errors.parquet, in the same order, with the
// same column names and types, except the columns named by -ignore
// (scorer_version always: it names the build). DuckDB does the comparing, so
// the check does not rely on postscore's own Parquet reader.
//
//	go run ./scripts/equalrows OLD_OUT NEW_OUT
//	go run ./scripts/equalrows -ignore quality,quality_exact OLD_OUT NEW_OUT
//
// It prints one line per file and, for a difference, the first differing rows
// of each side; it exits 1 when anything differs.
package main

import (
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	_ "github.com/duckdb/duckdb-go/v2"
)

// alwaysIgnored are the columns that differ between any two builds.
var alwaysIgnored = []string{"scorer_version"}

// shownRows is how many differing rows of each side are printed.
const shownRows = 3

func main() {
	ignore := flag.String("ignore", "", "comma-separated columns expected to differ (besides scorer_version)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: equalrows [-ignore COLS] OLD_OUT NEW_OUT")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 2 {
		flag.Usage()
		os.Exit(2)
	}
	ignored := alwaysIgnored
	if *ignore != "" {
		ignored = append(ignored, strings.Split(*ignore, ",")...)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		fmt.Fprintln(os.Stderr, "equalrows: opening DuckDB:", err)
		os.Exit(2)
	}
	defer db.Close()
	same := true
	for _, name := range []string{"scores.parquet", "errors.parquet"} {
		ok, err := compareFile(db, filepath.Join(flag.Arg(0), name), filepath.Join(flag.Arg(1), name), ignored)
		if err != nil {
			fmt.Fprintf(os.Stderr, "equalrows: %s: %v\n", name, err)
			os.Exit(2)
		}
		same = same && ok
	}
	if !same {
		os.Exit(1)
	}
}

// compareFile reports whether old and new hold the same schema and the same
// rows in the same order, the ignored columns aside.
func compareFile(db *sql.DB, old, new string, ignored []string) (bool, error) {
	oldCols, err := columns(db, old)
	if err != nil {
		return false, err
	}
	newCols, err := columns(db, new)
	if err != nil {
		return false, err
	}
	// An ignored column is meant to change, its type too (a struct that
	// gains a field): it is left out of the schemas compared.
	oldKept, newKept := withoutIgnored(oldCols, ignored), withoutIgnored(newCols, ignored)
	if strings.Join(oldKept, ", ") != strings.Join(newKept, ", ") {
		fmt.Printf("DIFFERENT  %s: schemas differ\n  old: %s\n  new: %s\n", filepath.Base(new), strings.Join(oldKept, ", "), strings.Join(newKept, ", "))
		return false, nil
	}
	list := selectList(newCols, ignored)
	sel := func(path string) string {
		// file_row_number makes each row's place part of what is compared.
		return fmt.Sprintf("SELECT %s FROM read_parquet('%s', file_row_number = true)", list, path)
	}
	onlyOld, err := rowsOf(db, sel(old)+" EXCEPT ALL "+sel(new))
	if err != nil {
		return false, err
	}
	onlyNew, err := rowsOf(db, sel(new)+" EXCEPT ALL "+sel(old))
	if err != nil {
		return false, err
	}
	oldRows, newRows := countRows(db, old), countRows(db, new)
	if len(onlyOld) == 0 && len(onlyNew) == 0 {
		fmt.Printf("equal      %s: %d rows\n", filepath.Base(new), newRows)
		return true, nil
	}
	fmt.Printf("DIFFERENT  %s: %d rows old, %d new\n", filepath.Base(new), oldRows, newRows)
	shown := map[int64]bool{}
	for _, r := range onlyOld {
		shown[r.place] = true
		newRow, err := rowAt(db, sel(new), r.place)
		if err != nil {
			return false, err
		}
		fmt.Printf("  row %d (%s):\n", r.place, r.values[1])
		for i, col := range r.cols {
			if newRow == nil || newRow.values[i] != r.values[i] {
				fmt.Printf("    %s: old %s\n", col, r.values[i])
				if newRow != nil {
					fmt.Printf("    %s  new %s\n", strings.Repeat(" ", len(col)), newRow.values[i])
				}
			}
		}
	}
	for _, r := range onlyNew {
		if shown[r.place] {
			continue
		}
		fmt.Printf("  only in new: row %d (%s)\n", r.place, r.values[1])
	}
	return false, nil
}

// columns lists the file's columns as "name TYPE", in file order.
func columns(db *sql.DB, path string) ([]string, error) {
	rows, err := db.Query(fmt.Sprintf("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('%s'))", path))
	if err != nil {
		return nil, fmt.Errorf("reading the schema of %s: %w", path, err)
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var name, typ string
		if err := rows.Scan(&name, &typ); err != nil {
			return nil, err
		}
		cols = append(cols, name+" "+typ)
	}
	return cols, rows.Err()
}

// withoutIgnored is cols ("name TYPE") without the ignored columns.
func withoutIgnored(cols, ignored []string) []string {
	var kept []string
	for _, c := range cols {
		name, _, _ := strings.Cut(c, " ")
		if !slices.Contains(ignored, name) {
			kept = append(kept, c)
		}
	}
	return kept
}

// selectList quotes the columns that are compared: all but the ignored
// ones, and the row's place in the file.
func selectList(cols, ignored []string) string {
	skip := map[string]bool{}
	for _, c := range ignored {
		skip[c] = true
	}
	quoted := []string{"file_row_number"}
	for _, c := range cols {
		name, _, _ := strings.Cut(c, " ")
		if !skip[name] {
			quoted = append(quoted, `"`+name+`"`)
		}
	}
	return strings.Join(quoted, ", ")
}

func countRows(db *sql.DB, path string) int64 {
	var n int64
	_ = db.QueryRow(fmt.Sprintf("SELECT count(*) FROM read_parquet('%s')", path)).Scan(&n)
	return n
}

// row is one row of a query, each value printed.
type row struct {
	place  int64 // file_row_number
	cols   []string
	values []string
}

// rowsOf runs q and returns its first shownRows rows.
func rowsOf(db *sql.DB, q string) ([]row, error) {
	rows, err := db.Query(q + fmt.Sprintf(" ORDER BY file_row_number LIMIT %d", shownRows))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out []row
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		r := row{cols: cols, values: make([]string, len(cols))}
		for i, v := range vals {
			r.values[i] = fmt.Sprint(v)
		}
		r.place, _ = vals[0].(int64)
		out = append(out, r)
	}
	return out, rows.Err()
}

// rowAt is the row at place of the query sel, or nil when it has none.
func rowAt(db *sql.DB, sel string, place int64) (*row, error) {
	rows, err := rowsOf(db, fmt.Sprintf("SELECT * FROM (%s) WHERE file_row_number = %d", sel, place))
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	return &rows[0], nil
}
