package reports

import "strings"

// compareVersions compares dotted versions numerically (1.10.0 > 1.9.2);
// missing parts count as 0 and "" is below any version. It returns -1, 0 or
// 1. compare keeps, of a post's rows, the one of the highest revision.
func compareVersions(a, b string) int {
	if a == "" || b == "" {
		switch {
		case a == b:
			return 0
		case a == "":
			return -1
		default:
			return 1
		}
	}
	for a != "" || b != "" {
		var x, y string
		x, a, _ = strings.Cut(a, ".")
		y, b, _ = strings.Cut(b, ".")
		x, y = strings.TrimLeft(x, "0"), strings.TrimLeft(y, "0")
		if len(x) != len(y) {
			if len(x) < len(y) {
				return -1
			}
			return 1
		}
		if c := strings.Compare(x, y); c != 0 {
			return c
		}
	}
	return 0
}
