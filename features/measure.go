package features

import (
	"bytes"
	"encoding/binary"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/alphanode/postscore/features/post"
	"github.com/alphanode/postscore/features/text"
)

// MaxAllocPerByte bounds what Parse and Measure allocate, in all, per byte
// of a post, whatever it holds (TestAllocPerByte): a post's peak memory is
// at most that (the representation's cost is counted in the comments of
// post.Block, lineIndex, spanTable, pairTable and powTableLen).
const MaxAllocPerByte = 96

// trimAbove is the body size past which a Measurer lets go of its scratch
// space after the post.
const trimAbove = 4 << 20

// Warning kinds that Measure adds to a post's (the part of a warning
// before ':'; package post declares the readers' kinds).
const (
	WarnReviewInFuture = "review_date_in_future"
	WarnNotEnglish     = "readability_not_english"
)

// WordsPerMinute is the silent reading speed of non-fiction (Brysbaert 2019).
const WordsPerMinute = 238

// Features are the measured columns of one post (METRICS.md sections 3–7).
// A nil pointer is a null column.
type Features struct {
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
	Gopher                 Gopher
	RepeatedSentences      []RepeatedSentence
	LongestParagraph       Excerpt
	LongestSection         Excerpt
	FleschReadingEase      *float64
	FleschKincaidGrade     *float64
	SmogIndex              *float64
	ColemanLiauIndex       *float64
	AutomatedReadability   *float64
	GunningFog             *float64
	ReadabilitySkipped     bool   // readability left null on purpose (not English)
	Language               string // en, es, fr, de, pt, it or und
	CodeBlockCount         int
	TableCount             int
	LinkCount              int
	LastReviewed           *post.Date
	AsOf                   post.Date
	DaysSinceReview        *int64
	ClaimedQuality         *int64
	ClaimedFreshness       *int64
	ClaimedDepth           *int64
	ClaimedClarity         *int64
	ClaimedParagraphs      *int64
	ClaimedReadingTime     *int64
	ParagraphGap           *int64
	ReadingTimeRatio       *float64
	ImageSourceGap         *int64
	Warnings               []string
}

// repeatCounts are the words, sentences and syllables of the repeated
// occurrences in the prose.
type repeatCounts struct{ words, sentences, syllables int }

// RepeatedSentence is a normalised sentence that occurs more than once.
type RepeatedSentence struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
}

// Excerpt points at a block or a section for explain.
type Excerpt struct {
	Words   int    `json:"words"`
	Line    int    `json:"line"`    // 1-based line where it starts (0: none)
	Heading string `json:"heading"` // the section's heading ("" before the first)
	Preview string `json:"preview"` // its first words
}

// Measurer measures posts, reusing scratch space between calls. It is not
// safe for concurrent use: give each worker its own.
type Measurer struct {
	gopher gopherScratch
	wbuf   []byte
	lbuf   []byte
	// The body text's white-space words are typed once (gopher.tokenize,
	// into gopher.lex): a word's METRICS.md word, its characters and letters
	// depend on its text alone, so they are worked out once a type.
	spans []int32 // end of each non-image block in the body text
	// blockWords: for each non-image block, the first and past-the-last of
	// its words (gopher.tokenize's) in its own text.
	blockWords []int32
	// blockAwkward: for each non-image block, whether one of its own words
	// is tokAwkward (its sentences are then read byte by byte).
	blockAwkward []bool
	kbuf         []byte   // a sentence's key
	bbuf         []byte   // the body text
	sent         subTable // normalised sentences; val = length in runes
	// AnyLanguage computes readability whatever the language (the formulas
	// are English ones: by default they are left null for other languages).
	AnyLanguage bool
}

// Measure measures p at the as-of date with a fresh Measurer.
func Measure(p *post.Post, asOf post.Date) *Features {
	var m Measurer
	return m.Measure(p, asOf)
}

// BodyText is METRICS.md's body text: blocks as a reader sees them, images
// left out; consecutive bullets joined with \n, other neighbours with \n\n.
func BodyText(p *post.Post) string {
	t, _, _ := bodyText(p, nil, nil)
	return t
}

