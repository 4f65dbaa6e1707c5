package features

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alphanode/postscore/features/repetition"
)

// sharedDir is ../shared beside the clone: the peers' reference values and
// the real posts, which are other people's writing and stay out of the repo.
var sharedDir = filepath.Join("..", "..", "shared")

func readShared(t *testing.T, rel string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sharedDir, rel))
	if os.IsNotExist(err) {
		t.Skipf("../shared/%s is not here (CI has it beside the clone); skipping the peer comparison", rel)
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
}

func TestGopherReference(t *testing.T) {
	var ref struct {
		Cases []struct {
			Name     string
			Text     string
			Expected map[string]*float64
		}
	}
	readShared(t, "reference/gopher/cases.json", &ref)
	if len(ref.Cases) != 7 {
		t.Fatalf("want 7 cases, got %d", len(ref.Cases))
	}
	checked := 0
	for _, c := range ref.Cases {
		g := repetition.ComputeGopher(c.Text)
		got := gopherColumns(&g)
		if len(c.Expected) != len(got) {
			t.Errorf("%s: reference has %d metrics, postscore %d", c.Name, len(c.Expected), len(got))
		}
		for name, want := range c.Expected {
			v, ok := got[name]
			if !ok {
				t.Errorf("%s: no column %s", c.Name, name)
				continue
			}
			switch {
			case want == nil && v == nil:
			case want == nil || v == nil:
				t.Errorf("%s %s = %v, want %v", c.Name, name, v, want)
			case math.Abs(*v-*want) > 1e-12:
				t.Errorf("%s %s = %.17g, want %.17g", c.Name, name, *v, *want)
			}
			checked++
		}
	}
	t.Logf("%d metric values checked to 1e-12", checked)
}

// gopherColumns names the Gopher repetition values by their column names,
// through the feature registry (the names scoring models and Parquet use):
// the registry's dup_* and top_* columns, nil where null.
func gopherColumns(g *repetition.Gopher) map[string]*float64 {
	f := &Features{Gopher: *g}
	m := map[string]*float64{}
	for name, get := range numeric {
		if strings.HasPrefix(name, "dup_") || strings.HasPrefix(name, "top_") {
			m[name] = nil
			if v, ok := get(f); ok {
				m[name] = &v
			}
		}
	}
	return m
}
