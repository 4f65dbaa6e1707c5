package scoring

import (
	"math"

	"github.com/alphanode/postscore/features"
)

// Scores are the four recomputed scores of one post.
type Scores struct {
	Quality, Freshness, Depth, Clarity Score
}

// At returns score k.
func (s *Scores) At(k ScoreIndex) *Score {
	switch k {
	case Quality:
		return &s.Quality
	case Freshness:
		return &s.Freshness
	case Depth:
		return &s.Depth
	case Clarity:
		return &s.Clarity
	}
	return nil
}

// ByName returns the score called name ("quality"); nil when no score is.
func (s *Scores) ByName(name string) *Score {
	k, ok := ScoreNamed(name)
	if !ok {
		return nil
	}
	return s.At(k)
}

// Score is one score with its breakdown. Value and Exact are nil when every
// component was skipped (freshness, whose one component skips a missing
// review date, is null for a post without one).
type Score struct {
	Value      *int32
	Exact      *float64
	Components []ComponentResult
}

// ComponentResult is one component evaluated on one post.
type ComponentResult struct {
	Feature string `json:"feature"`
	Curve   string `json:"curve"` // the curve, described
	// Value is the feature's value; nil when the feature is null. The
	// component then counts its missing value (UsedMissing), or is skipped:
	// it adds nothing to either sum.
	Value *float64 `json:"value"`
	// CurveValue is the curve at Value, or the missing value counted, 0..1
	// (nil when skipped).
	CurveValue *float64 `json:"curve_value"`
	Weight     float64  `json:"weight"` // as in the model
	// Points is what the component adds to the score: 100·w·curve/Σw, over
	// the components not skipped; Lost is what it costs: 100·w·(1−curve)/Σw.
	Points float64 `json:"points"`
	Lost   float64 `json:"lost"`
	// UsedMissing is true when the feature was null and the component
	// counted the model's missing value for it (CurveValue).
	UsedMissing bool `json:"used_missing"`
}

// Skipped reports whether the component was left out: its feature was null
// and its missing value is "skip" (or its weight is not usable).
func (c *ComponentResult) Skipped() bool { return c.CurveValue == nil }

// Score computes the four scores of f: each is 100 × Σ w·curve / Σ w over
// its components, a component whose feature is null counting its missing
// value, or left out when that is "skip" (docs/SCORING.md).
func (m *Model) Score(f *features.Features) Scores {
	var s Scores
	// The four scores' components, their values and curve values, and the
	// scores' values: one allocation each, shared out.
	n := len(m.Quality) + len(m.Freshness) + len(m.Depth) + len(m.Clarity)
	results, vals := make([]ComponentResult, n), make([]float64, 2*n)
	nums := new(scoreNums)
	for _, k := range computeOrder {
		c := len(m.Components(k))
		*s.At(k) = m.scoreOne(k, f, &s, results[:c:c], vals[:2*c:2*c], &nums.exact[k], &nums.value[k])
		results, vals = results[c:], vals[2*c:]
	}
	return s
}

// scoreNums holds the exact and rounded values of a post's four scores.
type scoreNums struct {
	exact [NumScores]float64
	value [NumScores]int32
}

// scoreOne computes score k into results (one a component) and vals (two
// a component: the feature's value and the curve value); exact and rounded
// receive its value.
func (m *Model) scoreOne(k ScoreIndex, f *features.Features, done *Scores, results []ComponentResult, vals []float64, exact *float64, rounded *int32) Score {
	comps := m.Components(k)
	prep := m.prep[k]
	out := Score{Components: results}
	shift := weightShift(comps)
	var sumW, sumWV float64
	for i := range comps {
		c, r := &comps[i], &out.Components[i]
		var p prepared
		if i < len(prep) && prep[i].curve == &c.Curve {
			p = prep[i]
		} else { // a Model not made by ParseModel, or changed since
			p = prepare(c)
		}
		r.Feature, r.Curve, r.Weight = c.Feature, p.desc, c.Weight
		if !usableWeight(c.Weight) {
			continue
		}
		if !m.evalComponent(c, &p, f, done, r, vals[2*i:2*i+2]) {
			continue
		}
		w := math.Ldexp(c.Weight, -shift)
		sumW += w
		sumWV += w * *r.CurveValue
	}
	if sumW == 0 {
		return out
	}
	for i := range out.Components {
		r := &out.Components[i]
		if r.CurveValue != nil {
			w := math.Ldexp(r.Weight, -shift)
			r.Points = 100 * w * *r.CurveValue / sumW
			r.Lost = 100 * w * (1 - *r.CurveValue) / sumW
		}
	}
	*exact = math.Max(0, math.Min(100, 100*sumWV/sumW))
	*rounded = int32(math.Round(*exact))
	out.Exact, out.Value = exact, rounded
	return out
}

// evalComponent sets r's value and curve value, held in val (two floats),
// for component c on f: the curve at the feature's value, or, for a null
// (NaN, infinite) feature, the component's missing value. It reports
// whether the component counts, false when it is skipped.
func (m *Model) evalComponent(c *Component, p *prepared, f *features.Features, done *Scores, r *ComponentResult, val []float64) bool {
	v, ok := p.value(f, done)
	if !ok || math.IsNaN(v) || math.IsInf(v, 0) {
		cv, counts := c.Missing.countedValue()
		if !counts {
			return false
		}
		val[1], r.CurveValue, r.UsedMissing = cv, &val[1], true
		return true
	}
	cv := c.Curve.Eval(v, m.HalfLifeDays)
	if math.IsNaN(cv) {
		cv = 0
	}
	val[0], val[1] = v, math.Max(0, math.Min(1, cv))
	r.Value, r.CurveValue = &val[0], &val[1]
	return true
}

// usableWeight reports whether w is a finite number >= 0. Validation
// holds a model's weights to MinWeight..MaxWeight; a Model made in code
// may hold any, and a component whose weight is NaN, infinite or negative
// is left out as if its feature were null, so that no score is NaN.
func usableWeight(w float64) bool { return w >= 0 && w <= math.MaxFloat64 }

// weightShift is the power of two that brings the largest usable weight of
// comps under 1. Score scales every weight by 2^-shift: the sums of a few
// thousand weights under 1 cannot overflow, whatever the weights, and
// scaling by a power of two is exact, so a score is the same to the last
// bit as with the weights themselves.
func weightShift(comps []Component) int {
	largest := 0.0
	for i := range comps {
		if w := comps[i].Weight; usableWeight(w) && w > largest {
			largest = w
		}
	}
	_, exp := math.Frexp(largest) // largest = frac · 2^exp, frac in [½, 1); 0 for 0
	return exp
}
