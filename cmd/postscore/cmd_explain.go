package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/alphanode/postscore/features"
	"github.com/alphanode/postscore/features/checks"
	"github.com/alphanode/postscore/features/post"
	"github.com/alphanode/postscore/features/text"
	"github.com/alphanode/postscore/pipeline"
	"github.com/alphanode/postscore/reports"
	"github.com/alphanode/postscore/scoring"
	"github.com/spf13/cobra"
)

type explainOptions struct {
	asOf     string
	model    string
	json     bool
	format   string
	maxBytes int64
}

func newExplainCmd() *cobra.Command {
	var o explainOptions
	cmd := &cobra.Command{
		Use:   "explain FILE",
		Short: "Explain one post's scores: its features, each component, what cost it points",
		Long: `Explain measures and scores one post the way score does, and prints for each
score its components (feature value → curve value × weight → points), the
post's claimed score beside the recomputed one, what cost it the most points,
the repeated sentences, the longest paragraph and section, and the warnings.
For a Markdown post it also lists the blocks its page gave (paragraphs,
headings, bullets, images, code blocks, tables: line, kind, first words), so
that a count you doubt can be traced to what was read.

For a post in English it also shows the readability checks (Yoast's, as the
readability_checks column holds them): each check's value, light and
thresholds, and for a check that is not good the sentences that fail it as
Yoast highlights them (the long ones, the passive ones, the longest run of
sentences that begin alike), or the longest paragraph or section.`,
		Example: `  postscore explain testdata/corpus/seed/000_3c46a61df17ffb0d.txt --as-of 2026-11-27
  postscore explain post.txt --model my-model.toml --json | jq .scores.quality
  postscore explain content/blog/my-post/index.md --json | jq '.blocks[] | select(.kind == "code block")'`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExplain(cmd.OutOrStdout(), o, args[0])
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.asOf, "as-of", "", "date freshness is measured at, YYYY-MM-DD (default: today, UTC)")
	f.StringVar(&o.model, "model", "", "scoring model file (default: the embedded model)")
	f.BoolVar(&o.json, "json", false, "print JSON for scripts")
	f.StringVar(&o.format, "format", "auto", "input format: auto, post, markdown or text")
	f.Int64Var(&o.maxBytes, "max-bytes", pipeline.DefaultMaxBytes, "largest file read, at most 1 GiB, as score")
	return cmd
}

// Explanation is what explain prints; --json prints it as is.
type Explanation struct {
	File            string                      `json:"file"`
	Title           string                      `json:"title"`
	PostID          string                      `json:"post_id"`
	RevisionVersion string                      `json:"revision_version,omitempty"`
	AsOf            string                      `json:"as_of"`
	Model           modelInfo                   `json:"model"`
	Scores          map[string]scoreExplanation `json:"scores"`
	Features        map[string]*float64         `json:"features"`
	Repeated        []features.RepeatedSentence `json:"repeated_sentences"`
	LongestPara     features.Excerpt            `json:"longest_paragraph"`
	LongestSection  features.Excerpt            `json:"longest_section"`
	// ReadabilityChecks are the post's readability checks, in checks.All
	// order; NoChecks says why there are none (a post not in English).
	ReadabilityChecks []checkJSON `json:"readability_checks"`
	NoChecks          string      `json:"readability_checks_none,omitempty"`
	Warnings          []string    `json:"warnings"`
	Notes             []string    `json:"notes"`
	Blocks            []blockJSON `json:"blocks,omitempty"` // a Markdown post's, as read from its page

	scoresOrdered []string
}

// blockJSON is one block a Markdown post's page gave: a paragraph,
// heading, bullet, image, code block or table, with its first words.
type blockJSON struct {
	Line  int    `json:"line"`
	Kind  string `json:"kind"`
	Start string `json:"start"`
}

