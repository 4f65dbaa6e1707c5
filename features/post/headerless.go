package post

import "strconv"

// minHeaderlessKeys is how many column-0 lines that start with a known meta
// key a run at the end of the body must hold, with only their items between
// them, to be read as a meta block whose header was lost. Prose that starts
// a line with a lowercase key ("topic modeling", "summary: ...", "scores
// rose") does so once, twice at a stretch; three in a row, with no other
// line between them, is a meta block's shape (the export's blocks have about
// twenty), not a paragraph's.
const minHeaderlessKeys = 3

// metaHeaderMissingWarning is the warning of a meta block read without its
// header from n non-blank lines.
func metaHeaderMissingWarning(n int) string {
	return WarnMetaHeaderMissing + ": read " + strconv.Itoa(n) + " lines as the meta block"
}

// headerlessMeta finds, in the body lines start..end-1 of a post with no
// meta header, a meta block that lost its header: the longest tail of the
// body made of runs of meta entries (isMetaKeyLine lines and the metaItem
// lines under them), each run of at least minHeaderlessKeys key lines,
// blank lines between runs. It returns the block's first line and its
// non-blank lines; at is -1 when the body ends in no such run.
func headerlessMeta(lines lineIndex, start, end int) (at, n int) {
	at = -1
	for i := end; ; {
		for i > start && isBlank(lines.line(i-1)) {
			i--
		}
		runAt, keys := metaRunBefore(lines, start, i)
		if keys < minHeaderlessKeys {
			return at, n
		}
		at, n = runAt, n+i-runAt
		if runAt > start && !isBlank(lines.line(runAt-1)) {
			// The run ends a paragraph: the lines before it are prose.
			return at, n
		}
		i = runAt
	}
}

// metaRunBefore returns the longest run of meta entry lines that ends at
// line end-1 and starts at a key line (runAt, end when there is none), and
// how many key lines it holds. Items before its first key line are left
// out: they are the body's bullets.
func metaRunBefore(lines lineIndex, start, end int) (runAt, keys int) {
	runAt, seen := end, 0
	for j := end - 1; j >= start; j-- {
		l := lines.line(j)
		if isMetaKeyLine(l) {
			seen++
			runAt, keys = j, seen
			continue
		}
		if _, ok := metaItem(l); !ok {
			break
		}
	}
	return runAt, keys
}

// isMetaKeyLine reports whether l is a line parseMeta reads as a known
// key: at column 0, starting with one (splitMetaKey).
func isMetaKeyLine(l string) bool {
	if l == "" || l[0] == ' ' || l[0] == '\t' {
		return false
	}
	_, _, _, ok := splitMetaKey(l)
	return ok
}
