package features

import (
	"fmt"
	"time"
)

// BlockKind is the kind of one body block (FORMAT.md, Body blocks).
type BlockKind uint8

// The body block kinds.
const (
	Paragraph BlockKind = iota + 1
	Heading
	Bullet
	Image
)

func (k BlockKind) String() string {
	switch k {
	case Paragraph:
		return "paragraph"
	case Heading:
		return "heading"
	case Bullet:
		return "bullet"
	case Image:
		return "image"
	}
	return fmt.Sprintf("BlockKind(%d)", uint8(k))
}

// Block is one body block: 32 bytes, as a post may have millions. For an
// image, Text is the alt line ("" when the caption line stands alone) and
// Image its caption and source.
type Block struct {
	Text  string
	Image *ImageInfo // nil but for an image
	Line  int32      // 1-based line of the file where the block starts
	Kind  BlockKind
}

// ImageInfo is an image block's caption (the text before ". image source:")
// and source (the host after it).
type ImageInfo struct {
	Caption, Source string
}

// Date is a calendar date as days since 1970-01-01 (Parquet's DATE).
type Date int32

// ParseDate reads a YYYY-MM-DD date; 2026-13-45 is an error.
func ParseDate(s string) (Date, error) {
	// Most dates: ten ASCII bytes of a real day, read without time.Parse.
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		y, ok1 := digits(s[0:4])
		m, ok2 := digits(s[5:7])
		d, ok3 := digits(s[8:10])
		if ok1 && ok2 && ok3 && 1 <= m && m <= 12 && d >= 1 {
			// time.Date moves a day past the month's end into the next
			// month: a day it keeps is a real one.
			if t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC); t.Day() == d {
				return DateOf(t), nil
			}
		}
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, fmt.Errorf("not a YYYY-MM-DD date: %q", s)
	}
	return DateOf(t), nil
}

// digits reads s, ASCII digits only.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = 10*n + int(s[i]-'0')
	}
	return n, true
}

// DateOf is the UTC calendar date of t.
func DateOf(t time.Time) Date {
	y, m, d := t.UTC().Date()
	return Date(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// Time is the date at 00:00 UTC.
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

func (d Date) String() string { return d.Time().Format("2006-01-02") }

// Entity is one record of the meta `entities` list.
type Entity struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// ImageSource is one record of the meta `image sources` list.
type ImageSource struct {
	Source  string `json:"source"`
	URL     string `json:"url"`
	Caption string `json:"caption"`
}

// Meta is the post's meta block, every known key typed (FORMAT.md, The meta
// block). A nil pointer or nil slice is a key that is absent or whose value
// did not parse (the raw text is then in the post's warnings).
type Meta struct {
	Present bool   // the post has a meta header
	Site    string // the words before "post meta"

	Topic, Summary, AIBrief, CodeLanguage, Difficulty, Reference, Hash *string
	ReadingTime, ViewCount                                             *int64

	OutlineContext, OutlineProblem, OutlineStack, OutlineAction *string

	Stack, Tools, Checklist, Notes []string

	ClaimedQuality, ClaimedFreshness, ClaimedDepth, ClaimedClarity *int64

	RevisionStatus, RevisionVersion *string
	LastReviewed                    *Date

	FlagAIGeneratedStyle, FlagHasImages, FlagImageHeavy, FlagNeedsHumanReview *bool

	Entities        []Entity
	ImageSources    []ImageSource
	HasImageSources bool // the `image sources` key is present (even if empty)

	PayloadSourceID, PayloadGenerator, PayloadScenario *string
	PayloadParagraphs, PayloadSeed                     *int64

	Unknown []string // meta lines with no known key, verbatim

	// From a Markdown front matter.
	Tags, Authors []string
	ReviewDateKey string // which key gave LastReviewed
}

// Post is one parsed post.
type Post struct {
	Title        string
	Blocks       []Block
	Meta         Meta
	SimilarPosts []string // titles after the "Similar Posts" trailer
	Warnings     []string // parse warnings, in the order met

	// Identity from the meta: payload source id, else reference ("" when the
	// post has neither: the pipeline then uses the document path).
	PostID          string
	RevisionVersion string

	// Format is how the post was read: post, markdown or text.
	Format string
	// Counted but kept out of the text (Markdown): fenced code blocks,
	// tables, links.
	CodeBlocks, Tables, Links int

	// Text overrides the texts built from Blocks (METRICS.md section 1, input
	// read as plain text): body text and prose text are then Text itself.
	Text      string
	PlainText bool
}

// Warning kinds a post may carry (the part of a warning before ':').
const (
	WarnInvalidUTF8       = "invalid_utf8"
	WarnUnknownMetaKey    = "unknown_meta_key"
	WarnBadMetaValue      = "bad_meta_value"
	WarnScoreOutOfRange   = "claimed_score_out_of_range"
	WarnReviewInFuture    = "review_date_in_future"
	WarnDuplicateMetaKey  = "duplicate_meta_key"
	WarnOrphanMetaItem    = "orphan_meta_item"
	WarnNoMeta            = "no_meta"
	WarnUnknownMetaSubkey = "unknown_meta_subkey"
	WarnListValueInline   = "list_value_inline"
	WarnBadFrontMatter    = "bad_front_matter"
	WarnNotEnglish        = "readability_not_english"
)

// WarningKind is the kind of a warning: the text before the first ':'.
func WarningKind(w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] == ':' {
			return w[:i]
		}
	}
	return w
}
