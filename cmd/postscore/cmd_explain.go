package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/alphanode/postscore/features"
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
that a count you doubt can be traced to what was read.`,
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
	Warnings        []string                    `json:"warnings"`
	Notes           []string                    `json:"notes"`
	Blocks          []blockJSON                 `json:"blocks,omitempty"` // a Markdown post's, as read from its page

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
	scored, rerr := pipeline.NewScorer(model, asOf, o.maxBytes).Score(pipeline.FileDocument(o.format, path, data))
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
