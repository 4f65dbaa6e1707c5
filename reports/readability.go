package reports

import (
	"bytes"
	"cmp"
	"fmt"
	"strings"

	"github.com/alphanode/postscore/features/checks"
	"github.com/alphanode/postscore/pipeline"
	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
)

// A run's readability checks (Yoast's, METRICS.md section 5b) are in the
// readability_checks column of its scores.parquet: each post's checks, each
// with its light (null where the check does not apply), none for a post not
// in English. A report counts each check's lights and lists the posts with
// the most bad ones, in memory bounded by the checks, not by the posts. A
// run written before the column has no checks, which is not the same as
// passing them: its report says so.

// readabilityChecks is the column that holds each post's checks.
const readabilityChecks = "readability_checks"

// maxFailing is how many posts the list of those failing most checks holds.
const maxFailing = 10

// ReadabilitySection is what a run's readability_checks column says.
type ReadabilitySection struct {
	Posts         int           `json:"posts"`                // the run's rows
	WithChecks    int           `json:"posts_with_checks"`    // the posts the shares are of
	WithoutChecks int           `json:"posts_without_checks"` // no checks: not in English
	Checks        []CheckLights `json:"checks"`               // in the order of checks.All
	Failing       int           `json:"posts_failing"`        // posts with a bad light or more
	MostFailed    []FailingPost `json:"most_failed"`          // at most maxFailing (failingFirst)
}

// CheckLights counts the posts by one check's light.
type CheckLights struct {
	Check string     `json:"check"` // the column it reads
	Label string     `json:"label"`
	Good  LightCount `json:"good"`
	OK    LightCount `json:"ok"`
	Bad   LightCount `json:"bad"`
	// NotApplicable are the posts with checks whose light for this one is
	// null (transitions in a short prose) or that lack it (its value is
	// null: a prose without sentences).
	NotApplicable LightCount `json:"not_applicable"`
}

// LightCount is how many posts with checks have a light, and their share of
// the posts with checks (null when no post has checks).
type LightCount struct {
	Posts int      `json:"posts"`
	Share *float64 `json:"share"`
}

// FailingPost is a post with bad lights.
type FailingPost struct {
	DocPath   string   `json:"doc_path"`
	Title     string   `json:"title"`
	Bad       int      `json:"bad"`
	OK        int      `json:"ok"`
	BadChecks []string `json:"bad_checks"` // their columns, in the order of checks.All
	seq       int
}

// failingFirst orders posts by their bad lights, the most first, then by
// their ok lights, the most first, then in input order.
func failingFirst(a, b FailingPost) int {
	if c := cmp.Compare(b.Bad, a.Bad); c != 0 {
		return c
	}
	if c := cmp.Compare(b.OK, a.OK); c != 0 {
		return c
	}
	return cmp.Compare(a.seq, b.seq)
}

// checkLight is one element of a post's readability_checks: the check's
// column and its light (hasLight false: null). Its strings may point into a
// batch.
type checkLight struct {
	check, light string
	hasLight     bool
}

// A light's place in a check's counts.
type lightKind int

const (
	notApplicable lightKind = iota
	lightGood
	lightOK
	lightBad
	numLights
)

// lightKinds are the lights a check can give, by name.
var lightKinds = map[string]lightKind{string(checks.Good): lightGood, string(checks.OK): lightOK, string(checks.Bad): lightBad}

// readabilityAcc gathers a report's readability section, one post at a
// time in input order.
type readabilityAcc struct {
	r       ReadabilitySection
	counts  [][numLights]int // by check, as checks.All
	lights  []lightKind      // the post being added's, by check
	seen    []bool           // the checks it has, by check
	failing *topN[FailingPost]
}

func newReadabilityAcc() *readabilityAcc {
	return &readabilityAcc{counts: make([][numLights]int, len(checks.All)), lights: make([]lightKind, len(checks.All)),
		seen: make([]bool, len(checks.All)), failing: newTopN(maxFailing, failingFirst)}
}

// add counts a post's checks cs; seq is its place in input order. An
// error says how cs is not what postscore writes.
func (a *readabilityAcc) add(cs []checkLight, docPath, title string, seq int) error {
	a.r.Posts++
	if len(cs) == 0 {
		a.r.WithoutChecks++
		return nil
	}
	if err := a.read(cs); err != nil {
		return err
	}
	a.r.WithChecks++
	fp := FailingPost{seq: seq}
	for k, l := range a.lights {
		a.counts[k][l]++
		switch l {
		case lightBad:
			fp.Bad++
		case lightOK:
			fp.OK++
		}
	}
	if fp.Bad == 0 {
		return nil
	}
	a.r.Failing++
	if a.failing.wants(fp) {
		fp.DocPath, fp.Title = strings.Clone(docPath), strings.Clone(title)
		for k, l := range a.lights {
			if l == lightBad {
				fp.BadChecks = append(fp.BadChecks, checks.All[k].Column)
			}
		}
		a.failing.add(fp)
	}
	return nil
}

// read sets a.lights from cs, a check it lacks not applicable.
func (a *readabilityAcc) read(cs []checkLight) error {
	for k := range a.lights {
		a.lights[k], a.seen[k] = notApplicable, false
	}
	for _, c := range cs {
		k, ok := checks.Index(c.check)
		switch {
		case !ok:
			return fmt.Errorf("%s names the check %q, which postscore has not", readabilityChecks, c.check)
		case a.seen[k]:
			return fmt.Errorf("%s holds the check %s twice", readabilityChecks, c.check)
		}
		a.seen[k] = true
		if !c.hasLight {
			continue
		}
		l, ok := lightKinds[c.light]
		if !ok {
			return fmt.Errorf("%s gives the check %s the light %q, not %s, %s or %s", readabilityChecks, c.check, c.light, checks.Good, checks.OK, checks.Bad)
		}
		a.lights[k] = l
	}
	return nil
}