// blocksRead lists a Markdown post's blocks, code blocks and tables in the
// order of their lines, so that a user who doubts a count can see what was
// read; nil for other formats, whose blocks are their lines.
func blocksRead(p *post.Post) []blockJSON {
	if p.Format != post.FormatMarkdown {
		return nil
	}
	var out []blockJSON
	for _, b := range append(slices.Clone(p.Blocks), p.CodeAndTables...) {
		start := text.Preview(b.Text, 8)
		if b.Kind == post.Image {
			start = fmt.Sprintf("%s (%s)", start, b.Image.Source)
		}
		out = append(out, blockJSON{Line: int(b.Line), Kind: b.Kind.String(), Start: start})
	}
	slices.SortStableFunc(out, func(a, b blockJSON) int { return a.Line - b.Line })
	return out
}

type modelInfo struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Hash    string `json:"hash"`
	File    string `json:"file"`
}

type scoreExplanation struct {
	Value      *int32           `json:"value"`
	Exact      *float64         `json:"exact"`
	Claimed    *int64           `json:"claimed"`
	Reasons    []scoring.Reason `json:"reasons"`
	Components []componentJSON  `json:"components"`
}

type componentJSON struct {
	scoring.ComponentResult
	Skipped bool `json:"skipped"`
}

func explain(path string, o explainOptions) (*Explanation, error) {
	asOf, err := parseAsOf(o.asOf)
	if err != nil {
		return nil, err
	}
	model, err := loadModel(o.model)
	if err != nil {
		return nil, err
	}
	if err := pipeline.CheckMaxBytes(o.maxBytes); err != nil {
		return nil, usageErr("%v", err)
	}
	data, err := pipeline.ReadRegularFile(path, o.maxBytes, fmt.Sprintf("--max-bytes %d", o.maxBytes))
	if err != nil {
		return nil, &exitError{code: exitFailed, msg: err.Error()}
	}
	switch o.format {
	case pipeline.FormatAuto, pipeline.FormatPost, pipeline.FormatMarkdown, pipeline.FormatText:
	default:
		return nil, usageErr("--format %q: want auto, post, markdown or text", o.format)
	}
	// The worker's own function, so that explain explains the row score
	// writes (its post_id when the post has none included).
	// The scorer keeps the sentences behind the readability checks, which
	// explain lists; a run keeps only their counts.
	scorer := pipeline.NewScorer(model, asOf, o.maxBytes)
	scorer.KeepCheckSentences()
	scored, rerr := scorer.Score(pipeline.FileDocument(o.format, path, data))
	if rerr != nil {
		return nil, &exitError{code: exitFailed, msg: fmt.Sprintf("%s is not a post: %s", path, rerr.Reason)}
	}
	return explanation(path, model, &scored), nil
}

// explanation is what explain says of a scored post: its features, and for
// each score its components, reasons and the claimed value beside it.
func explanation(path string, model *scoring.Model, scored *pipeline.Scored) *Explanation {
	post, f, s := scored.Post, scored.Features, &scored.Scores
	e := &Explanation{
		File: path, Title: post.Title, PostID: scored.Row.PostID, RevisionVersion: post.RevisionVersion, AsOf: f.AsOf.String(),
		Model:  modelInfo{Name: model.Name, Version: model.Version, Hash: model.Hash(), File: model.File()},
		Scores: map[string]scoreExplanation{}, Features: map[string]*float64{},
		Repeated: f.RepeatedSentences, LongestPara: f.LongestParagraph, LongestSection: f.LongestSection,
		Warnings: f.Warnings, Blocks: blocksRead(post),
	}
	e.ReadabilityChecks, e.NoChecks = readabilityChecks(f)
	for _, name := range features.NumericNames() {
		if v, ok := f.Value(name); ok {
			e.Features[name] = &v
		} else {
			e.Features[name] = nil
		}
	}
	claimed := map[string]*int64{scoring.Quality.String(): f.ClaimedQuality, scoring.Freshness.String(): f.ClaimedFreshness, scoring.Depth.String(): f.ClaimedDepth, scoring.Clarity.String(): f.ClaimedClarity}
	e.scoresOrdered = scoring.Names()
	for _, name := range e.scoresOrdered {
		sc := s.ByName(name)
		se := scoreExplanation{Value: sc.Value, Exact: sc.Exact, Claimed: claimed[name], Reasons: scoring.Reasons(sc, 10)}
		for _, c := range sc.Components {
			se.Components = append(se.Components, componentJSON{c, c.Skipped()})
		}
		e.Scores[name] = se
	}
	for _, name := range e.scoresOrdered {
		e.Notes = append(e.Notes, missingNotes(name, s.ByName(name))...)
	}
	return e
}

