package repetition

import (
	"strings"

	"github.com/alphanode/postscore/features/checks"
	"github.com/alphanode/postscore/features/text"
)

// SentenceChecks are what the readability checks count over the body's
// sentences (METRICS.md section 5b): each fragment of a paragraph, bullet
// or heading with at least minSentenceWords words is a sentence. The
// checks read the whole body, as Yoast reads a page, lists and headings
// included; readability's formulas read the prose alone.
type SentenceChecks struct {
	Sentences  int // the sentences checked
	Long       int // of more than checks.LongSentenceWords words
	Passive    int // holding a passive construction (checks.Passive)
	Transition int // holding a transition word or phrase (checks.Transition)
	// MaxSameStartRun is the longest run of consecutive sentences that
	// begin alike: the same first word, or the same first two words when
	// the first is an article or a demonstrative ("The cat …", "The dog …"
	// begin differently). Runs are of paragraphs' sentences: a run goes
	// on across paragraph ends, and a heading or a bullet ends it (list
	// items that begin alike are a list's style, not monotony).
	MaxSameStartRun int
	// With Analyzer.KeepCheckSentences, the sentences themselves: the long
	// ones, the passive ones, and those of the longest run.
	LongSentences, PassiveSentences, SameStartRun []string
}

// checkPass follows the checks through one post's sentence pass.
type checkPass struct {
	out   SentenceChecks
	words []checks.Word // the sentence's tokens' Words
	start [2]int32      // the sentence's beginning: its first one or two lower words
	run   int           // sentences in the run that ends with the last one
	keep  bool
	inRun []string // with keep: the run's sentences
}

// breakRun ends the run of same-start sentences (a block that is not a
// paragraph comes between).
func (c *checkPass) breakRun() { c.run, c.inRun = 0, c.inRun[:0] }

// check checks fragment fr, a sentence of the block being read.
func (p *sentencePass) check(fr *fragment) {
	c := &p.checks
	c.out.Sentences++
	ws, start := p.a.checkWords(fr, c.words[:0])
	c.words = ws
	if fr.words > checks.LongSentenceWords {
		c.out.Long++
		c.kept(&c.out.LongSentences, fr.text)
	}
	if checks.Passive(ws) {
		c.out.Passive++
		c.kept(&c.out.PassiveSentences, fr.text)
	}
	if checks.Transition(ws) {
		c.out.Transition++
	}
	if p.block.prose {
		c.follow(start, fr.text)
	}
}

// kept appends sentence s to list when the sentences are kept.
func (c *checkPass) kept(list *[]string, s string) {
	if c.keep {
		*list = append(*list, strings.Clone(s))
	}
}

// follow adds a sentence beginning with start to the run of same-start
// sentences, or begins a new run.
func (c *checkPass) follow(start [2]int32, s string) {
	if c.run > 0 && start == c.start {
		c.run++
	} else {
		c.breakRun()
		c.run, c.start = 1, start
	}
	if c.keep {
		c.inRun = append(c.inRun, s)
	}
	if c.run > c.out.MaxSameStartRun {
		c.out.MaxSameStartRun = c.run
		if c.keep {
			c.out.SameStartRun = c.out.SameStartRun[:0]
			for _, t := range c.inRun {
				c.out.SameStartRun = append(c.out.SameStartRun, strings.Clone(t))
			}
		}
	}
}

// checkWords appends the Words of fragment fr's tokens to ws, and returns
// them with the fragment's beginning: its first lower word, and its second
// when the first is an Article (noWord when it has none).
func (a *Analyzer) checkWords(fr *fragment, ws []checks.Word) ([]checks.Word, [2]int32) {
	if fr.first < 0 { // cut byte by byte: its text is read again
		return checks.Words(fr.text, ws), a.beginningOf(fr.text)
	}
	types := a.words.types[fr.first:fr.end]
	for _, id := range types {
		ws = append(ws, a.lex.types[id].check)
	}
	start, n := [2]int32{noWord, noWord}, 0
	for _, id := range types {
		wt := &a.lex.types[id]
		if wt.lower < 0 {
			continue
		}
		start[n] = wt.lower
		if n++; n == 2 || wt.check.Flags&checks.Article == 0 {
			break
		}
	}
	return ws, start
}

// beginningOf is checkWords' beginning of sentence s, read from its text.
func (a *Analyzer) beginningOf(s string) [2]int32 {
	start := [2]int32{noWord, noWord}
	found, article := 0, false
	a.lex.wordBuf = text.ForEachWord(s, a.lex.wordBuf, func(w []byte) {
		if found == 2 || found == 1 && !article {
			return
		}
		a.lex.lowerBuf = text.Lower(a.lex.lowerBuf, w)
		if found == 0 {
			article = checks.WordOf(string(a.lex.lowerBuf)).Flags&checks.Article != 0
		}
		start[found] = a.lex.lowerID(a.lex.lowerBuf)
		found++
	})
	return start
}
