package features

import (
	"reflect"
	"testing"

	"github.com/alphanode/postscore/features/post"
)

// measureBlocks measures a post of the given blocks, keeping the sentences
// behind its checks.
func measureBlocks(blocks ...post.Block) *Features {
	m := Measurer{KeepCheckSentences: true}
	return m.Measure(&post.Post{Title: "t", Format: post.FormatMarkdown, Blocks: blocks}, 0)
}

func para(t string) post.Block    { return post.Block{Kind: post.Paragraph, Text: t, Line: 1} }
func heading(t string) post.Block { return post.Block{Kind: post.Heading, Text: t, Line: 1} }
func bullet(t string) post.Block  { return post.Block{Kind: post.Bullet, Text: t, Line: 1} }

// TestChecksByHand counts the checks of a body worked out by hand:
//
//	P1  We ran the tests. We fixed the bug.
//	P2  We shipped the fix today. Then the cat sat down. The dog sat down.
//	H   We like heads
//	P3  We wrote more code here. The code was reviewed by Ann.
//	B   We add bullets
//
// Nine sentences of 3+ words, in paragraphs, the heading and the bullet;
// none over 20 words; one passive ("was reviewed"); one transition
// ("Then"). The same-start run "We … We … / We …" crosses P1's end: 3;
// "The cat" and "The dog" begin differently (an article takes the next
// word); the heading ends the run before P3's "We", and the bullet's "We"
// is in no run.
func TestChecksByHand(t *testing.T) {
	f := measureBlocks(
		para("We ran the tests. We fixed the bug."),
		para("We shipped the fix today. Then the cat sat down. The dog sat down."),
		heading("We like heads"),
		para("We wrote more code here. The code was reviewed by Ann."),
		bullet("We add bullets"),
	)
	got := []any{*f.LongSentenceShare, *f.PassiveSentenceShare, *f.TransitionSentenceShare, *f.MaxSameStartRun}
	if want := []any{0.0, 1.0 / 9, 1.0 / 9, int64(3)}; !reflect.DeepEqual(got, want) {
		t.Errorf("long, passive, transition, run = %v, want %v", got, want)
	}
	cs := f.CheckSentences
	if !reflect.DeepEqual(cs.Passive, []string{"The code was reviewed by Ann."}) ||
		!reflect.DeepEqual(cs.SameStart, []string{"We ran the tests.", "We fixed the bug.", "We shipped the fix today."}) {
		t.Errorf("sentences %+v", cs)
	}
}

// TestRepeatsInRuns: a repeated sentence counts in no share, but stands
// between the sentences around it: "I like …" and "You know it well."
// alternate, so no two neighbours begin alike (run 1), though "I like"
// begins four sentences and the repeats are counted once. Sentences: 4 "I
// like" and 1 "You know it well." = 5.
func TestRepeatsInRuns(t *testing.T) {
	f := measureBlocks(para("I like red cats. You know it well. I like blue dogs. You know it well. I like green fish. You know it well. I like old birds."))
	if *f.MaxSameStartRun != 1 {
		t.Errorf("max_same_start_run = %d, want 1", *f.MaxSameStartRun)
	}
	if *f.LongSentenceShare != 0 || *f.PassiveSentenceShare != 0 {
		t.Errorf("shares %v %v", *f.LongSentenceShare, *f.PassiveSentenceShare)
	}
	// Five distinct sentences: a transition share is over them.
	g := measureBlocks(para("So it goes on. You know it well. You know it well. You know it well. I like old birds."))
	if want := 1.0 / 3; *g.TransitionSentenceShare != want {
		t.Errorf("transition share %v, want %v (1 of 3 distinct sentences)", *g.TransitionSentenceShare, want)
	}
}

// TestTokensAcrossSentenceEnds: a token that holds a sentence's end and the
// next one's start, a capital ("done.Then"), is read as its two parts, each
// in its own sentence: "It was done." is passive, "Then we went home." holds a
// transition; "home.We" ends one "We" sentence and begins the next.
func TestTokensAcrossSentenceEnds(t *testing.T) {
	f := measureBlocks(para("It was done.Then we went home."))
	if *f.PassiveSentenceShare != 0.5 || *f.TransitionSentenceShare != 0.5 {
		t.Errorf("passive %v, transition %v; want 0.5 and 0.5", *f.PassiveSentenceShare, *f.TransitionSentenceShare)
	}
	g := measureBlocks(para("We saw it. We went home.We ate fish."))
	if *g.MaxSameStartRun != 3 {
		t.Errorf("max_same_start_run = %d, want 3", *g.MaxSameStartRun)
	}
	// A full stop inside a name starts no sentence: "Edit the README.",
	// "md and NEWS." and "md files today." are textstat's fragments, but
	// the last two begin with README.md and NEWS.md, read whole: run 1.
	h := measureBlocks(para("Edit the README.md and NEWS.md files today."))
	if *h.MaxSameStartRun != 1 {
		t.Errorf("max_same_start_run = %d, want 1", *h.MaxSameStartRun)
	}
}

// TestChecksWithoutProse: a post of a heading and bullets has no paragraph,
// yet its sentences are checked and lit: every check but the transitions
// (its body has 13 words, not over 200). "Results are checked daily" and
// "Reports are sent weekly" are passive: 2 of its 3 sentences ("Add the
// tests" is the third; the heading "Release notes" has two words).
func TestChecksWithoutProse(t *testing.T) {
	f := measureBlocks(heading("Release notes"), bullet("Results are checked daily"),
		bullet("Reports are sent weekly"), bullet("Add the tests"))
	lit := map[string]string{}
	for _, c := range f.ReadabilityChecks {
		lit[c.Check] = string(c.Light)
	}
	want := map[string]string{
		"long_sentence_share": "good", "passive_sentence_share": "bad", "transition_sentence_share": "",
		"max_same_start_run": "good", "longest_paragraph_words": "good", "longest_section_words": "good",
	}
	if !reflect.DeepEqual(lit, want) {
		t.Errorf("lights %v, want %v", lit, want)
	}
	if *f.PassiveSentenceShare != 2.0/3 {
		t.Errorf("passive_sentence_share = %v, want 2/3", *f.PassiveSentenceShare)
	}
}