// bodyText is BodyText written into buf (returned, for reuse: the text is
// buf's memory, valid until buf is written again), with where each
// non-image block ends in it appended to ends.
func bodyText(p *post.Post, buf []byte, ends []int32) (string, []byte, []int32) {
	if p.PlainText {
		return p.Text, buf, append(ends, int32(len(p.Text)))
	}
	size := 0
	for _, bl := range p.Blocks {
		size += len(bl.Text) + 4
	}
	b := slices.Grow(buf[:0], size)
	prev := post.BlockKind(0)
	for _, bl := range p.Blocks {
		if bl.Kind == post.Image {
			continue
		}
		if prev != 0 {
			if prev == post.Bullet && bl.Kind == post.Bullet {
				b = append(b, '\n')
			} else {
				b = append(b, "\n\n"...)
			}
		}
		if bl.Kind == post.Bullet {
			b = append(b, "• "...)
		}
		b = append(b, bl.Text...)
		ends = append(ends, int32(len(b)))
		prev = bl.Kind
	}
	return unsafe.String(unsafe.SliceData(b), len(b)), b, ends
}

// ProseText is METRICS.md's prose text: the paragraphs joined with \n\n.
func ProseText(p *post.Post) string {
	if p.PlainText {
		return p.Text
	}
	var b strings.Builder
	first := true
	for _, bl := range p.Blocks {
		if bl.Kind != post.Paragraph {
			continue
		}
		if !first {
			b.WriteString("\n\n")
		}
		first = false
		b.WriteString(bl.Text)
	}
	return b.String()
}

func i64p(v int64) *int64 { return &v }

