package pipeline

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/alphanode/postscore/features"
	"github.com/alphanode/postscore/features/post"
	"github.com/alphanode/postscore/pipeline/gen"
	"github.com/alphanode/postscore/scoring"
)

// Issue 26: a post never gains points by losing information. The test
// below generates posts, writes each in every format that carries a meta
// (the export format; Markdown with YAML and with TOML front matter; JSONL
// lines holding either), takes information away from each (deletes a meta
// field, corrupts the meta block or the front matter), scores both through
// the worker's own Scorer.Score and checks that no score rose.
//
// A score may rise only when what was lost is a feature the model forgives:
// one that only "skip" components read (a false claim the post no longer
// makes). Which features those are, and which scores may then rise, comes
// from the model itself (modelView), not from a list in the test. The text
// format reads no meta, so there is nothing in it to lose.

// modelView is what a model says about losing each feature.
type modelView struct {
	// guarded features: losing one makes a component count its missing
	// value (a non-"skip" component reads it, or reads a score that it
	// alone makes: score.freshness, made of days_since_review alone).
	guarded map[string]bool
	// forgiven features: read only by "skip" components, and not guarded;
	// losing one may raise the scores listed (those that skip it, and
	// quality when it reads one of them).
	forgiven map[string][]scoring.ScoreIndex
}

// viewOf works out, from m's components and their missing values, which
// features are guarded and which forgiven.
func viewOf(m *scoring.Model) modelView {
	v := modelView{guarded: map[string]bool{}, forgiven: map[string][]scoring.ScoreIndex{}}
	skippedBy := map[string][]scoring.ScoreIndex{}
	for k := range scoring.NumScores {
		for _, c := range m.Components(k) {
			other, isScore := strings.CutPrefix(c.Feature, "score.")
			switch {
			case !c.Missing.Skip && isScore:
				if x, known := scoring.ScoreNamed(other); known {
					for f := range nullers(m, x) {
						v.guarded[f] = true
					}
				}
			case !c.Missing.Skip:
				v.guarded[c.Feature] = true
			case !isScore:
				skippedBy[c.Feature] = append(skippedBy[c.Feature], k)
			}
		}
	}
	for f, scores := range skippedBy {
		if !v.guarded[f] {
			v.forgiven[f] = withReaders(m, scores)
		}
	}
	return v
}

// nullers are the features whose loss makes score x null: those that every
// one of its components skips on.
func nullers(m *scoring.Model, x scoring.ScoreIndex) map[string]bool {
	var common map[string]bool
	for _, c := range m.Components(x) {
		mine := map[string]bool{}
		if c.Missing.Skip && !strings.HasPrefix(c.Feature, "score.") {
			mine[c.Feature] = true
		}
		if common == nil {
			common = mine
			continue
		}
		for f := range common {
			if !mine[f] {
				delete(common, f)
			}
		}
	}
	return common
}

// withReaders is scores, with the quality that reads one of them as
// score.NAME: a rise in it may lift quality too.
func withReaders(m *scoring.Model, scores []scoring.ScoreIndex) []scoring.ScoreIndex {
	out := append([]scoring.ScoreIndex(nil), scores...)
	for _, c := range m.Components(scoring.Quality) {
		if other, ok := strings.CutPrefix(c.Feature, "score."); ok {
			if x, _ := scoring.ScoreNamed(other); containsScore(scores, x) && !containsScore(out, scoring.Quality) {
				out = append(out, scoring.Quality)
			}
		}
	}
	return out
}

func containsScore(scores []scoring.ScoreIndex, k scoring.ScoreIndex) bool {
	for _, s := range scores {
		if s == k {
			return true
		}
	}
	return false
}

// metaField is a field of a post's meta: the features it feeds, and the
// lines that hold it in the export format and in front matter (nil: front
// matter has no such field).
type metaField struct {
	name        string
	feeds       []string
	exportLines *regexp.Regexp
	frontMatter *regexp.Regexp
}

// metaFields are the fields of the meta that feed a numeric feature
// (FORMAT.md, MARKDOWN.md): whether a model reads them is the model's
// business (modelView).
var metaFields = []metaField{
	{"last reviewed", []string{"days_since_review"}, regexp.MustCompile(`(?m)^  • last reviewed: .*\n`),
		regexp.MustCompile(`(?m)^(last_reviewed|lastmod|updated|date) *[:=].*\n`)},
	{"reading time", []string{"claimed_reading_time", "reading_time_ratio", "dedup_reading_time_ratio"}, regexp.MustCompile(`(?m)^reading time.*\n`), nil},
	{"payload paragraphs", []string{"claimed_paragraphs", "paragraph_gap"}, regexp.MustCompile(`(?m)^  • paragraphs: .*\n`), nil},
	{"image sources", []string{"image_source_gap"}, regexp.MustCompile(`(?m)^image sources\n(?:[ \t].*\n)*`), nil},
	{"score", []string{"claimed_quality", "claimed_freshness", "claimed_depth", "claimed_clarity"}, regexp.MustCompile(`(?m)^score\n(?:[ \t].*\n)*`), nil},
}

