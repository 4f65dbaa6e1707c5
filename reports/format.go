package reports

import (
	"math"
	"strconv"
	"strings"
)

// formatNum prints a number compactly: integers without decimals, others
// with up to three significant decimals.
func formatNum(v float64) string {
	switch {
	case math.IsNaN(v):
		return "—"
	case math.IsInf(v, 1):
		return "∞"
	case math.IsInf(v, -1):
		return "−∞"
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		return strconv.FormatInt(int64(v), 10)
	}
	a := math.Abs(v)
	prec := 1
	switch {
	case a < 1:
		prec = 3
	case a < 10:
		prec = 2
	}
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}
