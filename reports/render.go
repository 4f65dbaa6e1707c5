package reports

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/alphanode/postscore/pipeline"
)

// Formats a report can be written in.
var Formats = []string{"md", "html", "json"}

// ParseFormats reads a comma-separated list of formats.
func ParseFormats(s string) ([]string, error) {
	var out []string
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		ok := false
		for _, k := range Formats {
			ok = ok || k == f
		}
		if !ok {
			return nil, fmt.Errorf("unknown report format %q (want some of %s)", f, strings.Join(Formats, ","))
		}
		out = append(out, f)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no report format given (want some of %s)", strings.Join(Formats, ","))
	}
	return out, nil
}

// WriteReports summarises the run in out and writes out/report.<format>
// for each format, each file atomically. It returns the files written.
func WriteReports(out string, formats []string) ([]string, error) {
	s, err := Summarize(out)
	if err != nil {
		return nil, err
	}
	r, err := Render(s, formats)
	if err != nil {
		return nil, err
	}
	return r.Write(out)
}

// Rendered is a summary's reports, rendered and not yet written.
type Rendered struct {
	formats []string
	docs    [][]byte
}

// Render renders the reports of summary s in the formats given, side by
// side.
func Render(s *Summary, formats []string) (*Rendered, error) {
	docs := make([][]byte, len(formats))
	errs := make([]error, len(formats))
	var wg sync.WaitGroup
	for k, f := range formats {
		wg.Go(func() {
			var b []byte
			var err error
			switch f {
			case "json":
				b, err = json.MarshalIndent(s, "", "  ")
				b = append(VisibleJSON(b), '\n')
			case "md":
				b = RenderMarkdown(s)
			case "html":
				b, err = RenderHTML(s)
			}
			if err != nil {
				err = fmt.Errorf("rendering report.%s: %w", f, err)
			}
			docs[k], errs[k] = b, err
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return &Rendered{formats: formats, docs: docs}, nil
}

// Files are the reports by file name (report.<format>).
func (r *Rendered) Files() map[string][]byte {
	files := make(map[string][]byte, len(r.formats))
	for k, f := range r.formats {
		files["report."+f] = r.docs[k]
	}
	return files
}

// Write writes out/report.<format> for each format, each file atomically,
// records them in out's manifest (the run's files, with their stamps) and
// returns their paths.
func (r *Rendered) Write(out string) ([]string, error) {
	unlock, err := pipeline.LockOut(out) // no run may publish while the manifest is rewritten
	if err != nil {
		return nil, err
	}
	defer unlock()
	var written, names []string
	for k, f := range r.formats {
		name := "report." + f
		path := filepath.Join(out, name)
		if err := pipeline.WriteFileAtomic(path, r.docs[k]); err != nil {
			return written, err
		}
		written, names = append(written, path), append(names, name)
	}
	return written, pipeline.RecordFiles(out, names)
}

// groupPosts is a group's posts, or the range they lie in when counted
// approximately.
func groupPosts(g Group) string {
	if g.Overcount == 0 {
		return strconv.Itoa(g.Posts)
	}
	return strconv.Itoa(g.Posts-g.Overcount) + "–" + strconv.Itoa(g.Posts)
}

// moreGroups says what the groups not shown hold.
func moreGroups(bd Breakdown) string {
	if bd.Approximate {
		return fmt.Sprintf("…and at least %d smaller groups, with at least %d posts", bd.More, bd.OtherPosts)
	}
	return fmt.Sprintf("…and %d smaller groups, with %d posts", bd.More, bd.OtherPosts)
}

// approximateNote says how a breakdown with too many values was counted.
func approximateNote(bd Breakdown) string {
	return fmt.Sprintf("More than %d distinct values of %s: counted in bounded memory (space-saving), a range is a group's fewest and most posts, and its means are over the posts counted since it entered the count.", groupCapacity, bd.By)
}

func optNum(p *float64) string {
	if p == nil {
		return "—"
	}
	return formatNum(*p)
}

func reasonsText(rs []Reason) string {
	return joined(rs, "; ", func(r Reason) string {
		if r.Value == nil {
			return fmt.Sprintf("%s unknown (−%s)", r.Feature, formatNum(r.Lost))
		}
		return fmt.Sprintf("%s = %s (−%s)", r.Feature, formatNum(*r.Value), formatNum(r.Lost))
	})
}

// RenderMarkdown renders the summary for pull requests and chat.
func RenderMarkdown(s *Summary) []byte {
	var b bytes.Buffer
	r := s.Run
	fmt.Fprintf(&b, "# postscore report\n\n")
	fmt.Fprintf(&b, "As of **%s**, model **%s %s** (`%s`), postscore %s. ", mdCell(r.AsOf), mdCell(r.ModelName), mdCell(r.ModelVersion), mdCell(shortHash(r.ModelHash)), mdCell(r.PostscoreVersion))
	fmt.Fprintf(&b, "%d inputs → **%d rows**, **%d errors**; %.1f s (%s posts/s), started %s.\n\n", r.Inputs, r.Rows, r.Errors, r.DurationSeconds, formatNum(r.PostsPerSecond), r.Start)
	writeMDScores(&b, s.Scores)
	writeMDDistributions(&b, s.Distributions)
	for _, bd := range s.Breakdowns {
		writeMDBreakdown(&b, bd)
	}
	fmt.Fprintf(&b, "## The %d weakest posts by quality\n\n", len(s.Weakest))
	b.WriteString("| quality | claimed | post | title | main reasons |\n| --: | --: | --- | --- | --- |\n")
	for _, w := range s.Weakest {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", formatNum(w.Quality), optNum(w.ClaimedQuality), mdCell(w.PostID), mdCell(w.Title), mdCell(reasonsText(w.Reasons)))
	}
	writeMDStale(&b, s.Stale)
	writeMDUntruthful(&b, s.Untruthful)
	writeMDReadability(&b, s.Readability)
	writeMDDuplicates(&b, s.Duplicates)
	writeMDErrors(&b, s.Errors, s.Warnings)
	// A safety net: every string from a post is already a cell (mdCell).
	return []byte(VisibleText(b.String()))
}

func writeMDScores(b *bytes.Buffer, scores []ScoreSummary) {
	b.WriteString("## Scores\n\n| score | posts | null | mean | sd | p10 | p50 | p90 |\n| --- | --: | --: | --: | --: | --: | --: | --: |\n")
	for _, sc := range scores {
		d := sc.Dist
		fmt.Fprintf(b, "| %s | %d | %d | %s | %s | %s | %s | %s |\n", sc.Name, d.Count, d.Nulls, formatNum(d.Mean), formatNum(d.StdDev), formatNum(d.P10), formatNum(d.P50), formatNum(d.P90))
	}
	b.WriteString("\n### Claimed vs recomputed\n\n| score | pairs | mean bias (claimed − ours) | mean abs error | Pearson | Spearman | claim ≥ 20 over |\n| --- | --: | --: | --: | --: | --: | --: |\n")
	for _, sc := range scores {
		c := sc.Claims
		fmt.Fprintf(b, "| %s | %d | %s | %s | %s | %s | %d |\n", sc.Name, c.Pairs, formatNum(c.MeanBias), formatNum(c.MAE), optNum(c.Pearson), optNum(c.Spearman), c.Over20)
	}
	b.WriteString("\n### Histograms\n\n")
	for _, sc := range scores {
		writeMDHist(b, sc.Name, sc.Dist)
	}
}

func writeMDDistributions(b *bytes.Buffer, dists []NamedDist) {
	b.WriteString("## Distributions\n\n| feature | posts | null | mean | p10 | p50 | p90 | max |\n| --- | --: | --: | --: | --: | --: | --: | --: |\n")
	for _, d := range dists {
		fmt.Fprintf(b, "| %s | %d | %d | %s | %s | %s | %s | %s |\n", d.Name, d.Dist.Count, d.Dist.Nulls, formatNum(d.Dist.Mean), formatNum(d.Dist.P10), formatNum(d.Dist.P50), formatNum(d.Dist.P90), formatNum(d.Dist.Max))
	}
	b.WriteString("\n")
	for _, d := range dists {
		writeMDHist(b, d.Name, d.Dist)
	}
}

func writeMDBreakdown(b *bytes.Buffer, bd Breakdown) {
	fmt.Fprintf(b, "## By %s\n\n", bd.By)
	if len(bd.Groups) == 0 {
		fmt.Fprintf(b, "No post has a %s.\n\n", bd.By)
		return
	}
	b.WriteString("| " + bd.By + " | posts | quality | freshness | depth | clarity |\n| --- | --: | --: | --: | --: | --: |\n")
	for _, g := range bd.Groups {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n", mdCell(g.Key), groupPosts(g), optNum(g.MeanQuality), optNum(g.MeanFreshness), optNum(g.MeanDepth), optNum(g.MeanClarity))
	}
	if bd.More > 0 {
		fmt.Fprintf(b, "\n%s.", moreGroups(bd))
	}
	if bd.Approximate {
		fmt.Fprintf(b, "\n%s", approximateNote(bd))
	}
	fmt.Fprintf(b, "\n%d posts have no %s.\n\n", bd.None, bd.By)
}

func writeMDStale(b *bytes.Buffer, st StaleSection) {
	fmt.Fprintf(b, "\n## Stale posts\n\n%d posts were last reviewed more than %s days (two half-lives) before the as-of date; %d have no review date.\n\n", st.Count, formatNum(st.ThresholdDays), st.Undated)
	if len(st.Oldest) > 0 {
		b.WriteString("| days | last reviewed | freshness | post | title |\n| --: | --- | --: | --- | --- |\n")
		for _, p := range st.Oldest {
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", formatNum(p.Days), p.LastReviewed, formatNum(p.Freshness), mdCell(p.PostID), mdCell(p.Title))
		}
	}
}

func writeMDUntruthful(b *bytes.Buffer, u UntruthfulSection) {
	fmt.Fprintf(b, "\n## Meta that does not tell the truth\n\n%d posts: %d claim the wrong paragraph count, %d claim a reading time over twice the real one, %d list a different number of image sources than images.\n\n", u.Posts, u.ParagraphGap, u.ReadingTime, u.ImageSourceGap)
	if len(u.Worst) > 0 {
		b.WriteString("| post | title | paragraph gap | reading-time ratio | image-source gap |\n| --- | --- | --: | --: | --: |\n")
		for _, p := range u.Worst {
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", mdCell(p.PostID), mdCell(p.Title), optNum(p.ParagraphGap), optNum(p.ReadingTimeRatio), optNum(p.ImageSourceGap))
		}
	}
}

func writeMDErrors(b *bytes.Buffer, errs, warnings []KindCount) {
	b.WriteString("\n## Errors and warnings\n\n")
	if len(errs) == 0 {
		b.WriteString("No error rows.\n\n")
	} else {
		b.WriteString("| error kind | stage | inputs | example |\n| --- | --- | --: | --- |\n")
		for _, e := range errs {
			fmt.Fprintf(b, "| %s | %s | %d | %s |\n", mdCell(e.Kind), mdCell(e.Stage), e.Count, mdCell(e.Example))
		}
		b.WriteString("\n")
	}
	if len(warnings) == 0 {
		b.WriteString("No warnings.\n")
	} else {
		b.WriteString("| warning kind | posts |\n| --- | --: |\n")
		for _, w := range warnings {
			fmt.Fprintf(b, "| %s | %d |\n", mdCell(w.Kind), w.Count)
		}
	}
}

func writeMDHist(b *bytes.Buffer, name string, d Dist) {
	if len(d.Bins) == 0 {
		return
	}
	max := 0
	for _, bin := range d.Bins {
		max = maxInt(max, bin.Count)
	}
	fmt.Fprintf(b, "```\n%s\n", name)
	for _, bin := range d.Bins {
		bar := 0
		if max > 0 {
			bar = (bin.Count*40 + max - 1) / max
		}
		fmt.Fprintf(b, "%12s %s %d\n", bin.Label, strings.Repeat("█", bar), bin.Count)
	}
	b.WriteString("```\n\n")
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}