// class says what the model makes of losing field f: "guarded" (no score
// may rise), "forgiven" (a false claim: the scores that skip it may rise)
// or "unread".
func (v modelView) class(f *metaField) string {
	class := "unread"
	for _, feature := range f.feeds {
		switch {
		case v.guarded[feature]:
			return "guarded"
		case v.forgiven[feature] != nil:
			class = "forgiven"
		}
	}
	return class
}

// edit takes information away from a post's text; ok is false when the
// post has none of it to lose.
type edit struct {
	name string
	do   func(text string) (edited string, ok bool)
	// metaIntoBody: the reader takes what is left of the meta for body
	// text (TestMetaReadAsBodyNeverPays).
	metaIntoBody bool
}

// intoBody marks e as an edit after which the meta is read as body text.
func intoBody(e edit) edit {
	e.metaIntoBody = true
	return e
}

// replaceEdit is the edit that replaces re's matches with repl.
func replaceEdit(name, re, repl string) edit {
	r := regexp.MustCompile(re)
	return edit{name: name, do: func(s string) (string, bool) { return r.ReplaceAllString(s, repl), r.MatchString(s) }}
}

// removals are the edits that delete each meta field the format holds.
func removals(frontMatter bool) []edit {
	var edits []edit
	for _, f := range metaFields {
		lines := f.exportLines
		if frontMatter {
			lines = f.frontMatter
		}
		if lines != nil {
			edits = append(edits, edit{name: "remove " + f.name, do: func(s string) (string, bool) { return lines.ReplaceAllString(s, ""), lines.MatchString(s) }})
		}
	}
	return edits
}

// metaHeaderLost is the edit after which a reader could take the meta for
// body text: the export format's meta header deleted. (Front matter whose
// closing delimiter is deleted is no front matter: MARKDOWN.md section 1,
// as the page renders it, so deleting that delimiter is not a corruption
// the property covers but a change of what the page shows.)
const metaHeaderLost = "corrupt: meta header lost"

// exportCorruptions break the meta block of a post in the export format.
var exportCorruptions = []edit{
	replaceEdit("corrupt: review date malformed", `(?m)^(  • last reviewed: ).*$`, "${1}2026-13-45"),
	replaceEdit("corrupt: claims malformed", `(?m)^(reading time)\d+$|^(  • paragraphs: )\d+$`, "${1}${2}many"),
	replaceEdit("corrupt: duplicate revision with a bad date", `\n\nSimilar Posts`, "\nrevision\n  • last reviewed: someday\n\nSimilar Posts"),
	replaceEdit("corrupt: unknown key and orphan item", `(?m)^alphanode post meta\n\n`, "alphanode post meta\n\nfavourite colour blue\n  • an orphan item\n"),
	intoBody(replaceEdit(metaHeaderLost, `(?m)^alphanode post meta\n`, "")),
}

// yamlCorruptions break YAML front matter: the first three break its
// syntax (a strict reader would lose the title, tags and date with it),
// the fourth the review date alone.
var yamlCorruptions = []edit{
	replaceEdit("corrupt: duplicate key", `\A---\n`, "---\ntitle: \"again\"\n"),
	replaceEdit("corrupt: unclosed list", `(?m)^(tags: \[.*)\]$`, "$1"),
	replaceEdit("corrupt: bad indentation", `(?m)^(title: .*\n)`, "${1}  stray: indented\n"),
	replaceEdit("corrupt: review date malformed", `(?m)^((?:last_reviewed|lastmod|updated|date): ).*$`, "${1}someday"),
}

// tomlCorruptions break TOML front matter likewise.
var tomlCorruptions = []edit{
	replaceEdit("corrupt: duplicate key", `\A\+\+\+\n`, "+++\ntitle = \"again\"\n"),
	replaceEdit("corrupt: unclosed list", `(?m)^(tags = \[.*)\]$`, "$1"),
	replaceEdit("corrupt: review date malformed", `(?m)^((?:last_reviewed|lastmod|updated|date) = ).*$`, "${1}2026-13-45"),
}

