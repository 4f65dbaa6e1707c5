package reports

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"math"
)

//go:embed report.html.tmpl
var reportTemplate string

// chart is a histogram laid out for SVG.
type chart struct {
	Title  string
	Width  float64
	Height float64
	Bars   []bar
	Empty  bool
}

type bar struct {
	X, Y, W, H float64
	LabelX     float64
	Label      string
	Count      int
}

const (
	chartW   = 360.0
	chartH   = 150.0
	chartPad = 22.0
)

func histChart(title string, d Dist) chart {
	c := chart{Title: title, Width: chartW, Height: chartH + 2*chartPad}
	if len(d.Bins) == 0 {
		c.Empty = true
		return c
	}
	max := 1
	for _, b := range d.Bins {
		max = maxInt(max, b.Count)
	}
	w := chartW / float64(len(d.Bins))
	for i, b := range d.Bins {
		h := chartH * float64(b.Count) / float64(max)
		c.Bars = append(c.Bars, bar{X: float64(i) * w, Y: chartPad + chartH - h, W: math.Max(w-2, 1), H: h,
			LabelX: float64(i)*w + w/2, Label: b.Label, Count: b.Count})
	}
	return c
}

// scatter is claimed vs recomputed laid out for SVG.
type scatter struct {
	Title   string
	Size    float64
	ViewBox string
	Points  []dot
	Pairs   int
	Note    string
}

type dot struct{ X, Y float64 }

func scatterChart(name string, c Claims) scatter {
	const size = 240.0
	sc := scatter{Title: name, Size: size, Pairs: c.Pairs, ViewBox: fmt.Sprintf("-30 -10 %g %g", size+40, size+30)}
	clamp := func(v float64) float64 { return math.Max(0, math.Min(100, v)) }
	for _, p := range c.Scatter {
		sc.Points = append(sc.Points, dot{X: size * clamp(p.Claimed) / 100, Y: size - size*clamp(p.Recomputed)/100})
	}
	if c.Sampled {
		sc.Note = fmt.Sprintf("%d of %d pairs shown, evenly sampled", len(c.Scatter), c.Pairs)
	}
	return sc
}

type htmlData struct {
	*Summary
	ScoreCharts []chart
	DistCharts  []chart
	Scatters    []scatter
}

var funcs = template.FuncMap{
	"num":     formatNum,
	"opt":     optNum,
	"short":   shortHash,
	"posts":   groupPosts,
	"more":    moreGroups,
	"approx":  approximateNote,
	"dups":    duplicatesText,
	"largest": largestText,
	"clip":    clip,
	// The readability checks.
	"readability": readabilityText,
	"failing":     failingText,
	"lights":      lightText,
	"reasons": func(rs []Reason) string {
		return reasonsText(rs)
	},
	"pct": func(a, b int) string {
		if b == 0 {
			return "—"
		}
		return formatNum(100*float64(a)/float64(b)) + "%"
	},
}

// RenderHTML renders one self-contained page: inline CSS and SVG, no script,
// no external resource; every string from a post is escaped by html/template,
// and its control characters are made visible (VisibleText).
func RenderHTML(s *Summary) ([]byte, error) {
	t, err := template.New("report").Funcs(funcs).Parse(reportTemplate)
	if err != nil {
		return nil, err
	}
	d := htmlData{Summary: s}
	for _, sc := range s.Scores {
		d.ScoreCharts = append(d.ScoreCharts, histChart(sc.Name, sc.Dist))
		d.Scatters = append(d.Scatters, scatterChart(sc.Name, sc.Claims))
	}
	for _, nd := range s.Distributions {
		d.DistCharts = append(d.DistCharts, histChart(nd.Name, nd.Dist))
	}
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		return nil, err
	}
	return []byte(VisibleText(b.String())), nil
}

//go:embed compare.html.tmpl
var compareTemplate string

type compareData struct {
	*Comparison
	BandNames        []string
	CauseNote        string
	ClusterMatchNote string
}

// RenderCompareHTML renders a comparison as one self-contained page.
func RenderCompareHTML(c *Comparison) ([]byte, error) {
	f := template.FuncMap{"features": featureText, "components": componentText, "sample": sampleText, "cluster": clusterID, "signed": func(v float64) string {
		if v > 0 {
			return "+" + formatNum(v)
		}
		return formatNum(v)
	}}
	for k, v := range funcs {
		f[k] = v
	}
	t, err := template.New("compare").Funcs(f).Parse(compareTemplate)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, compareData{Comparison: c, BandNames: BandNames, CauseNote: CauseNote, ClusterMatchNote: ClusterMatchNote}); err != nil {
		return nil, err
	}
	return []byte(VisibleText(b.String())), nil
}
