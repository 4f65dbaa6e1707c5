package scoring

import (
	"fmt"
	"math"
)

// Curve maps a feature value to 0..1 (METRICS.md section 8). Which parameters
// it reads depends on Kind:
//
//	rising      0 at or below From, 1 at or above To, linear between
//	falling     1 at or below From, 0 at or above To, linear between
//	band        0 outside [Min, Max], 1 on [Low, High], linear edges between
//	saturating  1 − 0.5^(x/Half): 0 at 0, ½ at Half, approaching 1
//	half_life   0.5^(max(0, x)/HalfLife); HalfLife defaults to the model's half_life_days
type Curve struct {
	Kind     string   `toml:"kind" json:"kind"`
	From     *float64 `toml:"from,omitempty" json:"from,omitempty"`
	To       *float64 `toml:"to,omitempty" json:"to,omitempty"`
	Min      *float64 `toml:"min,omitempty" json:"min,omitempty"`
	Low      *float64 `toml:"low,omitempty" json:"low,omitempty"`
	High     *float64 `toml:"high,omitempty" json:"high,omitempty"`
	Max      *float64 `toml:"max,omitempty" json:"max,omitempty"`
	Half     *float64 `toml:"half,omitempty" json:"half,omitempty"`
	HalfLife *float64 `toml:"half_life,omitempty" json:"half_life,omitempty"`
}

// Curve kinds.
const (
	CurveRising     = "rising"
	CurveFalling    = "falling"
	CurveBand       = "band"
	CurveSaturating = "saturating"
	CurveHalfLife   = "half_life"
)

// CurveKinds lists the curve kinds a model may use.
var CurveKinds = []string{CurveRising, CurveFalling, CurveBand, CurveSaturating, CurveHalfLife}

// curveParams names the parameters each kind needs and allows.
var curveParams = map[string][]string{
	CurveRising:     {"from", "to"},
	CurveFalling:    {"from", "to"},
	CurveBand:       {"min", "low", "high", "max"},
	CurveSaturating: {"half"},
	CurveHalfLife:   {},
}

func (c *Curve) params() []curveParam {
	return []curveParam{{"from", c.From}, {"to", c.To}, {"min", c.Min}, {"low", c.Low}, {"high", c.High}, {"max", c.Max}, {"half", c.Half}, {"half_life", c.HalfLife}}
}

// curveParam is one of a curve's parameters, named as in the model file. A
// curve's parameters are checked in a fixed order, so that a curve with two
// bad ones always gets the same message.
type curveParam struct {
	name  string
	value *float64
}

// validate checks the curve's kind and parameters.
func (c *Curve) validate() error {
	need, ok := curveParams[c.Kind]
	if !ok {
		if c.Kind == "" {
			return fmt.Errorf("curve has no kind (one of %v)", CurveKinds)
		}
		return fmt.Errorf("unknown curve kind %q (one of %v)", c.Kind, CurveKinds)
	}
	allowed := map[string]bool{}
	for _, p := range need {
		allowed[p] = true
	}
	if c.Kind == CurveHalfLife {
		allowed["half_life"] = true
	}
	for _, p := range c.params() {
		name, v := p.name, p.value
		if v == nil {
			if allowed[name] && !(c.Kind == CurveHalfLife && name == "half_life") {
				return fmt.Errorf("curve %q needs parameter %q (it takes %v)", c.Kind, name, need)
			}
			continue
		}
		if !allowed[name] {
			return fmt.Errorf("curve %q does not take parameter %q (it takes %v)", c.Kind, name, need)
		}
		lo, hi := -MaxParam, MaxParam
		if name == "half" || name == "half_life" {
			lo = MinScale
		}
		if !inRange(*v, lo, hi) {
			return fmt.Errorf("curve %q parameter %q must be from %g to %g (got %g)", c.Kind, name, lo, hi, *v)
		}
	}
	switch c.Kind {
	case CurveRising, CurveFalling:
		if !(*c.From < *c.To) {
			return fmt.Errorf("curve %q needs from < to (got from = %g, to = %g)", c.Kind, *c.From, *c.To)
		}
	case CurveBand:
		if !(*c.Min <= *c.Low && *c.Low <= *c.High && *c.High <= *c.Max && *c.Min < *c.Max) {
			return fmt.Errorf("curve band needs min <= low <= high <= max and min < max (got %g, %g, %g, %g)", *c.Min, *c.Low, *c.High, *c.Max)
		}
	}
	return nil
}

// Eval maps x through the curve; halfLifeDays is the model's default half-life.
func (c *Curve) Eval(x, halfLifeDays float64) float64 {
	switch c.Kind {
	case CurveRising:
		return ramp(x, *c.From, *c.To)
	case CurveFalling:
		return 1 - ramp(x, *c.From, *c.To)
	case CurveBand:
		return band(x, *c.Min, *c.Low, *c.High, *c.Max)
	case CurveSaturating:
		return saturating(x, *c.Half)
	case CurveHalfLife:
		h := halfLifeDays
		if c.HalfLife != nil {
			h = *c.HalfLife
		}
		return halfLife(x, h)
	}
	return 0
}

// ramp is 0 at or below a, 1 at or above b, linear between.
func ramp(x, a, b float64) float64 {
	switch {
	case x <= a:
		return 0
	case x >= b:
		return 1
	}
	return (x - a) / (b - a)
}

// band is a trapezoid: 0 outside [min, max], 1 on [low, high].
func band(x, min, low, high, max float64) float64 {
	switch {
	case x < low:
		if low == min {
			return 0
		}
		return ramp(x, min, low)
	case x > high:
		if high == max {
			return 0
		}
		return 1 - ramp(x, high, max)
	}
	return 1
}

// saturating is 1 − 0.5^(x/half) for x ≥ 0, and 0 below.
func saturating(x, half float64) float64 {
	if x <= 0 {
		return 0
	}
	return 1 - math.Pow(0.5, x/half)
}

// halfLife is METRICS.md's freshness decay: 0.5^(max(0, days)/half_life).
func halfLife(days, h float64) float64 {
	return math.Pow(0.5, math.Max(0, days)/h)
}

// String describes the curve for explain, e.g. "falling 0.02→0.15".
func (c *Curve) String() string {
	switch c.Kind {
	case CurveRising, CurveFalling:
		return fmt.Sprintf("%s %g→%g", c.Kind, *c.From, *c.To)
	case CurveBand:
		return fmt.Sprintf("band %g|%g–%g|%g", *c.Min, *c.Low, *c.High, *c.Max)
	case CurveSaturating:
		return fmt.Sprintf("saturating ½ at %g", *c.Half)
	case CurveHalfLife:
		if c.HalfLife != nil {
			return fmt.Sprintf("half-life %gd", *c.HalfLife)
		}
		return "half-life (model)"
	}
	return c.Kind
}
