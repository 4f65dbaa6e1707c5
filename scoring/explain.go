package scoring

import "sort"

// Reason is a component that cost a score points.
type Reason struct {
	Feature string
	Value   float64
	Curve   string
	Lost    float64 // points of the score it cost
}

// Reasons lists the components that cost s the most points, largest first,
// at most n, leaving out those that cost under half a point.
func Reasons(s *Score, n int) []Reason {
	var rs []Reason
	for _, c := range s.Components {
		if c.Skipped() || c.Lost < 0.5 {
			continue
		}
		rs = append(rs, Reason{Feature: c.Feature, Value: *c.Value, Curve: c.Curve, Lost: c.Lost})
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Lost > rs[j].Lost })
	if len(rs) > n {
		rs = rs[:n]
	}
	return rs
}
