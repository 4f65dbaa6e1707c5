package post

import (
	"fmt"
)

// The formats a post is read in (Post.Format), as the format column and
// --format name them.
const (
	FormatPost     = "post"     // the export format (FORMAT.md)
	FormatMarkdown = "markdown" // Markdown with optional front matter
	FormatText     = "text"     // plain text: the whole text is the body
)

// BlockKind is the kind of one body block (FORMAT.md, Body blocks).
type BlockKind uint8

// The body block kinds.
const (
	Paragraph BlockKind = iota + 1
	Heading
	Bullet
	Image
	// Code blocks and tables, kept apart in Post.CodeAndTables: their text is in
	// neither text.
	CodeBlock
	Table
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
	case CodeBlock:
		return "code block"
	case Table:
		return "table"
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
	// Counted but kept out of the text (Markdown): code blocks, tables,
	// links.
	CodeBlocks, Tables, Links int
	// CodeAndTables are a Markdown post's code blocks and tables, each with its
	// line and the start of its text (explain shows them beside Blocks).
	CodeAndTables []Block

	// Text overrides the texts built from Blocks (METRICS.md section 1, input
	// read as plain text): body text and prose text are then Text itself.
	Text      string
	PlainText bool
}

// Warning kinds the readers give a post (the part of a warning before ':').
const (
	WarnInvalidUTF8       = "invalid_utf8"
	WarnUnknownMetaKey    = "unknown_meta_key"
	WarnBadMetaValue      = "bad_meta_value"
	WarnScoreOutOfRange   = "claimed_score_out_of_range"
	WarnDuplicateMetaKey  = "duplicate_meta_key"
	WarnOrphanMetaItem    = "orphan_meta_item"
	WarnNoMeta            = "no_meta"
	WarnUnknownMetaSubkey = "unknown_meta_subkey"
	WarnListValueInline   = "list_value_inline"
	WarnBadFrontMatter    = "bad_front_matter"

	WarnDuplicateFrontMatterKey = "duplicate_front_matter_key" // the last value is kept
	WarnBadFrontMatterValue     = "bad_front_matter_value"     // that key's value is lost
	WarnMetaHeaderMissing       = "meta_header_missing"        // a meta block found without its header (headerlessMeta)
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
