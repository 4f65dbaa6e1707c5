package reports

import (
	"cmp"
	"maps"
	"math"
	"slices"
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

// valueCounts counts how often each value occurs: a column summarised in
// memory that grows with its distinct values, not with the corpus (scores
// are integers 0-100; fractions are rounded to a fixed step first).
type valueCounts struct {
	step float64 // values are rounded to a multiple of step (0: kept exact)
	// dense counts the values k·step (k when step is 0) for the integers k
	// in [0, denseValues), most values, without a map.
	dense  *[denseValues]float64
	counts map[float64]float64
	nulls  int
}

const denseValues = 4096

func newValueCounts(step float64) *valueCounts {
	return &valueCounts{step: step, dense: new([denseValues]float64), counts: map[float64]float64{}}
}

func (v *valueCounts) add(x float64) {
	k := x
	if v.step > 0 {
		k = math.Round(x / v.step)
		x = k * v.step
	}
	if k >= 0 && k < denseValues && k == math.Trunc(k) {
		v.dense[int(k)]++
		return
	}
	v.counts[x]++
}

// sorted returns the distinct values in increasing order and their counts.
func (v *valueCounts) sorted() (xs, ws []float64) {
	counts := maps.Clone(v.counts)
	for k, w := range v.dense {
		if w > 0 {
			x := float64(k)
			if v.step > 0 {
				x *= v.step
			}
			counts[x] += w
		}
	}
	xs = slices.Sorted(maps.Keys(counts))
	ws = make([]float64, len(xs))
	for i, x := range xs {
		ws[i] = counts[x]
	}
	return xs, ws
}

// describe summarises the counted values over the given bin edges (values
// below the first edge or above the last go to open-ended end bars).
// Quantiles are empirical: the smallest value at or above the fraction p of
// the posts (gonum's stat.Empirical).
func describe(v *valueCounts, edges []float64, label func(lo, hi float64) string) Dist {
	xs, ws := v.sorted()
	d := Dist{Nulls: v.nulls}
	for _, w := range ws {
		d.Count += int(w)
	}
	if d.Count == 0 {
		return d
	}
	d.Mean, d.StdDev = stat.MeanStdDev(xs, ws)
	if d.Count < 2 {
		d.StdDev = 0
	}
	d.Min, d.Max = xs[0], xs[len(xs)-1]
	d.P10 = stat.Quantile(0.1, stat.Empirical, xs, ws)
	d.P50 = stat.Quantile(0.5, stat.Empirical, xs, ws)
	d.P90 = stat.Quantile(0.9, stat.Empirical, xs, ws)
	d.Bins = histogram(xs, ws, edges, label)
	return d
}

// histogram counts sorted xs (each ws times) into bars between consecutive
// edges, with an open bar below the first edge and above the last when
// values fall there.
func histogram(xs, ws []float64, edges []float64, label func(lo, hi float64) string) []Bin {
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
	for i, x := range xs {
		for k := range bins {
			b := &bins[k]
			last := k == len(bins)-1
			if x >= b.Lo && (x < b.Hi || last && x <= b.Hi || math.IsInf(b.Hi, 1)) {
				b.Count += int(ws[i])
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

// claimsAcc compares claimed and recomputed scores as rows stream by: it
// counts distinct (claimed, recomputed) pairs, which are integers, so that
// every statistic is exact in memory bounded by the pairs, not the posts.
type claimsAcc struct {
	pairs   map[[2]float64]float64
	grid    *[101 * 101]float64 // the pairs of integers 0-100 (nearly all), counted here first
	n       int
	step    int // the scatter plot keeps the pairs whose index is a multiple of step
	scatter []Point
}

func newClaimsAcc() *claimsAcc {
	return &claimsAcc{pairs: map[[2]float64]float64{}, step: 1}
}

func (a *claimsAcc) add(claimed, recomputed float64) {
	if a.n%a.step == 0 {
		a.scatter = append(a.scatter, Point{claimed, recomputed})
		if len(a.scatter) > maxScatter {
			// Keep every other one: the step doubles, and the scatter
			// holds every step-th pair again, evenly spread whatever
			// the number of pairs, which is not known in advance.
			a.step *= 2
			k := 0
			for i := 0; i < len(a.scatter); i += 2 {
				a.scatter[k] = a.scatter[i]
				k++
			}
			a.scatter = a.scatter[:k]
		}
	}
	a.n++
	if c, r := int(claimed), int(recomputed); float64(c) == claimed && float64(r) == recomputed && uint(c) <= 100 && uint(r) <= 100 {
		if a.grid == nil {
			a.grid = new([101 * 101]float64)
		}
		a.grid[c*101+r]++
		return
	}
	a.pairs[[2]float64{claimed, recomputed}]++
}

func (a *claimsAcc) result() Claims {
	c := Claims{Pairs: a.n, Scatter: a.scatter, Sampled: a.step > 1}
	if a.n == 0 {
		return c
	}
	if a.grid != nil {
		for k, w := range a.grid {
			if w > 0 {
				a.pairs[[2]float64{float64(k / 101), float64(k % 101)}] += w
			}
		}
		a.grid = nil
	}
	keys := slices.SortedFunc(maps.Keys(a.pairs), func(p, q [2]float64) int {
		if d := cmp.Compare(p[0], q[0]); d != 0 {
			return d
		}
		return cmp.Compare(p[1], q[1])
	})
	xs, ys, ws := make([]float64, len(keys)), make([]float64, len(keys)), make([]float64, len(keys))
	claimedN, recomputedN := map[float64]float64{}, map[float64]float64{}
	for i, k := range keys {
		w := a.pairs[k]
		xs[i], ys[i], ws[i] = k[0], k[1], w
		claimedN[k[0]] += w
		recomputedN[k[1]] += w
		d := k[0] - k[1]
		c.MeanBias += w * d
		c.MAE += w * math.Abs(d)
		if d >= 20 {
			c.Over20 += int(w)
		}
		if k[0] < 0 || k[0] > 100 {
			c.OutOfBand += int(w)
		}
	}
	c.MeanBias /= float64(a.n)
	c.MAE /= float64(a.n)
	if a.n > 1 {
		c.Pearson = finite(stat.Correlation(xs, ys, ws))
		rc, rr := ranksOf(claimedN), ranksOf(recomputedN)
		rx, ry := make([]float64, len(keys)), make([]float64, len(keys))
		for i := range keys {
			rx[i], ry[i] = rc[xs[i]], rr[ys[i]]
		}
		c.Spearman = finite(stat.Correlation(rx, ry, ws))
	}
	return c
}

// ranksOf gives each distinct value the mean rank (1-based) of the posts
// that hold it, for Spearman's correlation (Pearson's on the ranks).
func ranksOf(counts map[float64]float64) map[float64]float64 {
	r := map[float64]float64{}
	below := 0.0
	for _, v := range slices.Sorted(maps.Keys(counts)) {
		n := counts[v]
		r[v] = below + (n+1)/2
		below += n
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