func (a *readabilityAcc) finish() *ReadabilitySection {
	r := a.r
	count := func(n int) LightCount {
		lc := LightCount{Posts: n}
		if r.WithChecks > 0 {
			s := float64(n) / float64(r.WithChecks)
			lc.Share = &s
		}
		return lc
	}
	r.Checks = make([]CheckLights, len(checks.All))
	for k, c := range checks.All {
		n := a.counts[k]
		r.Checks[k] = CheckLights{Check: c.Column, Label: c.Label, Good: count(n[lightGood]), OK: count(n[lightOK]),
			Bad: count(n[lightBad]), NotApplicable: count(n[notApplicable])}
	}
	r.MostFailed = a.failing.list()
	if r.MostFailed == nil {
		r.MostFailed = []FailingPost{}
	}
	return &r
}

// checksColumn is a batch's readability_checks column, its fields looked
// up once a batch.
type checksColumn struct {
	list         *array.List
	check, light *array.String
}

func (b *batch) checks(name string) checksColumn {
	l := b.col(name).(*array.List)
	st := l.ListValues().(*array.Struct)
	c := checksColumn{list: l}
	for k, f := range st.DataType().(*arrow.StructType).Fields() {
		switch f.Name {
		case "check":
			c.check = st.Field(k).(*array.String)
		case "light":
			c.light = st.Field(k).(*array.String)
		}
	}
	return c
}

// at returns the checks of row i, in buf's storage.
func (c checksColumn) at(i int, buf []checkLight) []checkLight {
	buf = buf[:0]
	if c.list.IsNull(i) {
		return buf
	}
	start, end := c.list.ValueOffsets(i)
	for k := int(start); k < int(end); k++ {
		cl := checkLight{check: c.check.Value(k), hasLight: !c.light.IsNull(k)}
		if cl.hasLight {
			cl.light = c.light.Value(k)
		}
		buf = append(buf, cl)
	}
	return buf
}

// rowChecks returns a row's checks, in buf's storage.
func rowChecks(rs []pipeline.CheckRow, buf []checkLight) []checkLight {
	buf = buf[:0]
	for _, r := range rs {
		cl := checkLight{check: r.Check, hasLight: r.Light != nil}
		if cl.hasLight {
			cl.light = *r.Light
		}
		buf = append(buf, cl)
	}
	return buf
}

// readabilityText says, in a sentence, what the run records of its checks.
func readabilityText(r *ReadabilitySection) string {
	if r == nil {
		return "This run has no readability checks: it was written by a postscore that predates " + readabilityChecks + ". Score the corpus again with this version to see them."
	}
	return fmt.Sprintf("Yoast's readability checks, each post's light by Yoast's thresholds for English: %s, %d with checks, %d without (not in English). Shares are of the posts with checks; a check does not apply where it gives no light (transitions in a post of 200 words or fewer) or has no value (no sentence).",
		plural(r.Posts, "post"), r.WithChecks, r.WithoutChecks)
}

// failingText introduces the list of the posts that fail most checks.
func failingText(r *ReadabilitySection) string {
	switch {
	case r.Failing == 0:
		return "No post fails a check."
	case len(r.MostFailed) < r.Failing:
		return fmt.Sprintf("The %d of the %d posts with a bad light that have the most bad lights (then the most ok lights):", len(r.MostFailed), r.Failing)
	}
	return fmt.Sprintf("The %s with a bad light, the most bad lights first (then the most ok lights):", plural(r.Failing, "post"))
}

// lightText is a count and its share, such as "2 (33.3%)".
func lightText(c LightCount) string {
	if c.Share == nil {
		return fmt.Sprintf("%d (—)", c.Posts)
	}
	return fmt.Sprintf("%d (%s%%)", c.Posts, formatNum(100**c.Share))
}

// writeMDReadability writes the readability section of a report.
func writeMDReadability(b *bytes.Buffer, r *ReadabilitySection) {
	fmt.Fprintf(b, "\n## Readability checks\n\n%s\n", readabilityText(r))
	if r == nil {
		return
	}
	b.WriteString("\n| check | good | ok | bad | does not apply |\n| --- | --: | --: | --: | --: |\n")
	for _, c := range r.Checks {
		fmt.Fprintf(b, "| %s (`%s`) | %s | %s | %s | %s |\n", c.Label, c.Check, lightText(c.Good), lightText(c.OK), lightText(c.Bad), lightText(c.NotApplicable))
	}
	fmt.Fprintf(b, "\n### Posts that fail most checks\n\n%s\n", failingText(r))
	if len(r.MostFailed) == 0 {
		return
	}
	b.WriteString("\n| bad | ok | bad checks | post | title |\n| --: | --: | --- | --- | --- |\n")
	for _, p := range r.MostFailed {
		fmt.Fprintf(b, "| %d | %d | %s | %s | %s |\n", p.Bad, p.OK, codeList(p.BadChecks), mdCell(p.DocPath), mdCell(p.Title))
	}
}

// codeList is the column names, each as code.
func codeList(names []string) string {
	return joined(names, ", ", func(n string) string { return "`" + n + "`" })
}