// postFormat is one way of writing a generated post: its name, the file
// name it is scored under (the extension tells its format), how it is
// written from the export text and its parse, the edits that take
// information away from it, and whether it is a JSONL corpus's line.
type postFormat struct {
	name   string
	path   string
	render func(export string, p *post.Post, i int) string
	edits  []edit
	jsonl  bool
}

func exportText(export string, _ *post.Post, _ int) string { return export }

func yamlText(_ string, p *post.Post, i int) string { return markdownOf(p, false, i) }

func tomlText(_ string, p *post.Post, i int) string { return markdownOf(p, true, i) }

// postFormats are every format that carries a meta.
var postFormats = []postFormat{
	{"post", "p.txt", exportText, append(removals(false), exportCorruptions...), false},
	{"markdown (YAML)", "p.md", yamlText, append(removals(true), yamlCorruptions...), false},
	{"markdown (TOML)", "p.md", tomlText, append(removals(true), tomlCorruptions...), false},
	{"jsonl (post)", "p.jsonl", exportText, append(removals(false), exportCorruptions...), true},
	{"jsonl (markdown)", "p.jsonl", yamlText, append(removals(true), yamlCorruptions...), true},
}

// reviewKeys are the front matter keys a review date is written under, one
// a post in turn.
var reviewKeys = []string{"last_reviewed", "lastmod", "updated", "date"}

// markdownOf writes p as Markdown with front matter (TOML when toml, else
// YAML): its title, summary, stack as tags and review date, then its blocks.
func markdownOf(p *post.Post, toml bool, i int) string {
	var b strings.Builder
	delim, sep := "---", ": "
	if toml {
		delim, sep = "+++", " = "
	}
	b.WriteString(delim + "\n")
	quoted := func(s string) string { js, _ := json.Marshal(s); return string(js) }
	fmt.Fprintf(&b, "title%s%s\n", sep, quoted(p.Title))
	if p.Meta.Summary != nil {
		fmt.Fprintf(&b, "description%s%s\n", sep, quoted(*p.Meta.Summary))
	}
	tags := make([]string, len(p.Meta.Stack))
	for k, s := range p.Meta.Stack {
		tags[k] = quoted(s)
	}
	fmt.Fprintf(&b, "tags%s[%s]\n", sep, strings.Join(tags, ", "))
	if d := p.Meta.LastReviewed; d != nil {
		fmt.Fprintf(&b, "%s%s%s\n", reviewKeys[i%len(reviewKeys)], sep, d)
	}
	b.WriteString(delim + "\n\n")
	for k, bl := range p.Blocks {
		switch bl.Kind {
		case post.Heading:
			b.WriteString("## " + bl.Text + "\n\n")
		case post.Paragraph:
			b.WriteString(bl.Text + "\n\n")
		case post.Image:
			fmt.Fprintf(&b, "![%s](https://%s/%d.png)\n\n", bl.Text, bl.Image.Source, k)
		case post.Bullet:
			b.WriteString("- " + bl.Text + "\n")
			if k+1 == len(p.Blocks) || p.Blocks[k+1].Kind != post.Bullet {
				b.WriteString("\n")
			}
		}
	}
	return b.String()
}

// lossCase is what one edit of one format did to the posts it applied to.
type lossCase struct {
	checked    int      // posts the edit took something from
	unscored   int      // edited posts that were no longer posts (error rows)
	guarded    int      // edited posts that lost a guarded feature
	allowed    int      // rises of a score the model lets rise: a forgiven feature was lost
	maxAllowed float64  // the largest of them, in points
	example    string   // the largest, said
	violations []string // rises of a score that may not rise, said
}

// lossChecker scores posts and their edits with a model, and judges the
// rises with a view of (possibly another) model.
type lossChecker struct {
	view   modelView
	scorer *Scorer
	edits  func(e *edit) bool   // which edits to check
	cases  map[string]*lossCase // by edit name
}

// score scores text written in format f, through the worker's own path: a
// file's document, or a JSONL line the worker decodes.
func (c *lossChecker) score(f *postFormat, text string) (*Scored, *ErrorRow) {
	var doc Document
	if f.jsonl {
		line, err := json.Marshal(map[string]string{"id": "p", "text": text})
		if err != nil {
			panic(err)
		}
		w := worker{docOpts: docOptions{TextField: "text", IDField: "id"}}
		var rerr *ErrorRow
		if doc, rerr = w.read(Input{DocPath: f.path + ":1", Format: formatJSONLine, Data: line, Line: 1}); rerr != nil {
			return nil, rerr
		}
	} else {
		doc = FileDocument(FormatAuto, f.path, []byte(text))
	}
	scored, rerr := c.scorer.Score(doc)
	if rerr != nil {
		return nil, rerr
	}
	return &scored, nil
}