// Measure measures p at the as-of date.
func (m *Measurer) Measure(p *post.Post, asOf post.Date) *Features {
	f := &Features{AsOf: asOf}

	// Structure, words and syllables: one pass over the blocks. The words of
	// the body text are the words of its blocks (they are joined with white
	// space, and a bullet's "• " holds none), and those of the prose text the
	// words of its paragraphs.
	lex := &m.gopher.lex
	lex.startPost()
	// body is m.bbuf's memory: nothing measured may keep a piece of it.
	// The per-block arrays get their room at once (by appends, a post of
	// millions of blocks would hold them up to three times over).
	nb := len(p.Blocks) + 1
	body, bbuf, ends := bodyText(p, m.bbuf, slices.Grow(m.spans[:0], nb))
	m.bbuf, m.spans, m.blockWords, m.blockAwkward = bbuf, ends, slices.Grow(m.blockWords[:0], 2*nb), slices.Grow(m.blockAwkward[:0], nb)
	W := m.gopher.tokenize(body)
	at := m.gopher.at[:W] // each word's offset in body
	tk, block := 0, 0     // the next word, the next non-image block
	sectionWords, sectionLine, sectionHeading := 0, 0, ""
	closeSection := func() {
		if sectionWords > f.LongestSectionWords || f.LongestSection.Line == 0 && sectionWords > 0 {
			f.LongestSectionWords = sectionWords
			f.LongestSection = Excerpt{Words: sectionWords, Line: sectionLine, Heading: sectionHeading}
		}
	}
	var prose text.Tally // of the prose text: its paragraphs, joined by white space
	blocks := p.Blocks
	if p.PlainText {
		blocks = []post.Block{{Kind: post.Paragraph, Text: p.Text, Line: 1}}
		f.ParagraphCount = len(p.Blocks)
	}
	for _, bl := range blocks {
		switch bl.Kind {
		case post.Paragraph:
			if !p.PlainText {
				f.ParagraphCount++
			}
		case post.Heading:
			f.HeadingCount++
			closeSection()
			sectionWords, sectionLine, sectionHeading = 0, int(bl.Line), bl.Text
		case post.Bullet:
			f.BulletCount++
		case post.Image:
			f.ImageCount++
			if bl.Text == "" {
				f.ImagesWithoutAlt++
			}
			continue
		}
		end := ends[block]
		block++
		// The block's own words (a bullet's "•" is the body's, not its).
		// (As uint: the compiler cannot tell that tk ≥ 0, so would check every index.)
		first := tk
		for textStart := end - int32(len(bl.Text)); uint(first) < uint(len(at)) && at[first] < textStart; first++ {
		}
		stop := tk // past the block's words
		for uint(stop) < uint(len(at)) && at[stop] < end {
			stop++
		}
		c := m.countWords(body, tk, min(first, stop), stop, bl.Kind == post.Paragraph)
		n, toks := c.words, c.toks // toks: the block's own words' tok flags, together
		f.ProseWordCount += c.proseWords
		f.SyllableCount += c.syllables
		f.PolysyllableCount += c.polysyllables
		prose.Add(c.prose)
		tk = stop
		f.WordCount += n
		m.blockWords = append(m.blockWords, int32(min(first, tk)), int32(tk))
		m.blockAwkward = append(m.blockAwkward, toks&tokAwkward != 0)
		if bl.Kind == post.Heading {
			continue
		}
		if sectionLine == 0 {
			sectionLine = int(bl.Line)
		}
		sectionWords += n
		if bl.Kind == post.Paragraph && (n > f.LongestParagraphWords || f.LongestParagraph.Line == 0) {
			f.LongestParagraphWords = n
			f.LongestParagraph = Excerpt{Words: n, Line: int(bl.Line), Preview: text.Preview(bl.Text, 12)}
		}
	}
	closeSection()
	if p.PlainText {
		f.LongestParagraphWords, f.LongestParagraph = 0, Excerpt{}
		for _, bl := range p.Blocks {
			if n := text.CountWords(bl.Text); n > f.LongestParagraphWords || f.LongestParagraph.Line == 0 {
				f.LongestParagraphWords = n
				f.LongestParagraph = Excerpt{Words: n, Line: int(bl.Line), Preview: text.Preview(bl.Text, 12)}
			}
		}
	}
	f.DistinctWordCount = lex.distinct
	f.CodeBlockCount, f.TableCount, f.LinkCount = p.CodeBlocks, p.Tables, p.Links
	f.Language = text.LanguageOf(lex.stopWordHits(), f.WordCount)
	// Readability formulas are English ones: left null for a post detected as
	// another language (a post too short to tell, und, keeps them).
	skipReadability := f.Language != "en" && f.Language != "und" && !m.AnyLanguage
	if f.WordCount > 0 {
		f.ImageDensity = fp(1000 * float64(f.ImageCount) / float64(f.WordCount))
	}
	f.ReadingTimeMinutes = float64(f.WordCount) / WordsPerMinute

	// Repetition.
	m.repetition(p, f, body)
	f.Gopher = m.gopher.computeTokenized(body, W)
	if len(body) > trimAbove {
		m.gopher.trim()
		m.wbuf, m.lbuf, m.spans, m.sent, m.blockWords, m.blockAwkward, m.kbuf, m.bbuf = nil, nil, nil, subTable{}, nil, nil, nil, nil
	}

	// Readability on the prose text (its sentences were counted with the
	// repetition's fragments).
	if f.SentenceCount > 0 {
		f.AvgSentenceWords = fp(float64(f.ProseWordCount) / float64(f.SentenceCount))
	}
	if skipReadability {
		f.ReadabilitySkipped = true
	} else {
		r := text.Readability(text.ReadabilityCounts{
			Words: f.ProseWordCount, Sentences: f.SentenceCount, Syllables: f.SyllableCount,
			Polysyllables: f.PolysyllableCount, Chars: prose.Chars, Letters: prose.Letters, Tokens: prose.Tokens,
		})
		f.FleschReadingEase, f.FleschKincaidGrade, f.SmogIndex = r.FleschReadingEase, r.FleschKincaidGrade, r.SmogIndex
		f.ColemanLiauIndex, f.AutomatedReadability, f.GunningFog = r.ColemanLiauIndex, r.AutomatedReadability, r.GunningFog
	}

	// Dedup measures.
	f.DedupWordCount = f.WordCount - f.RepeatedWords
	rp := f.repeatedProse
	if ds := f.SentenceCount - rp.sentences; ds > 0 {
		dw := f.ProseWordCount - rp.words
		f.DedupAvgSentenceWords = fp(float64(dw) / float64(ds))
		if dw > 0 && !skipReadability {
			f.DedupFleschReadingEase = fp(text.FleschReadingEase(float64(dw), float64(ds), float64(f.SyllableCount-rp.syllables)))
		}
	}
	if f.DedupWordCount > 0 {
		f.DedupImageDensity = fp(1000 * float64(f.ImageCount) / float64(f.DedupWordCount))
	}

	// Freshness.
	f.Warnings = append(f.Warnings, p.Warnings...)
	if skipReadability {
		f.Warnings = append(f.Warnings, WarnNotEnglish+": "+f.Language)
	}
	if d := p.Meta.LastReviewed; d != nil {
		f.LastReviewed = d
		days := int64(asOf) - int64(*d)
		f.DaysSinceReview = &days
		if days < 0 {
			f.Warnings = append(f.Warnings, WarnReviewInFuture+": "+d.String())
		}
	}

	// Meta truth.
	mt := &p.Meta
	f.ClaimedQuality, f.ClaimedFreshness, f.ClaimedDepth, f.ClaimedClarity = mt.ClaimedQuality, mt.ClaimedFreshness, mt.ClaimedDepth, mt.ClaimedClarity
	f.ClaimedParagraphs, f.ClaimedReadingTime = mt.PayloadParagraphs, mt.ReadingTime
	if c := mt.PayloadParagraphs; c != nil {
		f.ParagraphGap = i64p(int64(f.ParagraphCount) - *c)
	}
	if c := mt.ReadingTime; c != nil && f.ReadingTimeMinutes > 0 {
		f.ReadingTimeRatio = fp(float64(*c) / f.ReadingTimeMinutes)
		if f.DedupWordCount > 0 {
			f.DedupReadingTimeRatio = fp(float64(*c) / (float64(f.DedupWordCount) / WordsPerMinute))
		}
	}
	if mt.HasImageSources {
		f.ImageSourceGap = i64p(int64(len(mt.ImageSources)) - int64(f.ImageCount))
	}
	return f
}

