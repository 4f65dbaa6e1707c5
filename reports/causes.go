package reports

import (
	"fmt"
	"slices"
	"strings"

	postfmt "github.com/alphanode/postscore/features/post" // this package has a type post of its own
	"github.com/alphanode/postscore/scoring"
)

// The causes compare gives a post whose scores moved (compare.parquet's
// cause, a mover's cause): stable tokens that the reports count by. Several
// may apply at once; the cause is the first that does, in this order (the
// order of CauseKinds). The post's own change comes before the run's
// settings, because it is what a reader must check: a move that metadata
// alone explains is not an improvement of the post. Of the run's settings,
// the model and the as-of date come before postscore's own rules, which are
// what is left when nothing else changed. compare.parquet's body_changed,
// meta_changed, model_changed and as_of_changed say every one that applies.
const (
	CauseBody     = "body"     // body_sha256 differs: the text a reader sees changed
	CauseMetadata = "metadata" // content_sha256 differs, body_sha256 does not: only the front matter or meta block changed
	CauseContent  = "content"  // content_sha256 differs, and a run has no body_sha256 to tell body from metadata
	CauseModel    = "model"    // model_hash differs
	CauseAsOf     = "as_of"    // as_of differs
	CauseScorer   = "scorer"   // the same input, model and as-of date: postscore's own rules moved it
)

// CauseKinds are the causes, first the one that wins when several apply.
var CauseKinds = []string{CauseBody, CauseMetadata, CauseContent, CauseModel, CauseAsOf, CauseScorer}

// What a cause_detail says of a metadata change: the facts of the front
// matter or meta block that appeared, disappeared or changed, read from the
// columns every version of scores.parquet has.
const (
	DetailReviewDateLost      = "review date lost"   // last_reviewed: a date, then null
	DetailReviewDateGained    = "review date gained" // last_reviewed: null, then a date
	DetailTitleChanged        = "title changed"
	DetailTagsLost            = "tags lost"
	DetailTagsGained          = "tags gained"
	DetailTagsChanged         = "tags changed"
	DetailClaimedAppeared     = "claimed scores appeared" // a claimed_* column: null, then a value
	DetailClaimedDisappeared  = "claimed scores disappeared"
	DetailClaimedChanged      = "claimed scores changed"
	DetailOtherMetadata       = "other front matter or meta keys" // none of the above, and no warning, changed
	DetailFrontMatterBad      = "front matter unreadable"         // the warning bad_front_matter appeared
	DetailFrontMatterReadable = "front matter readable again"
	DetailMetaBlockLost       = "meta block lost" // the warning no_meta appeared
	DetailMetaBlockGained     = "meta block gained"
)

// warningDetails name what a warning kind appearing (first) or going
// (second) says of the metadata; other kinds are named by themselves.
var warningDetails = map[string][2]string{
	postfmt.WarnBadFrontMatter: {DetailFrontMatterBad, DetailFrontMatterReadable},
	postfmt.WarnNoMeta:         {DetailMetaBlockLost, DetailMetaBlockGained},
}

// unknownBodyBecause says why body and metadata cannot be told apart, as
// the reports print it after "unknown: ".
func unknownBodyBecause(oldHas, newHas bool) string {
	return writtenBefore(bodySHA256, oldHas, newHas)
}

// writtenBefore says which of the runs lacks what (a column or a file)
// because it was written before postscore wrote it; "" when both have it.
func writtenBefore(what string, oldHas, newHas bool) string {
	switch {
	case !oldHas && !newHas:
		return "OLD and NEW were written before " + what
	case !oldHas:
		return "OLD was written before " + what
	case !newHas:
		return "NEW was written before " + what
	}
	return ""
}

// metaFacts are what a row says of its post's front matter or meta block.
type metaFacts struct {
	title       string
	reviewed    float64 // last_reviewed, in days since 1970-01-01
	hasReviewed bool
	tags        []string
	warnKinds   []string // the kinds of the post's warnings, sorted, each once
	claimed     [scoring.NumScores]float64
	hasClaimed  [scoring.NumScores]bool
}

// warningKinds are the kinds of warnings, sorted, each once.
func warningKinds(warnings []string) []string {
	if len(warnings) == 0 {
		return nil
	}
	kinds := make([]string, len(warnings))
	for i, w := range warnings {
		kinds[i] = postfmt.WarningKind(w)
	}
	slices.Sort(kinds)
	return slices.Compact(kinds)
}

// metadataDetails names what differs between o and n: the front matter or
// meta block becoming unreadable or missing first (it explains the rest),
// then the review date, the title, the tags, the claimed scores and the
// other warning kinds.
func metadataDetails(o, n *metaFacts) []string {
	appeared, gone := setDiff(n.warnKinds, o.warnKinds), setDiff(o.warnKinds, n.warnKinds)
	var ds []string
	for _, k := range appeared {
		if d, ok := warningDetails[k]; ok {
			ds = append(ds, d[0])
		}
	}
	for _, k := range gone {
		if d, ok := warningDetails[k]; ok {
			ds = append(ds, d[1])
		}
	}
	ds = append(ds, presence(o.hasReviewed, n.hasReviewed, DetailReviewDateLost, DetailReviewDateGained)...)
	if o.hasReviewed && n.hasReviewed && o.reviewed != n.reviewed {
		ds = append(ds, fmt.Sprintf("review date %s → %s", dateText(o.reviewed), dateText(n.reviewed)))
	}
	if o.title != n.title {
		ds = append(ds, DetailTitleChanged)
	}
	ds = append(ds, presence(len(o.tags) > 0, len(n.tags) > 0, DetailTagsLost, DetailTagsGained)...)
	if len(o.tags) > 0 && len(n.tags) > 0 && !slices.Equal(o.tags, n.tags) {
		ds = append(ds, DetailTagsChanged)
	}
	ds = append(ds, claimedDetails(o, n)...)
	for _, k := range appeared {
		if _, ok := warningDetails[k]; !ok {
			ds = append(ds, "warning "+k+" appeared")
		}
	}
	for _, k := range gone {
		if _, ok := warningDetails[k]; !ok {
			ds = append(ds, "warning "+k+" gone")
		}
	}
	return ds
}

