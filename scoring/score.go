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
// component's feature was null (a post without a review date has no
// freshness).
type Score struct {
	Value      *int32
	Exact      *float64
	Components []ComponentResult
}

// ComponentResult is one component evaluated on one post.
type ComponentResult struct {
	Feature string `json:"feature"`
	Curve   string `json:"curve"` // the curve, described
	// Value is the feature's value; nil when the feature is null, and the
	// component is then skipped (it adds nothing to either sum).
	Value *float64 `json:"value"`
	// CurveValue is the curve at Value, 0..1 (nil when skipped).
	CurveValue *float64 `json:"curve_value"`
	Weight     float64  `json:"weight"` // as in the model
	// Points is what the component adds to the score: 100·w·curve/Σw, over
	// the components not skipped; Lost is what it costs: 100·w·(1−curve)/Σw.
	Points float64 `json:"points"`
	Lost   float64 `json:"lost"`
}

// Skipped reports whether the component was left out for a null feature.
func (c *ComponentResult) Skipped() bool { return c.Value == nil }

// Score computes the four scores of f: each is 100 × Σ w·curve(feature) / Σ w
// over the components whose feature is not null (METRICS.md section 8).
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
// a component); exact and rounded receive its value.
func (m *Model) scoreOne(k ScoreIndex, f *features.Features, done *Scores, results []ComponentResult, vals []float64, exact *float64, rounded *int32) Score {
	comps := m.Components(k)
	prep := m.prep[k]
	out := Score{Components: results}
	shift := weightShift(comps)
	var sumW, sumWV float64
	for i, c := range comps {
		r := &out.Components[i]
		var p prepared
		if i < len(prep) && prep[i].curve == &comps[i].Curve {
			p = prep[i]
		} else { // a Model not made by ParseModel, or changed since
			p = prepare(&comps[i])
		}
		r.Feature, r.Curve, r.Weight = c.Feature, p.desc, c.Weight
		var v float64
		var ok bool
		switch {
		case p.get != nil:
			v, ok = p.get(f)
		case p.ofScore:
			if sc := done.At(p.score); sc != nil && sc.Exact != nil {
				v, ok = *sc.Exact, true
			}
		}
		if !ok || math.IsNaN(v) || math.IsInf(v, 0) || !usableWeight(c.Weight) {
			continue
		}
		cv := c.Curve.Eval(v, m.HalfLifeDays)
		if math.IsNaN(cv) {
			cv = 0
		}
		cv = math.Max(0, math.Min(1, cv))
		vals[2*i], vals[2*i+1] = v, cv
		r.Value, r.CurveValue = &vals[2*i], &vals[2*i+1]
		w := math.Ldexp(c.Weight, -shift)
		sumW += w
		sumWV += w * cv
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