// wordCounts are what countWords counts of a run of words.
type wordCounts struct {
	words                                int // METRICS.md words
	proseWords, syllables, polysyllables int // of the words, when prose
	prose                                text.Tally
	toks                                 uint8 // the tok flags of the words from own on, together
}

// countWords counts body words a..b-1 (gopher.tokenize's) into the post's
// vocabulary; for prose, also their syllables, polysyllables and
// characters. The tok flags are those of words own..b-1. A loop of its own,
// with its sums in registers.
//
//go:noinline
func (m *Measurer) countWords(body string, a, own, b int, isProse bool) (c wordCounts) {
	lex := &m.gopher.lex
	ids := m.gopher.ids[a:b]
	words := lex.words
	for x, id := range ids {
		wt := &words[id]
		if wt.low == typeUnknown {
			at := m.gopher.at[a+x]
			m.workOut(body[at:at+wt.bytes], wt)
		}
		c.toks |= wt.tok &^ uint8((x+a-own)>>63) // words own.. only, without a branch
		if isProse {
			c.prose.Chars += int(wt.chars)
			c.prose.Letters += int(wt.letters)
			c.prose.Tokens++
		}
		if wt.low < 0 {
			continue
		}
		lw := lex.countLow(wt.low)
		c.words++
		if isProse {
			syl := int(lw.syllables)
			c.proseWords++
			c.syllables += syl
			if syl >= 3 {
				c.polysyllables++
			}
		}
	}
	return c
}

// workOut fills in what a white-space word w counts for, once a type: it
// holds at most one METRICS.md word (words split only at white space), and
// is one token of a normalised sentence (sentenceToken).
func (m *Measurer) workOut(w string, wt *wordType) {
	var tally text.Tally
	wt.low = -1
	m.wbuf = text.ForEachWordTally(w, m.wbuf, func(word []byte) {
		m.lbuf = text.Lower(m.lbuf, word)
		wt.low = m.gopher.lex.lowID(m.lbuf)
	}, &tally)
	wt.chars, wt.letters = int32(tally.Chars), int32(tally.Letters)
	m.lbuf = m.gopher.lex.sentenceToken(wt, w, m.lbuf)
}

// wordSyllables counts the syllables of body words a..b-1 (each holds at
// most one METRICS.md word, worked out by countWord).
func (m *Measurer) wordSyllables(a, b int) int {
	lex := &m.gopher.lex
	n := 0
	for _, id := range m.gopher.ids[a:b] {
		if low := lex.words[id].low; low >= 0 {
			n += int(lex.lows[low].syllables)
		}
	}
	return n
}

// syllables counts the syllables of t's words from the lexicon, or the
// table for a word it lacks.
func (m *Measurer) syllables(t string) int {
	n := 0
	var lb []byte
	text.ForEachWord(t, nil, func(w []byte) {
		lb = text.Lower(lb, w)
		if s := m.gopher.lex.low.lookup(string(lb)); s != nil {
			n += int(m.gopher.lex.lows[s.val].syllables)
		} else {
			n += text.Syllables(string(lb))
		}
	})
	return n
}

// minSentenceWords is the fewest words a sentence needs to count for repetition.
const minSentenceWords = 3

