package pipeline

import (
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// selection decides which of the files a walk finds in a corpus directory
// are inputs. A file that matches an --exclude glob is not; with --include,
// a file is an input only when it matches one of those globs, whatever its
// extension (the user asked for it); without, and with --format auto, only
// a file whose extension names a format postscore reads (autoExtensions) is.
// A file named as a CORPUS argument is an input whatever it is: the walker
// does not ask.
//
// Globs are matched against the file's doc_path (docPathFor), as ripgrep's
// -g and datatrove's readers match theirs against the path under the
// corpus: "**" spans directories, "*" does not, and a glob with no "/"
// matches the file's name in any directory ("*.yml" is "**/*.yml").
type selection struct {
	byExtension      bool     // --format auto
	include, exclude []string // globs as matched (globPattern), checked by CheckGlob
}

// verdict is what a selection makes of one file.
type verdict int

const (
	selected            verdict = iota // an input
	skippedForExtension                // its extension names no format that auto reads
	excludedByGlob                     // --exclude matched it, or no --include did
)

// newSelection is the selection of a run with --format format and these
// --include and --exclude globs (each valid: CheckGlob).
func newSelection(format string, include, exclude []string) selection {
	s := selection{byExtension: format == FormatAuto || format == ""}
	for _, g := range include {
		s.include = append(s.include, globPattern(g))
	}
	for _, g := range exclude {
		s.exclude = append(s.exclude, globPattern(g))
	}
	return s
}

// judge says whether the file at docPath is an input.
func (s selection) judge(docPath string) verdict {
	switch {
	case matchesAny(s.exclude, docPath):
		return excludedByGlob
	case len(s.include) > 0 && matchesAny(s.include, docPath):
		return selected
	case len(s.include) > 0:
		return excludedByGlob
	case s.byExtension && extensionFormat(docPath) == "":
		return skippedForExtension
	}
	return selected
}

func matchesAny(globs []string, docPath string) bool {
	for _, g := range globs {
		if doublestar.MatchUnvalidated(g, docPath) {
			return true
		}
	}
	return false
}

// globPattern is the doublestar pattern a --include or --exclude glob is
// matched as: a glob without "/" names a file in any directory.
func globPattern(glob string) string {
	if !strings.Contains(glob, "/") {
		return "**/" + glob
	}
	return glob
}

// CheckGlob refuses an --include or --exclude glob that cannot match: empty,
// or malformed (an unclosed "[" or "{", a trailing "\").
func CheckGlob(glob string) error {
	switch {
	case glob == "":
		return errors.New("an empty glob matches no file")
	case !doublestar.ValidatePattern(glob):
		return fmt.Errorf("%q is not a valid glob (an unclosed [ or {, or a trailing \\?)", glob)
	}
	return nil
}

// noExtension is the key of the files without an extension in the counts
// of skipped files (Manifest.Skipped).
const noExtension = "(none)"

// skipKey is the key a file skipped for its extension is counted under:
// its last extension, lower-cased, with the dot (".yml", ".gz"), or
// noExtension.
func skipKey(docPath string) string {
	if ext := path.Ext(docPath); ext != "" {
		return strings.ToLower(ext)
	}
	return noExtension
}
