// Command funclen lists the functions of the module's non-test,
// non-generated Go files that are longer than -max lines, longest first.
// A function may be longer when its doc comment says why, in a sentence
// containing "is long because"; funclen exits 1 when any other is too long.
//
//	go run ./scripts/funclen            # check, as make test does
//	go run ./scripts/funclen -all -top 20  # the 20 longest, reasons or not
package main

import (
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// reasonPhrase is what a long function's doc comment says to be allowed.
const reasonPhrase = "is long because"

type function struct {
	pos    string
	name   string
	lines  int
	reason bool
}

func main() {
	maxLines := flag.Int("max", 80, "longest function allowed without a reason in its doc comment")
	all := flag.Bool("all", false, "list long functions that have a reason too, and never fail")
	top := flag.Int("top", 0, "list only the N longest (0: every function over -max)")
	flag.Parse()
	funcs, err := collect(".")
	if err != nil {
		fmt.Fprintln(os.Stderr, "funclen:", err)
		os.Exit(2)
	}
	sort.SliceStable(funcs, func(i, j int) bool { return funcs[i].lines > funcs[j].lines })
	failed := 0
	for i, f := range funcs {
		if *top > 0 && i >= *top {
			break
		}
		if *top == 0 && f.lines <= *maxLines {
			break
		}
		switch {
		case f.reason:
			if *all || *top > 0 {
				fmt.Printf("%4d  %s  %s (doc comment gives a reason)\n", f.lines, f.name, f.pos)
			}
		case f.lines > *maxLines && !*all:
			failed++
			fmt.Printf("%4d  %s  %s: longer than %d lines; split it, or say in its doc comment why it %s ...\n", f.lines, f.name, f.pos, *maxLines, reasonPhrase)
		default:
			fmt.Printf("%4d  %s  %s\n", f.lines, f.name, f.pos)
		}
	}
	if failed > 0 {
		os.Exit(1)
	}
}

// collect parses every non-test, non-generated .go file under root.
func collect(root string) ([]function, error) {
	var out []function
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "bin") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		file, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return fmt.Errorf("parsing %s: %w", path, err)
		}
		if ast.IsGenerated(file) {
			return nil
		}
		for _, decl := range file.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok && fn.Body != nil {
				out = append(out, measure(fset, fn))
			}
		}
		return nil
	})
	return out, err
}

func measure(fset *token.FileSet, fn *ast.FuncDecl) function {
	start := fset.Position(fn.Pos())
	end := fset.Position(fn.End())
	name := fn.Name.Name
	if fn.Recv != nil && len(fn.Recv.List) > 0 {
		name = "(" + typeName(fn.Recv.List[0].Type) + ")." + name
	}
	return function{
		pos:    fmt.Sprintf("%s:%d", start.Filename, start.Line),
		name:   name,
		lines:  end.Line - start.Line + 1,
		reason: fn.Doc != nil && strings.Contains(strings.Join(strings.Fields(fn.Doc.Text()), " "), reasonPhrase),
	}
}

func typeName(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return "*" + typeName(t.X)
	case *ast.IndexExpr:
		return typeName(t.X)
	case *ast.IndexListExpr:
		return typeName(t.X)
	case *ast.Ident:
		return t.Name
	}
	return "?"
}