// check applies every edit of f to the post (in f), and records what each
// did to its scores. The post itself is scored once an edit applies: a
// format none of the selected edits applies to costs nothing.
func (c *lossChecker) check(t *testing.T, f *postFormat, text string) {
	var before *Scored
	for i := range f.edits {
		e := &f.edits[i]
		if !c.edits(e) {
			continue
		}
		edited, ok := e.do(text)
		if !ok {
			continue
		}
		if before == nil {
			var rerr *ErrorRow
			if before, rerr = c.score(f, text); rerr != nil {
				t.Fatalf("%s: a generated post is not a post: %s", f.name, rerr.Reason)
			}
		}
		lc := c.cases[e.name]
		if lc == nil {
			lc = &lossCase{}
			c.cases[e.name] = lc
		}
		lc.checked++
		after, rerr := c.score(f, edited)
		if rerr != nil {
			lc.unscored++
			continue
		}
		c.judge(lc, before, after)
	}
}

// judge records the scores that rose from before to after: allowed when a
// feature the model forgives was lost and the score is one that skips it,
// a violation otherwise. A score that became null did not rise; one that
// was null and now has a value did.
func (c *lossChecker) judge(lc *lossCase, before, after *Scored) {
	lost := lostFeatures(before.Features, after.Features)
	mayRise := map[scoring.ScoreIndex][]string{}
	lostGuarded := false
	for _, f := range lost {
		lostGuarded = lostGuarded || c.view.guarded[f]
		for _, k := range c.view.forgiven[f] {
			mayRise[k] = append(mayRise[k], f)
		}
	}
	if lostGuarded {
		lc.guarded++
	}
	for k := range scoring.NumScores {
		b, a := before.Scores.At(k).Exact, after.Scores.At(k).Exact
		if a == nil || b != nil && *a <= *b+1e-9 {
			continue
		}
		from := "null"
		if b != nil {
			from = fmt.Sprintf("%.2f", *b)
		}
		said := fmt.Sprintf("%s %s → %.2f (%s; lost %v)", k, from, *a, before.Row.PostID, lost)
		if forgiven := mayRise[k]; forgiven != nil && b != nil {
			lc.allowed++
			if rise := *a - *b; rise > lc.maxAllowed {
				lc.maxAllowed, lc.example = rise, fmt.Sprintf("%s, allowed: %v forgiven (\"skip\")", said, forgiven)
			}
			continue
		}
		lc.violations = append(lc.violations, said)
	}
}

// lostFeatures are the numeric features that had a value in before and are
// null in after.
func lostFeatures(before, after *features.Features) []string {
	var lost []string
	for _, name := range features.NumericNames() {
		_, had := before.Value(name)
		_, has := after.Value(name)
		if had && !has {
			lost = append(lost, name)
		}
	}
	return lost
}

// lossPosts generates n posts in the export format, none malformed.
func lossPosts(t *testing.T, n int) []string {
	t.Helper()
	o := gen.Options{N: n, Seed: 26, AsOf: gen.DefaultAsOf}
	posts := make([]string, n)
	for i := range posts {
		b, _ := gen.Generate(&o, i, nil)
		posts[i] = string(b)
	}
	return posts
}

// checkLosses checks the edits of every format that edits selects, on
// posts: the view judges, the model scores. It returns the cases by format,
// then edit.
func checkLosses(t *testing.T, view modelView, m *scoring.Model, posts []string, edits func(e *edit) bool) map[string]map[string]*lossCase {
	t.Helper()
	all := map[string]map[string]*lossCase{}
	for i := range postFormats {
		f := &postFormats[i]
		c := &lossChecker{view: view, scorer: NewScorer(m, gen.DefaultAsOf, DefaultMaxBytes), edits: edits, cases: map[string]*lossCase{}}
		for k, export := range posts {
			p, err := post.Parse([]byte(export))
			if err != nil {
				t.Fatalf("generated post %d: %v", k, err)
			}
			c.check(t, f, f.render(export, p, k))
		}
		all[f.name] = c.cases
	}
	return all
}

// reviewField is the meta field of the review date.
var reviewField = &metaFields[0]

// keepsBody selects the edits after which the body is read as it was.
func keepsBody(e *edit) bool { return !e.metaIntoBody }

