package features

import "sort"

// The numeric feature columns (numeric, in registry_gen.go) are generated
// from the column table in pipeline/internal/columns: scoring models name
// features by these column names.

// nullableInt64 is a nullable measurement as a number; ok is false for null.
func nullableInt64(p *int64) (v float64, ok bool) {
	if p == nil {
		return 0, false
	}
	return float64(*p), true
}

// nullableFloat64 is a nullable measurement as a number; ok is false for null.
func nullableFloat64(p *float64) (v float64, ok bool) {
	if p == nil {
		return 0, false
	}
	return *p, true
}

// Value returns the numeric feature called name; ok is false where it is null
// or name is not a numeric feature (see IsNumeric).
func (f *Features) Value(name string) (v float64, ok bool) {
	get, known := NumericValue(name)
	if !known {
		return 0, false
	}
	return get(f)
}

// NumericValue returns the function Value calls for the numeric feature
// called name, for a caller that reads it from many posts; ok is false when
// name is not a numeric feature.
func NumericValue(name string) (get func(f *Features) (float64, bool), ok bool) {
	get, ok = numeric[name]
	return get, ok
}

// IsNumeric reports whether name is a numeric feature column.
func IsNumeric(name string) bool {
	_, ok := numeric[name]
	return ok
}

// NumericNames lists the numeric feature columns, sorted.
func NumericNames() []string {
	names := make([]string, 0, len(numeric))
	for n := range numeric {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
