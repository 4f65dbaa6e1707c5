package reports

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/stat"
)

// Dist summarises one numeric column.
type Dist struct {
	Count  int     `json:"count"`
	Nulls  int     `json:"nulls"`
	Mean   float64 `json:"mean"`
	StdDev float64 `json:"stddev"`
	Min    float64 `json:"min"`
	P10    float64 `json:"p10"`
	P50    float64 `json:"p50"`
	P90    float64 `json:"p90"`
	Max    float64 `json:"max"`
	Bins   []Bin   `json:"histogram"`
}

// Bin is one histogram bar: values in [Lo, Hi) (the last bar includes Hi).
type Bin struct {
	Label string   `json:"label"`
	From  *float64 `json:"from"` // null: open below
	To    *float64 `json:"to"`   // null: open above
	Count int      `json:"count"`
	Lo    float64  `json:"-"`
	Hi    float64  `json:"-"`
}

// describe sorts xs and summarises it over the given bin edges (values below
// the first edge or above the last go to open-ended end bars).
func describe(xs []float64, nulls int, edges []float64, label func(lo, hi float64) string) Dist {
	d := Dist{Count: len(xs), Nulls: nulls}
	if len(xs) == 0 {
		return d
	}
	sort.Float64s(xs)
	d.Mean, d.StdDev = stat.MeanStdDev(xs, nil)
	if len(xs) < 2 {
		d.StdDev = 0
	}
	d.Min, d.Max = xs[0], xs[len(xs)-1]
	// LinInterp: the quantile interpolated between order statistics.
	d.P10 = stat.Quantile(0.1, stat.LinInterp, xs, nil)
	d.P50 = stat.Quantile(0.5, stat.LinInterp, xs, nil)
	d.P90 = stat.Quantile(0.9, stat.LinInterp, xs, nil)
	d.Bins = histogram(xs, edges, label)
	return d
}

// histogram counts sorted xs into bars between consecutive edges, with an
// open bar below the first edge and above the last when values fall there.
func histogram(xs []float64, edges []float64, label func(lo, hi float64) string) []Bin {
	n := len(edges)
	bins := make([]Bin, 0, n+1)
	if xs[0] < edges[0] {
		bins = append(bins, Bin{Label: "< " + trim(edges[0]), Lo: math.Inf(-1), Hi: edges[0]})
	}
	for k := 0; k+1 < n; k++ {
		bins = append(bins, Bin{Label: label(edges[k], edges[k+1]), Lo: edges[k], Hi: edges[k+1]})
	}
	if xs[len(xs)-1] > edges[n-1] {
		bins = append(bins, Bin{Label: "> " + trim(edges[n-1]), Lo: edges[n-1], Hi: math.Inf(1)})
	}
	for k := range bins {
		bins[k].From, bins[k].To = finite(bins[k].Lo), finite(bins[k].Hi)
	}
	for _, x := range xs {
		for k := range bins {
			b := &bins[k]
			last := k == len(bins)-1
			if x >= b.Lo && (x < b.Hi || last && x <= b.Hi || math.IsInf(b.Hi, 1)) {
				b.Count++
				break
			}
			if x < b.Lo {
				break
			}
		}
	}
	return bins
}

func trim(v float64) string { return formatNum(v) }

// Claims compares a claimed score with the recomputed one over the posts
// that have both.
type Claims struct {
	Pairs     int      `json:"pairs"`
	MeanBias  float64  `json:"mean_bias"`       // mean of claimed − recomputed
	MAE       float64  `json:"mean_abs_error"`  // mean of |claimed − recomputed|
	Pearson   *float64 `json:"pearson"`         // null when undefined (fewer than 2 pairs, or no variance)
	Spearman  *float64 `json:"spearman"`        // Pearson on the ranks
	Over20    int      `json:"claims_20_over"`  // posts claiming at least 20 points more
	Scatter   []Point  `json:"scatter"`         // at most maxScatter pairs, evenly sampled
	Sampled   bool     `json:"scatter_sampled"` //
	OutOfBand int      `json:"claims_out_of_range"`
}

// Point is one (claimed, recomputed) pair.
type Point struct {
	Claimed    float64 `json:"claimed"`
	Recomputed float64 `json:"recomputed"`
}

const maxScatter = 1500

func compareClaims(claimed, recomputed []float64) Claims {
	c := Claims{Pairs: len(claimed)}
	if len(claimed) == 0 {
		return c
	}
	for i := range claimed {
		d := claimed[i] - recomputed[i]
		c.MeanBias += d
		c.MAE += math.Abs(d)
		if d >= 20 {
			c.Over20++
		}
		if claimed[i] < 0 || claimed[i] > 100 {
			c.OutOfBand++
		}
	}
	n := float64(len(claimed))
	c.MeanBias /= n
	c.MAE /= n
	if len(claimed) > 1 {
		c.Pearson = finite(stat.Correlation(claimed, recomputed, nil))
		c.Spearman = finite(stat.Correlation(ranks(claimed), ranks(recomputed), nil))
	}
	step := 1
	if len(claimed) > maxScatter {
		step = (len(claimed) + maxScatter - 1) / maxScatter
		c.Sampled = true
	}
	for i := 0; i < len(claimed); i += step {
		c.Scatter = append(c.Scatter, Point{claimed[i], recomputed[i]})
	}
	return c
}

// ranks gives each value its rank (1-based), ties sharing their mean rank,
// for Spearman's correlation (Pearson's on the ranks).
func ranks(xs []float64) []float64 {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return xs[idx[a]] < xs[idx[b]] })
	r := make([]float64, len(xs))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && xs[idx[j+1]] == xs[idx[i]] {
			j++
		}
		mean := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			r[idx[k]] = mean
		}
		i = j + 1
	}
	return r
}

// ksStatistic is the two-sample Kolmogorov–Smirnov statistic: the largest
// distance between the two empirical distribution functions (gonum/stat,
// which needs sorted samples).
func ksStatistic(a, b []float64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return math.NaN()
	}
	x := append([]float64(nil), a...)
	y := append([]float64(nil), b...)
	sort.Float64s(x)
	sort.Float64s(y)
	return stat.KolmogorovSmirnov(x, nil, y, nil)
}

// finite returns v, or nil when it is NaN or infinite (JSON has no NaN).
func finite(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}