// repetition computes repetition_ratio: the share of kept sentence text that
// repeats a sentence seen earlier in the post (METRICS.md section 4).
//
// A normalised sentence is keyed by the numbers of its lower-cased tokens
// (lexicon.ltoks). A block whose words are all plain (no tokAwkward) is cut
// into fragments from its words' types (sentenceFragments); any other is
// read byte by byte (forEachFragmentAt, normalizeSentence). Both give the
// same fragments, counts and keys.
func (m *Measurer) repetition(p *post.Post, f *Features, body string) {
	m.sent.reset(len(body)/96 + 16) // sentences run about 100 bytes: rarely grown
	total, repeated, distinct := 0, 0, int32(0)
	inProse := false
	// The prose sentence count (textstat's, on the paragraphs joined by
	// "\n\n") from the paragraphs' own fragments: a paragraph's last
	// fragment that ends without . ! ? runs on into the next paragraph, up to
	// its first . ! ?, as the regex would run on over the blank line.
	sentences, carry, firstInPara := 0, -1, false
	var para string
	closeCarry := func() {
		if carry > 2 {
			sentences++
		}
		carry = -1
	}
	// visit takes a fragment of para at start, its words, (when it has at
	// least minSentenceWords) its normalised length in runes and key, and
	// the body words a..b-1 it is made of (a < 0: it was read byte by byte).
	visit := func(frag string, start, words, runes int, key []byte, a, b int) {
		if inProse {
			merged := words
			if firstInPara {
				firstInPara = false
				if carry >= 0 {
					if strings.ContainsAny(para[:start], ".!?") {
						closeCarry()
					} else {
						merged += carry
						carry = -1
					}
				}
			}
			if !text.IsSentenceEnd(rune(frag[len(frag)-1])) {
				carry = merged
			} else if merged > 2 {
				sentences++
			}
		}
		if words < minSentenceWords {
			return
		}
		s := m.sent.addBytes(key, distinct)
		if s.count == 1 {
			s.val = int32(runes)
			distinct++
		} else {
			repeated += int(s.val)
			f.RepeatedWords += words
			if inProse {
				f.repeatedProse.words += words
				f.repeatedProse.sentences++
				if a >= 0 {
					f.repeatedProse.syllables += m.wordSyllables(a, b)
				} else {
					f.repeatedProse.syllables += m.syllables(frag)
				}
			}
		}
		total += int(s.val)
	}
	byBytes := func(frag string, start int) {
		var words, runes int
		m.lbuf, words, runes = normalizeSentence(m.lbuf, frag)
		if words >= minSentenceWords {
			m.kbuf = m.sentenceKey(m.kbuf[:0], m.lbuf)
		}
		visit(frag, start, words, runes, m.kbuf, -1, -1)
	}
	proseText := false
	fragments := func(t string, prose bool, block int) {
		inProse, para, firstInPara = prose, t, true
		base := int(m.spans[block]) - len(t) // where t starts in the body
		if !m.sentenceFragments(body, base, len(t), block, visit) {
			text.ForEachFragment(t, byBytes)
		}
		if prose {
			proseText = true
			if firstInPara && carry >= 0 && strings.ContainsAny(t, ".!?") {
				closeCarry()
			}
		}
	}
	if p.PlainText {
		fragments(p.Text, true, 0)
	} else {
		block := 0
		for _, bl := range p.Blocks {
			if bl.Kind != post.Image {
				fragments(bl.Text, bl.Kind == post.Paragraph, block)
				block++
			}
		}
	}
	closeCarry()
	if proseText {
		f.SentenceCount = max(sentences, 1)
	}
	if total > 0 {
		f.RepetitionRatio = float64(repeated) / float64(total)
	}
	// In order of first occurrence.
	var firsts []int32
	for _, s := range m.sent.slots {
		if s.count > 1 {
			f.RepeatedSentences = append(f.RepeatedSentences, RepeatedSentence{Text: m.sentenceText(s.key), Count: int(s.count)})
			firsts = append(firsts, s.first)
		}
	}
	sort.Sort(byFirst{f.RepeatedSentences, firsts})
	f.RepeatedSentenceCount = len(f.RepeatedSentences)
}