// TestLosingInformationNeverPays (issue 26): on 1,000 generated posts in
// every format that carries a meta, deleting the review date, deleting any
// other meta field, or corrupting the meta block or the front matter never
// raises a score, unless what was lost is a feature the default model
// forgives (a "skip" component's: a false claim the post no longer makes),
// and then only the scores that skip it. The corruptions after which the
// meta is read as body text are TestMetaReadAsBodyNeverPays's.
func TestLosingInformationNeverPays(t *testing.T) {
	m := scoring.DefaultModel()
	view := viewOf(m)
	for i := range metaFields {
		f := &metaFields[i]
		t.Logf("meta field %-18s feeds %v: %s", f.name, f.feeds, view.class(f))
	}
	if view.class(reviewField) != "guarded" {
		t.Fatalf("the default model does not guard the review date: %v", view)
	}
	all := checkLosses(t, view, m, lossPosts(t, 1000), keepsBody)
	reportLosses(t, all)
	for _, format := range sortedKeys(all) {
		// The review date was there to lose, and losing it was seen.
		removed := all[format]["remove "+reviewField.name]
		if removed == nil || removed.checked < 800 || removed.guarded != removed.checked {
			t.Errorf("%s: removing the review date was checked on %+v posts; want 800 or more, each losing days_since_review", format, removed)
		}
	}
}

// TestMetaReadAsBodyNeverPays: the same property for the export format's
// meta header lost. The reader then finds the meta entries at the end of
// the body and reads them as the meta block (warning meta_header_missing),
// so the meta's words do not count as the post's.
func TestMetaReadAsBodyNeverPays(t *testing.T) {
	m := scoring.DefaultModel()
	all := checkLosses(t, viewOf(m), m, lossPosts(t, 1000), func(e *edit) bool { return e.metaIntoBody && e.name == metaHeaderLost })
	reportLosses(t, all)
	for _, format := range []string{"post", "jsonl (post)"} {
		if lc := all[format][metaHeaderLost]; lc == nil || lc.checked != 1000 {
			t.Errorf("%s: the meta header was deleted from %+v posts; want 1000", format, lc)
		}
	}
}

// reportLosses logs what each edit of each format did, and fails the test
// for each score that rose when it may not.
func reportLosses(t *testing.T, all map[string]map[string]*lossCase) {
	t.Helper()
	for _, format := range sortedKeys(all) {
		for _, name := range sortedKeys(all[format]) {
			lc := all[format][name]
			t.Logf("%-16s %-44s %4d posts, %3d not posts, %4d lost a guarded feature, %4d allowed rises (largest +%.2f: %s)",
				format, name, lc.checked, lc.unscored, lc.guarded, lc.allowed, lc.maxAllowed, lc.example)
			for _, v := range lc.violations[:min(len(lc.violations), 5)] {
				t.Errorf("%s, %s: %s", format, name, v)
			}
			if len(lc.violations) > 5 {
				t.Errorf("%s, %s: and %d more rises", format, name, len(lc.violations)-5)
			}
		}
	}
}

// TestLosingInformationCheckCanFail: the check of
// TestLosingInformationNeverPays finds the rises of a scorer that ignores
// the missing values (skips every null feature, as the model before 2.0.0
// did): with the review date deleted, quality rises on posts whose review
// was old.
func TestLosingInformationCheckCanFail(t *testing.T) {
	m := scoring.DefaultModel()
	ignoring := *m
	for k := range scoring.NumScores {
		comps := append([]scoring.Component(nil), m.Components(k)...)
		for i := range comps {
			comps[i].Missing = scoring.SkipMissing
		}
		*componentsOf(&ignoring, k) = comps
	}
	all := checkLosses(t, viewOf(m), &ignoring, lossPosts(t, 100), keepsBody)
	for _, format := range sortedKeys(all) {
		removed := all[format]["remove "+reviewField.name]
		if removed == nil || len(removed.violations) == 0 {
			t.Errorf("%s: no rise found when the review date is removed and the scorer ignores missing values", format)
			continue
		}
		t.Logf("%s: %d rises found, such as %s", format, len(removed.violations), removed.violations[0])
	}
}

// componentsOf is the components field of model m for score k.
func componentsOf(m *scoring.Model, k scoring.ScoreIndex) *[]scoring.Component {
	switch k {
	case scoring.Quality:
		return &m.Quality
	case scoring.Freshness:
		return &m.Freshness
	case scoring.Depth:
		return &m.Depth
	}
	return &m.Clarity
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
