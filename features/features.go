package features

import (
	"github.com/alphanode/postscore/features/checks"
	"github.com/alphanode/postscore/features/minhash"
	"github.com/alphanode/postscore/features/post"
	"github.com/alphanode/postscore/features/repetition"
)

// Features are the measured columns of one post (METRICS.md sections 3–7).
// A nil pointer is a null column.
type Features struct {
	// BodySHA256 is the hex sha256 of the text a reader sees (bodyDigest):
	// compare tells an edit of the body from one of the metadata alone by it.
	BodySHA256 string
	// Signature is the body text's near-duplicate signature (package
	// minhash); empty unless the Measurer has a Signer.
	Signature minhash.Signature

	// Structure (section 3).
	ParagraphCount, HeadingCount, BulletCount, ImageCount int
	ImagesWithoutAlt                                      int
	WordCount, DistinctWordCount                          int
	ProseWordCount, SentenceCount, SyllableCount          int
	PolysyllableCount                                     int
	AvgSentenceWords                                      *float64
	LongestParagraphWords, LongestSectionWords            int
	ImageDensity                                          *float64
	ReadingTimeMinutes                                    float64

	// Repetition (section 4).
	RepetitionRatio       float64
	RepeatedSentenceCount int // distinct sentences that occur more than once
	// Dedup: the post measured as if each repeated sentence appeared once,
	// so that padding with repeats cannot earn points (see docs/SCORING.md).
	RepeatedWords          int // words of the 2nd, 3rd, … occurrences
	DedupWordCount         int
	DedupAvgSentenceWords  *float64
	DedupFleschReadingEase *float64
	DedupImageDensity      *float64
	DedupReadingTimeRatio  *float64
	repeatedProse          repeatCounts
	Gopher                 repetition.Gopher
	RepeatedSentences      []RepeatedSentence
	LongestParagraph       Excerpt
	LongestSection         Excerpt
	FleschReadingEase      *float64
	FleschKincaidGrade     *float64
	SmogIndex              *float64
	ColemanLiauIndex       *float64
	AutomatedReadability   *float64
	GunningFog             *float64
	ReadabilitySkipped     bool // readability left null on purpose (not English)

	// Readability checks (section 5b): null, and no ReadabilityChecks, for
	// a post not in English; the shares are null without a sentence.
	LongSentenceShare       *float64
	PassiveSentenceShare    *float64
	TransitionSentenceShare *float64
	MaxSameStartRun         *int64
	ReadabilityChecks       []CheckResult
	// ReadabilityCheckPenalty is 1 for each check with a bad light and ½
	// for each with an ok one.
	ReadabilityCheckPenalty *float64
	// CheckSentences are the sentences behind the checks, kept only when
	// the Measurer's KeepCheckSentences is set (explain).
	CheckSentences checks.Sentences

	Language           string // en, es, fr, de, pt, it or und
	CodeBlockCount     int
	TableCount         int
	LinkCount          int
	LastReviewed       *post.Date
	AsOf               post.Date
	DaysSinceReview    *int64
	ClaimedQuality     *int64
	ClaimedFreshness   *int64
	ClaimedDepth       *int64
	ClaimedClarity     *int64
	ClaimedParagraphs  *int64
	ClaimedReadingTime *int64
	ParagraphGap       *int64
	ReadingTimeRatio   *float64
	ImageSourceGap     *int64
	Warnings           []string
}

// repeatCounts are the words, sentences and syllables of the repeated
// occurrences in the prose.
type repeatCounts struct{ words, sentences, syllables int }

// RepeatedSentence is a normalised sentence that occurs more than once.
type RepeatedSentence struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
}

// CheckResult is one readability check on a post: the value of its
// column and its light ("" where the check does not apply).
type CheckResult struct {
	Check string       `json:"check"`
	Value float64      `json:"value"`
	Light checks.Light `json:"light,omitempty"`
}

// Excerpt points at a block or a section for explain.
type Excerpt struct {
	Words   int    `json:"words"`
	Line    int    `json:"line"`    // 1-based line where it starts (0: none)
	Heading string `json:"heading"` // the section's heading ("" before the first)
	Preview string `json:"preview"` // its first words
}
