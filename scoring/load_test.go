package scoring

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// TestParseModelRefusesOverLimit (issue 21, defect 9): a model over
// MaxModelBytes is refused with the limit, before it is parsed.
func TestParseModelRefusesOverLimit(t *testing.T) {
	if _, err := ParseModel(bytes.Repeat([]byte("#"), MaxModelBytes+1), "bytes.toml"); err == nil || !strings.Contains(err.Error(), "over the limit of 1048576 bytes (1 MiB)") {
		t.Errorf("ParseModel of %d bytes: %v", MaxModelBytes+1, err)
	}
}

// TestModelNestingRefused (issue 21, defect 11): a model file nested deeper
// than post.MaxNestingDepth is refused, with the line and the limit,
// before the TOML parser sees it (8,000 inline tables took it 13.5 s).
func TestModelNestingRefused(t *testing.T) {
	real := decodeModel
	decodeModel = func(src string, m *Model) (toml.MetaData, error) {
		if strings.Count(src, "{") > 100 {
			t.Errorf("a model nested %d deep reached the parser", strings.Count(src, "{"))
		}
		return real(src, m)
	}
	defer func() { decodeModel = real }()
	deep := "x = " + strings.Repeat("{a = ", 8000) + "1" + strings.Repeat("}", 8000) + "\n"
	start := time.Now()
	_, err := ParseModel(append(DefaultModelTOML(), deep...), "deep.toml")
	want := fmt.Sprintf("deep.toml: line %d nests deeper than 32 levels, the limit", strings.Count(string(defaultTOML), "\n")+1)
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("%.300v, want %q", err, want)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("took %v", took)
	}
}

// TestUnknownKeysListed: a model with thousands of unknown keys is refused
// with the first five named and the others counted (each was listed: for
// 8,000 nested keys, a 32 MB message).
func TestUnknownKeysListed(t *testing.T) {
	var b strings.Builder
	b.Write(DefaultModelTOML())
	b.WriteString("[extra]\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "k%d = 1\n", i)
	}
	_, err := ParseModel([]byte(b.String()), "keys.toml")
	want := "keys.toml: unknown key(s) extra, extra.k0, extra.k1, extra.k2, extra.k3 and 2996 more (a model has"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("%.300v, want %q", err, want)
	}
}