// sentenceFragments cuts non-image block number block's text,
// body[base:base+size] with words a..b-1 (blockWords, worked out by
// countWord), into the fragments forEachFragmentAt finds, from the words'
// types: a fragment starts at the first word with a word character (which
// is its first character: tokAwkward otherwise) and runs to the first word
// that ends with . ! ? (tokEndRun: the run ends that word), or to the
// block's end. It reports false, visiting nothing, when a word is
// tokAwkward (blockAwkward).
func (m *Measurer) sentenceFragments(body string, base, size, block int, visit func(frag string, start, words, runes int, key []byte, a, b int)) bool {
	if m.blockAwkward[block] {
		return false
	}
	g := &m.gopher
	lex := &g.lex
	a, b := int(m.blockWords[2*block]), int(m.blockWords[2*block+1])
	ids := g.ids[:b] // the block's words end at b
	end := base + size
	for k := a; k < b; {
		if lex.words[ids[k]].tok&tokWord == 0 {
			k++ // no word character: before a fragment's start
			continue
		}
		start, words, runes := k, 0, -1
		key := m.kbuf[:0]
		var wt *wordType
		for k < b {
			wt = &lex.words[ids[k]]
			k++
			if wt.tok&tokWord != 0 {
				words++
			}
			runes += int(wt.runes) + 1
			key = binary.LittleEndian.AppendUint32(key, uint32(wt.ltok))
			if wt.tok&tokEndRun != 0 {
				break
			}
		}
		fragEnd := end
		if wt.tok&tokEndRun != 0 {
			// The last word loses its . ! ?, and its space if nothing is left.
			fragEnd = int(g.at[k-1] + wt.bytes)
			runes -= int(wt.runes - wt.stripRunes)
			key = key[:len(key)-4]
			if wt.ltokStrip >= 0 {
				key = binary.LittleEndian.AppendUint32(key, uint32(wt.ltokStrip))
			} else {
				runes--
			}
		}
		m.kbuf = key
		from := int(g.at[start])
		visit(body[from:fragEnd], from-base, words, runes, key, start, k)
	}
	return true
}

// sentenceKey is the key of the normalised sentence ns: its tokens'
// numbers, appended to key.
func (m *Measurer) sentenceKey(key, ns []byte) []byte {
	for len(ns) > 0 {
		i := bytes.IndexByte(ns, ' ')
		if i < 0 {
			i = len(ns)
		}
		key = binary.LittleEndian.AppendUint32(key, uint32(m.gopher.lex.ltokID(ns[:i])))
		ns = ns[min(i+1, len(ns)):]
	}
	return key
}

// sentenceText is the normalised sentence of a key.
func (m *Measurer) sentenceText(key string) string {
	var b strings.Builder
	for i := 0; i+4 <= len(key); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(m.gopher.lex.ltoks[binary.LittleEndian.Uint32([]byte(key[i:i+4]))])
	}
	return b.String()
}

// normalizeSentence lower-cases s, folds runs of white space to one space,
// trims it and removes trailing . ! ?; it also returns text.CountWords(s) and
// the result's length in runes, from the same pass: a white-space token is
// a word when it holds a word character or an apostrophe that starts a
// contraction.
func normalizeSentence(buf []byte, s string) (out []byte, words, runes int) {
	buf = slices.Grow(buf[:0], len(s))
	extra := 0 // bytes of buf beyond one a rune
	for i := 0; i < len(s); {
		// Skip white space.
		if c := s[i]; c < utf8.RuneSelf {
			if text.IsASCIISpace(c) {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(s[i:]); text.IsSpace(r) {
			i += size
			continue
		}
		// A token, up to the next white space.
		if len(buf) > 0 {
			buf = append(buf, ' ')
		}
		word := false
		for i < len(s) {
			c := s[i]
			if c < utf8.RuneSelf {
				if text.IsASCIISpace(c) {
					break
				}
				if text.IsASCIIWord(c) {
					word = true
					if c <= 'Z' && c >= 'A' {
						c += 'a' - 'A'
					}
				} else if c == '\'' && !word && text.KeepApostrophe(s[i:]) {
					word = true
				}
				buf = append(buf, c)
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if text.IsSpace(r) {
				break
			}
			if text.IsWordRune(r) {
				word = true
			}
			n := len(buf)
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
			extra += len(buf) - n - 1
			i += size
		}
		if word {
			words++
		}
	}
	for len(buf) > 0 && (text.IsSentenceEnd(rune(buf[len(buf)-1])) || buf[len(buf)-1] == ' ') {
		buf = buf[:len(buf)-1]
	}
	return buf, words, len(buf) - extra
}

type byFirst struct {
	s     []RepeatedSentence
	first []int32
}

func (b byFirst) Len() int           { return len(b.s) }
func (b byFirst) Less(i, j int) bool { return b.first[i] < b.first[j] }
func (b byFirst) Swap(i, j int) {
	b.s[i], b.s[j] = b.s[j], b.s[i]
	b.first[i], b.first[j] = b.first[j], b.first[i]
}
