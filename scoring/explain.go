package scoring

import "sort"

// Reason is a component that cost a score points.
type Reason struct {
	Feature string
	Value   *float64 // the feature's value; nil when it was null and the component counted its missing value
	Curve   string
	Lost    float64 // points of the score it cost
	// UsedMissing is true when the feature was null and the component
	// counted the model's missing value (MissingValue) for it.
	UsedMissing  bool
	MissingValue float64
}

// Reasons lists the components that cost s the most points, largest first,
// at most n, leaving out those that cost under half a point. A component
// that counted its missing value is a reason like any other: an unknown
// review date costs what a stale one does.
func Reasons(s *Score, n int) []Reason {
	var rs []Reason
	for _, c := range s.Components {
		if c.Skipped() || c.Lost < 0.5 {
			continue
		}
		r := Reason{Feature: c.Feature, Value: c.Value, Curve: c.Curve, Lost: c.Lost, UsedMissing: c.UsedMissing}
		if c.UsedMissing {
			r.MissingValue = *c.CurveValue
		}
		rs = append(rs, r)
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Lost > rs[j].Lost })
	if len(rs) > n {
		rs = rs[:n]
	}
	return rs
}
