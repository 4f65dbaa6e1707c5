package pipeline

import "github.com/alphanode/postscore/features/post"

// The kinds an error row carries (ErrorRow.Kind): stable tokens that
// errors.parquet, the manifest's errors_by_kind and the reports count by.
// Every kind is declared here, once; those of inputs that are read but are
// not posts come from features/post, whose parsers say so.
const (
	// Inputs that are not posts (post.ParseError).
	ErrKindNotText      = post.ErrKindNotText      // a NUL byte, or too much invalid UTF-8
	ErrKindEmpty        = post.ErrKindEmpty        // no text
	ErrKindOnlyPreamble = post.ErrKindOnlyPreamble // no title after the preamble
	ErrKindTooComplex   = post.ErrKindTooComplex   // Markdown nested or delimited past what a parser does in bounded time

	// Inputs the feed or the worker cannot read.
	ErrKindUnreadable          = "unreadable"
	ErrKindUnreadableDirectory = "unreadable_directory"
	ErrKindVanished            = "vanished" // listed, then deleted before it was read
	ErrKindPermissionDenied    = "permission_denied"
	ErrKindBrokenSymlink       = "broken_symlink"
	ErrKindNotRegularFile      = "not_regular_file"
	ErrKindTooLarge            = "too_large"
	ErrKindBadCompression      = "bad_compression"
	ErrKindBadParquet          = "bad_parquet"
	ErrKindBadJSONLLine        = "bad_jsonl_line"
	ErrKindLinkNotFollowed     = "link_not_followed" // out of the corpus, or swapped in after the walk

	// Failures of postscore itself.
	ErrKindParseFailed = "parse_failed"   // a parser's error that features/post does not name
	ErrKindInternal    = "internal_error" // a bug in postscore, caught so the batch goes on
)