// missingNotes says which of score's components had a null feature, and
// what each counted for it: its missing value, or nothing (skipped).
func missingNotes(score string, s *scoring.Score) []string {
	var notes []string
	for _, c := range s.Components {
		switch {
		case c.UsedMissing:
			notes = append(notes, fmt.Sprintf("%s: %s is null, so the component counted its missing value: missing → %g (%s)", score, c.Feature, *c.CurveValue, missingWords(c.Feature)))
		case c.Skipped() && c.Value == nil:
			notes = append(notes, fmt.Sprintf("%s: %s is null, so its component was left out (missing = \"skip\": %s)", score, c.Feature, missingWords(c.Feature)))
		}
	}
	return notes
}

func runExplain(w io.Writer, o explainOptions, path string) error {
	e, err := explain(path, o)
	if err != nil {
		return err
	}
	if o.json {
		js, err := json.MarshalIndent(e, "", "  ")
		if err != nil {
			return fmt.Errorf("encoding the explanation of %s: %w", path, err)
		}
		_, err = w.Write(append(reports.VisibleJSON(js), '\n'))
		return err
	}
	return printExplanation(w, e)
}

func fmtOpt(v *float64) string {
	if v == nil {
		return "null"
	}
	return fmt.Sprintf("%.4g", *v)
}

