package scoring

import (
	"encoding/json"
	"fmt"
	"math"
)

// Missing is what a component counts when its feature is null (a post
// without a review date has no days_since_review; one without a reading-time
// claim has no dedup_reading_time_ratio). A model file states it for every
// component, so that a content lead reads there what a missing value costs:
//
//	missing = "skip"   the component is left out of both sums, as if the
//	                   model did not have it: absence is no fault (a post
//	                   that claims no reading time tells no lie about it)
//	missing = 0.0      the component counts this curve value, 0..1, with its
//	                   full weight: absence is itself a problem (an unknown
//	                   review date counts as a stale one)
//
// A NaN or infinite feature value counts as missing too. The zero Missing
// counts 0, the lowest curve value, so that a Model made in code never lets
// a null feature pay; ParseModel refuses a file that does not state it.
type Missing struct {
	Skip  bool    // leave the component out when its feature is null
	Value float64 // otherwise, the curve value it counts then, 0..1

	stated bool // the model file gave a missing value ...
	bad    any  // ... and this, when it was neither "skip" nor a number
}

// missingSkip is how a model file says "skip".
const missingSkip = "skip"

// SkipMissing is the Missing that leaves a component out when its feature
// is null.
var SkipMissing = Missing{Skip: true, stated: true}

// MissingValue is the Missing that counts curve value v when the feature is
// null.
func MissingValue(v float64) Missing { return Missing{Value: v, stated: true} }

// UnmarshalTOML reads missing = "skip" or missing = a number. Anything else
// is kept for validate, which refuses it with the component named.
func (m *Missing) UnmarshalTOML(data any) error {
	*m = Missing{stated: true}
	switch v := data.(type) {
	case string:
		if v == missingSkip {
			m.Skip = true
			return nil
		}
	case float64:
		m.Value = v
		return nil
	case int64:
		m.Value = float64(v)
		return nil
	}
	m.bad = data
	return nil
}

// MarshalJSON writes the canonical form the model's hash is made of: "skip"
// or the curve value.
func (m Missing) MarshalJSON() ([]byte, error) {
	if m.Skip {
		return json.Marshal(missingSkip)
	}
	return json.Marshal(m.Value)
}

// String is the missing value as a model file writes it: "skip" or "0.25".
func (m Missing) String() string {
	if m.Skip {
		return missingSkip
	}
	return fmt.Sprintf("%g", m.Value)
}

// validate checks that the model file stated a missing value, and a valid one.
func (m *Missing) validate() error {
	switch {
	case !m.stated:
		return fmt.Errorf(`the component does not say what a missing value means: add missing = "skip" (a null feature leaves the component out: its absence is no fault) or missing = a curve value from 0 to 1 (what the component counts, with its full weight, when its feature is null; 0 counts absence as the worst value)`)
	case m.bad != nil:
		return fmt.Errorf(`missing must be "skip" or a curve value from 0 to 1 (got %v)`, tomlValue(m.bad))
	case !m.Skip && !inRange(m.Value, 0, 1):
		return fmt.Errorf(`missing must be "skip" or a curve value from 0 to 1 (got %g)`, m.Value)
	}
	return nil
}

// countedValue is the curve value the component counts for a null feature,
// held within 0..1 (a Model made in code may hold any); ok is false when it
// is skipped.
func (m *Missing) countedValue() (cv float64, ok bool) {
	if m.Skip {
		return 0, false
	}
	if math.IsNaN(m.Value) {
		return 0, true
	}
	return math.Max(0, math.Min(1, m.Value)), true
}

// tomlValue shows a decoded TOML value in an error: a string quoted and
// cut to 40 bytes, an array or a table by its kind (a file may hold a large
// one).
func tomlValue(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("%q", x[:min(len(x), 40)])
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%v", v)
}