// presence names a fact that was there and is not (lost), or was not and
// is (gained).
func presence(oldHas, newHas bool, lost, gained string) []string {
	switch {
	case oldHas && !newHas:
		return []string{lost}
	case !oldHas && newHas:
		return []string{gained}
	}
	return nil
}

// claimedDetails names how the meta's claimed scores changed: some
// appearing, some disappearing, or the same ones claiming other values.
func claimedDetails(o, n *metaFacts) []string {
	var appeared, disappeared, changed bool
	for k := range scoring.NumScores {
		switch {
		case !o.hasClaimed[k] && n.hasClaimed[k]:
			appeared = true
		case o.hasClaimed[k] && !n.hasClaimed[k]:
			disappeared = true
		case o.hasClaimed[k] && o.claimed[k] != n.claimed[k]:
			changed = true
		}
	}
	var ds []string
	if appeared {
		ds = append(ds, DetailClaimedAppeared)
	}
	if disappeared {
		ds = append(ds, DetailClaimedDisappeared)
	}
	if changed {
		ds = append(ds, DetailClaimedChanged)
	}
	return ds
}

// setDiff is the elements of the sorted set a that the sorted set b lacks.
func setDiff(a, b []string) []string {
	var out []string
	for _, x := range a {
		if _, found := slices.BinarySearch(b, x); !found {
			out = append(out, x)
		}
	}
	return out
}

// dateText is a DATE column's value (days since 1970-01-01) as YYYY-MM-DD.
func dateText(days float64) string { return postfmt.Date(int32(days)).String() }

// postChange is what differs between a post's rows in the two runs.
type postChange struct {
	content, model, asOf bool
	// body and meta are nil when the input changed but a run has no
	// body_sha256 to tell which part did.
	body, meta *bool
}

// changeOf is what differs between o and n.
func changeOf(o, n *entry) postChange {
	ch := postChange{content: o.sha != n.sha, model: o.model != n.model, asOf: o.asOf != n.asOf}
	switch {
	case !ch.content:
		ch.body, ch.meta = boolPtr(false), boolPtr(false)
	case o.bodySHA != "" && n.bodySHA != "":
		body := o.bodySHA != n.bodySHA
		ch.body, ch.meta = boolPtr(body), boolPtr(!body)
	}
	return ch
}

// cause is the first of CauseKinds that applies to a post that changed so.
func (ch postChange) cause() string {
	switch {
	case ch.body != nil && *ch.body:
		return CauseBody
	case ch.meta != nil && *ch.meta:
		return CauseMetadata
	case ch.content:
		return CauseContent
	case ch.model:
		return CauseModel
	case ch.asOf:
		return CauseAsOf
	}
	return CauseScorer
}

// causeDetail says more of a moved post's cause: what of its metadata
// appeared, disappeared or changed when its input did, and else how the
// run's settings differ.
func (j *joiner) causeDetail(cause string, o, n *entry) string {
	var ds []string
	switch cause {
	case CauseBody, CauseMetadata, CauseContent:
		ds = metadataDetails(&o.meta, &n.meta)
		if cause == CauseContent {
			ds = append([]string{"body or metadata unknown: " + j.c.Changes.UnknownBecause}, ds...)
		}
		if cause == CauseMetadata && len(ds) == 0 {
			ds = []string{DetailOtherMetadata}
		}
	case CauseModel:
		ds = []string{fmt.Sprintf("model %s %s → %s %s", j.c.OldRun.ModelName, j.c.OldRun.ModelVersion, j.c.NewRun.ModelName, j.c.NewRun.ModelVersion)}
	case CauseAsOf:
		ds = []string{fmt.Sprintf("as-of date %s → %s", dateText(o.asOf), dateText(n.asOf))}
	case CauseScorer:
		ds = []string{scorerDetail(j.c.OldRun.PostscoreVersion, j.c.NewRun.PostscoreVersion)}
	}
	return strings.Join(ds, "; ")
}

// scorerDetail says which postscore versions scored the runs.
func scorerDetail(oldVersion, newVersion string) string {
	if oldVersion == newVersion {
		return "postscore " + oldVersion + " wrote both runs: two builds of it measure or score differently"
	}
	return "postscore " + oldVersion + " → " + newVersion
}

// scoresMoved reports whether any score of the post differs between o and
// n, a score that is null on one side only included.
func scoresMoved(o, n *entry) bool {
	for k := range scoring.NumScores {
		if o.has[k] != n.has[k] || o.has[k] && o.scores[k] != n.scores[k] {
			return true
		}
	}
	return false
}

func boolPtr(b bool) *bool { return &b }