// printExplanation prints e for a terminal. Every string from the post, its
// file name or the model goes through vis (reports.Visible) or %q, so that
// none can drive the terminal.
func printExplanation(w io.Writer, e *Explanation) error {
	vis := reports.Visible
	fmt.Fprintf(w, "%s\n", vis(e.Title))
	fmt.Fprintf(w, "post %s", vis(e.PostID))
	if e.RevisionVersion != "" {
		fmt.Fprintf(w, ", revision %s", vis(e.RevisionVersion))
	}
	fmt.Fprintf(w, "\nfile %s · as of %s · model %s %s (%.12s…)\n\n", vis(e.File), e.AsOf, vis(e.Model.Name), vis(e.Model.Version), e.Model.Hash)

	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "score\trecomputed\tclaimed\tclaimed − recomputed\t")
	for _, name := range e.scoresOrdered {
		s := e.Scores[name]
		rec, cl, diff := "null", "—", ""
		if s.Value != nil {
			rec = fmt.Sprint(*s.Value)
		}
		if s.Claimed != nil {
			cl = fmt.Sprint(*s.Claimed)
			if s.Value != nil {
				diff = fmt.Sprintf("%+d", *s.Claimed-int64(*s.Value))
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", name, rec, cl, diff)
	}
	tw.Flush()
	for _, n := range e.Notes {
		fmt.Fprintf(w, "note: %s\n", vis(n))
	}
	printComponents(w, e)
	return printDetails(w, e)
}

// printComponents prints each score's components, and what lowered it
// most.
func printComponents(w io.Writer, e *Explanation) {
	vis := reports.Visible
	for _, name := range e.scoresOrdered {
		s := e.Scores[name]
		fmt.Fprintf(w, "\n%s = %s: 100 × Σ weight·curve / Σ weight\n", strings.ToUpper(name), fmtExact(s.Exact))
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  feature\tvalue\tcurve\tcurve value\t× weight\t→ points\tlost")
		for _, c := range s.Components {
			switch {
			case c.Skipped:
				fmt.Fprintf(tw, "  %s\tnull\t%s\tskipped\t%g\t\t\n", vis(c.Feature), vis(c.Curve), c.Weight)
				continue
			case c.UsedMissing:
				fmt.Fprintf(tw, "  %s\tnull\t%s\tmissing → %g\t%g\t%.1f\t%.1f\n", vis(c.Feature), vis(c.Curve), *c.CurveValue, c.Weight, c.Points, c.Lost)
				continue
			}
			fmt.Fprintf(tw, "  %s\t%.4g\t%s\t%.3f\t%g\t%.1f\t%.1f\n", vis(c.Feature), *c.Value, vis(c.Curve), *c.CurveValue, c.Weight, c.Points, c.Lost)
		}
		tw.Flush()
		if len(s.Reasons) > 0 {
			var rs []string
			for _, r := range s.Reasons {
				value := "null, missing → " + fmt.Sprint(r.MissingValue)
				if !r.UsedMissing {
					value = fmt.Sprintf("%.3g", *r.Value)
				}
				rs = append(rs, fmt.Sprintf("%s (%s = %s, −%.1f)", vis(reasonWords(r.Feature)), vis(r.Feature), value, r.Lost))
			}
			fmt.Fprintf(w, "  lowered most by: %s\n", strings.Join(rs, "; "))
		}
	}
}

// printDetails prints the repeated sentences, the longest paragraph and
// section, the warnings and every feature's value.
func printDetails(w io.Writer, e *Explanation) error {
	vis := reports.Visible
	fmt.Fprintln(w, "\nrepeated sentences:")
	if len(e.Repeated) == 0 {
		fmt.Fprintln(w, "  none")
	}
	for _, r := range e.Repeated {
		fmt.Fprintf(w, "  %d× %q\n", r.Count, r.Text)
	}
	fmt.Fprintf(w, "longest paragraph: %d words, line %d: %q\n", e.LongestPara.Words, e.LongestPara.Line, e.LongestPara.Preview)
	if e.LongestSection.Heading != "" {
		fmt.Fprintf(w, "longest section: %d words under %q (line %d)\n", e.LongestSection.Words, e.LongestSection.Heading, e.LongestSection.Line)
	} else {
		fmt.Fprintf(w, "longest section: %d words before the first heading (line %d)\n", e.LongestSection.Words, e.LongestSection.Line)
	}
	printChecks(w, e)
	if len(e.Warnings) == 0 {
		fmt.Fprintln(w, "warnings: none")
	} else {
		fmt.Fprintln(w, "warnings:")
		for _, x := range e.Warnings {
			fmt.Fprintf(w, "  %s\n", vis(x))
		}
	}
	printBlocks(w, e.Blocks)
	fmt.Fprintln(w, "\nfeatures:")
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	for _, name := range features.NumericNames() {
		fmt.Fprintf(tw, "  %s\t%s\n", name, fmtOpt(e.Features[name]))
	}
	return tw.Flush()
}

// printBlocks prints the blocks a Markdown post's page gave.
func printBlocks(w io.Writer, blocks []blockJSON) {
	if len(blocks) == 0 {
		return
	}
	fmt.Fprintln(w, "\nblocks read from the page (MARKDOWN.md): line, kind, first words")
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	for _, b := range blocks {
		fmt.Fprintf(tw, "  %d\t%s\t%q\n", b.Line, b.Kind, b.Start)
	}
	tw.Flush()
}

func fmtExact(v *float64) string {
	if v == nil {
		return "null"
	}
	return fmt.Sprintf("%.2f", *v)
}

// checkJSON is one readability check of a post as explain shows it: its
// value and light, why it was not checked, its thresholds and source, and
// what fails it, as Yoast highlights it in its editor.
type checkJSON struct {
	Check string   `json:"check"`
	Value *float64 `json:"value"` // null: the post has no sentence to check
	// Light is null where the check does not apply; NotChecked says why.
	Light      *checks.Light `json:"light"`
	NotChecked string        `json:"not_checked,omitempty"`
	Thresholds string        `json:"thresholds"`
	Source     string        `json:"source"`
	// For a check whose light is not good: the sentences that fail it, or
	// the Explanation field that shows the block that fails it
	// (longest_paragraph, longest_section), or why nothing is listed.
	Sentences []string `json:"sentences,omitempty"`
	See       string   `json:"see,omitempty"`
	Note      string   `json:"note,omitempty"`
}

// maxCheckSentences is how many failing sentences of a check the text
// output lists; --json lists them all.
const maxCheckSentences = 10

// readabilityChecks returns f's readability checks as explain shows them,
// in checks.All order, or none and the reason (a post not in English has
// none: METRICS.md section 5b).
func readabilityChecks(f *features.Features) ([]checkJSON, string) {
	if f.ReadabilityChecks == nil {
		if f.ReadabilitySkipped {
			return []checkJSON{}, "not English: the language is " + f.Language + ", warning " + features.WarnNotEnglish
		}
		return []checkJSON{}, "not measured"
	}
	out := make([]checkJSON, 0, len(checks.All))
	for i := range checks.All {
		out = append(out, checkOf(f, &checks.All[i]))
	}
	return out, ""
}

// checkOf is check c of the post of features f.
func checkOf(f *features.Features, c *checks.Check) checkJSON {
	cj := checkJSON{Check: c.Column, Thresholds: thresholdWords(c, fmtPlain), Source: c.Source}
	var r *features.CheckResult
	for i := range f.ReadabilityChecks {
		if f.ReadabilityChecks[i].Check == c.Column {
			r = &f.ReadabilityChecks[i]
			break
		}
	}
	switch {
	case r == nil:
		cj.NotChecked = "not checked: the post has no sentence"
		return cj
	case r.Light == "":
		cj.Value = &r.Value
		cj.NotChecked = fmt.Sprintf("not checked: the post has %d words or fewer", c.MinWords)
		return cj
	}
	cj.Value, cj.Light = &r.Value, &r.Light
	if r.Light != checks.Good {
		cj.failing(&f.CheckSentences)
	}
	return cj
}

// failing sets what fails check cj, a check whose light is not good: the
// sentences Yoast would highlight, or where the failing block is shown.
func (cj *checkJSON) failing(s *checks.Sentences) {
	switch cj.Check {
	case "long_sentence_share":
		cj.Sentences = s.Long
	case "passive_sentence_share":
		cj.Sentences = s.Passive
	case "max_same_start_run":
		cj.Sentences = s.SameStart
	case "transition_sentence_share":
		cj.Note = "too few sentences hold a transition word: no sentence to point at"
	case "longest_paragraph_words":
		cj.See = "longest_paragraph"
	case "longest_section_words":
		cj.See = "longest_section"
	}
}

// thresholdWords says check c's thresholds in words, each value written by
// num: "good ≤ 0.25, ok ≤ 0.3", "good ≥ 0.3, ok ≥ 0.2", or, for a check
// with no ok light (max_same_start_run), "good ≤ 2, bad > 2".
func thresholdWords(c *checks.Check, num func(float64) string) string {
	at, past := "≤", ">"
	if c.HigherIsBetter {
		at, past = "≥", "<"
	}
	if c.Good == c.OK {
		return fmt.Sprintf("good %s %s, bad %s %s", at, num(c.Good), past, num(c.OK))
	}
	return fmt.Sprintf("good %s %s, ok %s %s", at, num(c.Good), at, num(c.OK))
}

func fmtPlain(v float64) string { return fmt.Sprintf("%g", v) }

// isShare tells a check whose value is a share of sentences (printed as a
// percentage) from one that counts (sentences, words).
func isShare(check string) bool { return strings.HasSuffix(check, "_share") }

// fmtCheckValue writes a check's value for the terminal: a share as a
// percentage with one decimal ("34.5%"), a count as an integer.
func fmtCheckValue(check string, v float64) string {
	if isShare(check) {
		return fmt.Sprintf("%.1f%%", 100*v)
	}
	return fmt.Sprintf("%.0f", v)
}

// fmtCheckThreshold writes a threshold in its check's unit: a share as a
// percentage (0.15 → "15%"; rounded to 0.1 so that 100×0.15 reads 15).
func fmtCheckThreshold(check string) func(float64) string {
	if !isShare(check) {
		return fmtPlain
	}
	return func(v float64) string { return fmtPlain(math.Round(1000*v)/10) + "%" }
}

// printChecks prints the readability checks, one line each (light, check,
// value, thresholds), and under a check that is not good what fails it.
func printChecks(w io.Writer, e *Explanation) {
	if e.NoChecks != "" {
		fmt.Fprintf(w, "readability checks: none (%s)\n", reports.Visible(e.NoChecks))
		return
	}
	fmt.Fprintln(w, "readability checks:")
	for _, c := range e.ReadabilityChecks {
		light, value := "–", "null"
		if c.Light != nil {
			light = string(*c.Light)
		}
		if c.Value != nil {
			value = fmtCheckValue(c.Check, *c.Value)
		}
		thresholds := thresholdWords(checks.ByColumn(c.Check), fmtCheckThreshold(c.Check))
		fmt.Fprintf(w, "  %-4s  %s = %s (%s)", light, c.Check, value, thresholds)
		if c.NotChecked != "" {
			fmt.Fprintf(w, " — %s", c.NotChecked)
		}
		fmt.Fprintln(w)
		printFailing(w, e, &c)
	}
}

// printFailing prints, indented under check c, the sentences that fail it
// (at most maxCheckSentences), or where its failing block is shown.
func printFailing(w io.Writer, e *Explanation, c *checkJSON) {
	for i, s := range c.Sentences {
		if i == maxCheckSentences {
			fmt.Fprintf(w, "        … and %d more\n", len(c.Sentences)-i)
			break
		}
		fmt.Fprintf(w, "        \"%s\"\n", reports.Visible(s))
	}
	switch c.See {
	case "longest_paragraph":
		fmt.Fprintf(w, "        the longest paragraph above (line %d)\n", e.LongestPara.Line)
	case "longest_section":
		fmt.Fprintf(w, "        the longest section above (line %d)\n", e.LongestSection.Line)
	}
	if c.Note != "" {
		fmt.Fprintf(w, "        %s\n", c.Note)
	}
}

// reasonWords names a feature the way a content lead would say it.
var reasonWordsMap = map[string]string{
	"repetition_ratio":          "repeated sentences",
	"dedup_image_density":       "image density",
	"image_density":             "image density",
	"paragraph_gap":             "false paragraph claim",
	"dedup_reading_time_ratio":  "false reading-time claim",
	"reading_time_ratio":        "false reading-time claim",
	"image_source_gap":          "image sources that do not match the images",
	"score.depth":               "little depth",
	"score.clarity":             "low clarity",
	"score.freshness":           "not reviewed lately",
	"dedup_word_count":          "few words that are not repeats",
	"distinct_word_count":       "small vocabulary",
	"readability_check_penalty": "failed readability checks",
	"dedup_flesch_reading_ease": "hard to read",
	"flesch_reading_ease":       "hard to read",
	"dedup_avg_sentence_words":  "sentence length",
	"longest_paragraph_words":   "a very long paragraph",
	"longest_section_words":     "a very long section",
	"days_since_review":         "last reviewed long ago",
	"paragraph_count":           "few paragraphs",
	"heading_count":             "few sections",
}

// missingWordsMap says, in a content lead's words, what a null feature
// means to the default model's components.
var missingWordsMap = map[string]string{
	"score.freshness":           "no review date counts as stale",
	"days_since_review":         "without a review date freshness is unknown, not 0",
	"paragraph_gap":             "a post that claims no paragraph count tells no lie about it",
	"dedup_reading_time_ratio":  "a post that claims no reading time tells no lie about it",
	"image_source_gap":          "a post that lists no image sources tells no lie about them",
	"readability_check_penalty": "the readability checks are for English text",
	"dedup_flesch_reading_ease": "the formula is for English prose",
	"dedup_avg_sentence_words":  "no sentence of prose reads easily",
	"dedup_image_density":       "no words to set the images against",
}

// missingWords says why a null feature counts what its component's missing
// value says.
func missingWords(feature string) string {
	if w, ok := missingWordsMap[feature]; ok {
		return w
	}
	return "the model's missing value for " + feature
}

func reasonWords(feature string) string {
	if w, ok := reasonWordsMap[feature]; ok {
		return w
	}
	return feature
}
