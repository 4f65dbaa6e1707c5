package checks

// A Light is a check's verdict on a post, as Yoast's traffic lights.
type Light string

const (
	Good Light = "good"
	OK   Light = "ok"
	Bad  Light = "bad"
)

// A Check is one readability check: the feature column it reads and the
// thresholds of its lights. The thresholds are Yoast SEO's published
// defaults for English (METRICS.md section 5b); Source says where each
// comes from.
type Check struct {
	Column string // the feature column it reads, and the check's name
	Label  string // its name for a reader of a report
	// Good and OK bound the lights: at most Good is good, at most OK ok,
	// more bad; for a check where more is better (HigherIsBetter), at
	// least Good is good, at least OK ok, less bad.
	Good, OK       float64
	HigherIsBetter bool
	// MinWords: the check applies only to a body of more words than this
	// (0: always).
	MinWords int
	Source   string
}

// All are the checks, in the order of the readability_checks column.
var All = []Check{
	{Column: "long_sentence_share", Label: "Long sentences", Good: 0.25, OK: 0.30,
		Source: "Yoast: at most 25% of sentences over 20 words is good, up to 30% ok"},
	{Column: "passive_sentence_share", Label: "Passive voice", Good: 0.10, OK: 0.15,
		Source: "Yoast: at most 10% of sentences in the passive voice is good, up to 15% ok"},
	{Column: "transition_sentence_share", Label: "Transition words", Good: 0.30, OK: 0.20, HigherIsBetter: true, MinWords: 200,
		Source: "Yoast: at least 30% of sentences with a transition word is good, 20% ok; checked past 200 words"},
	{Column: "max_same_start_run", Label: "Consecutive sentences with the same start", Good: 2, OK: 2,
		Source: "Yoast: three or more consecutive sentences that begin with the same word are bad"},
	{Column: "longest_paragraph_words", Label: "Paragraph length", Good: 150, OK: 200,
		Source: "Yoast: a paragraph of at most 150 words is good, up to 200 ok"},
	{Column: "longest_section_words", Label: "Text between subheadings", Good: 300, OK: 350,
		Source: "Yoast: at most 300 words between subheadings is good, up to 350 ok"},
}

// LongSentenceWords: a sentence of more words than this is long (Yoast's
// threshold for English).
const LongSentenceWords = 20

// Applies reports whether the check applies to a body of words words.
func (c *Check) Applies(words int) bool { return c.MinWords == 0 || words > c.MinWords }

// Light is the check's light for value v.
func (c *Check) Light(v float64) Light {
	good, ok := v <= c.Good, v <= c.OK
	if c.HigherIsBetter {
		good, ok = v >= c.Good, v >= c.OK
	}
	switch {
	case good:
		return Good
	case ok:
		return OK
	}
	return Bad
}

// indexOf is each check's place in All, by its column.
var indexOf = func() map[string]int {
	m := map[string]int{}
	for k, c := range All {
		m[c.Column] = k
	}
	return m
}()

// Index returns the place in All of the check that reads column; ok is
// false when no check does.
func Index(column string) (k int, ok bool) {
	k, ok = indexOf[column]
	return k, ok
}

// ByColumn returns the check that reads column, or nil.
func ByColumn(column string) *Check {
	if k, ok := Index(column); ok {
		return &All[k]
	}
	return nil
}
