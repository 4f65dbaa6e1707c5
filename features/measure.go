package features

import (
	"github.com/alphanode/postscore/features/checks"
	"github.com/alphanode/postscore/features/minhash"
	"github.com/alphanode/postscore/features/post"
	"github.com/alphanode/postscore/features/repetition"
	"github.com/alphanode/postscore/features/text"
)

// MaxAllocPerByte bounds what post.Parse and Measure allocate, in all, per
// byte of a post, whatever it holds (TestAllocPerByte): a post's peak
// memory is at most that.
const MaxAllocPerByte = 96

// trimAbove is the body size past which a Measurer lets go of its scratch
// space after the post.
const trimAbove = 4 << 20

// WordsPerMinute is the silent reading speed of non-fiction (Brysbaert 2019).
const WordsPerMinute = 238

// Warning kinds that Measure adds to a post's (the part of a warning
// before ':'; package post declares the readers' kinds).
const (
	WarnReviewInFuture = "review_date_in_future"
	WarnNotEnglish     = "readability_not_english"
)

// Measurer measures posts, reusing its space and what it learnt of each
// word between calls. It is not safe for concurrent use: give each worker
// its own.
type Measurer struct {
	words  repetition.Analyzer
	body   []byte       // the body text (bodyText)
	ends   []int32      // where each non-image block ends in it
	plain  []post.Block // a plain-text post's paragraphs in its text (plainBlocks)
	digest bodyDigest   // body_sha256
	// AnyLanguage computes readability whatever the language (the formulas
	// are English ones: by default they are left null for other languages).
	AnyLanguage bool
	// Signer signs the body text for the near-duplicate stage; nil signs
	// nothing.
	Signer *minhash.Signer
	// KeepCheckSentences keeps the sentences behind the readability
	// checks in Features.CheckSentences (explain shows them).
	KeepCheckSentences bool
	// SkipChecks measures without the readability checks (their columns
	// null): the benchmarks price the checks by it.
	SkipChecks bool
	checks     checks.Counter // told the sentences by the sentence pass
}

// Measure measures p at the as-of date with a fresh Measurer.
func Measure(p *post.Post, asOf post.Date) *Features {
	var m Measurer
	return m.Measure(p, asOf)
}

// Measure measures p at the as-of date.
func (m *Measurer) Measure(p *post.Post, asOf post.Date) *Features {
	f := &Features{AsOf: asOf}
	body := m.bodyText(p)
	f.BodySHA256 = m.digest.of(p, body)
	if m.Signer != nil {
		f.Signature = m.Signer.Sign(body)
	}
	m.startChecks()
	m.words.Tokenize(body, len(m.ends))
	prose := m.measureBlocks(p, f)
	f.DistinctWordCount = m.words.DistinctWords()
	f.CodeBlockCount, f.TableCount, f.LinkCount = p.CodeBlocks, p.Tables, p.Links
	hits := m.words.StopWordHits()
	f.Language = text.LanguageOf(&hits, f.WordCount)
	// The readability formulas are English ones: they are left null for a
	// post in another language (a post too short to tell, und, keeps them).
	skipReadability := f.Language != "en" && f.Language != text.Undetermined && !m.AnyLanguage
	if f.WordCount > 0 {
		f.ImageDensity = ptr(1000 * float64(f.ImageCount) / float64(f.WordCount))
	}
	f.ReadingTimeMinutes = float64(f.WordCount) / WordsPerMinute

	sentences := m.words.Sentences()
	setRepetition(f, &sentences)
	if !skipReadability && !m.SkipChecks {
		setChecks(f, &m.checks.Counts)
	}
	f.Gopher = m.words.Gopher()
	if len(body) > trimAbove {
		m.words.Trim()
		m.body, m.ends, m.plain = nil, nil, nil
		m.checks = checks.Counter{}
	}
	setReadability(f, prose, skipReadability)
	setDedup(f, skipReadability)
	f.Warnings = append(f.Warnings, p.Warnings...)
	if skipReadability {
		f.Warnings = append(f.Warnings, WarnNotEnglish+": "+f.Language)
	}
	setFreshness(f, p.Meta.LastReviewed, asOf)
	setClaims(f, &p.Meta)
	return f
}

// startChecks readies the readability checks for a post: the sentence
// pass tells the checks' counter each sentence, its tokens tagged with
// their checks.Word.
func (m *Measurer) startChecks() {
	if m.SkipChecks { // a Measurer is the one or the other for its life: the lexicon keeps the tags
		m.words.Tag, m.words.Visitor = nil, nil
		return
	}
	m.checks.Reset()
	m.checks.Keep = m.KeepCheckSentences
	m.words.Tag, m.words.Visitor = checks.Tag, &m.checks
}

// measureBlocks counts p's blocks and their words (the words of the body
// text are the words of its blocks: they are joined with white space, and
// a bullet's "• " holds none), and finds the longest paragraph and
// section. It returns the tally of the prose text, the paragraphs.
func (m *Measurer) measureBlocks(p *post.Post, f *Features) (prose text.Tally) {
	blocks := p.Blocks
	if p.PlainText {
		blocks = m.plain
	}
	var section sectionTracker
	counted := 0 // the non-image blocks counted
	for _, bl := range blocks {
		switch bl.Kind {
		case post.Paragraph:
			f.ParagraphCount++
		case post.Heading:
			f.HeadingCount++
			section.start(f, bl)
		case post.Bullet:
			f.BulletCount++
		case post.Image:
			f.ImageCount++
			if bl.Text == "" {
				f.ImagesWithoutAlt++
			}
			continue
		}
		end := int(m.ends[counted])
		counted++
		c := m.words.CountBlock(repetition.Block{Start: end - len(bl.Text), End: end, Prose: bl.Kind == post.Paragraph})
		f.WordCount += c.Words
		if bl.Kind == post.Paragraph {
			f.ProseWordCount += c.Words
			f.SyllableCount += c.Syllables
			f.PolysyllableCount += c.Polysyllables
			prose.Add(c.Tally)
			longestParagraph(f, c.Words, bl)
		}
		if bl.Kind != post.Heading {
			section.add(c.Words, int(bl.Line))
		}
	}
	section.close(f)
	return prose
}

// longestParagraph makes paragraph bl, of n words, the longest if it is
// longer than the longest so far, or the first.
func longestParagraph(f *Features, n int, bl post.Block) {
	if n > f.LongestParagraphWords || f.LongestParagraph.Line == 0 {
		f.LongestParagraphWords = n
		f.LongestParagraph = Excerpt{Words: n, Line: int(bl.Line), Preview: text.Preview(bl.Text, 12)}
	}
}

// sectionTracker follows the section being read, to find the longest: the
// words of the blocks from one heading to the next (the heading's own
// left out), or from the body's start to the first heading.
type sectionTracker struct {
	words   int
	line    int    // where it starts (0: no block yet)
	heading string // "" before the first heading
}

// start closes the section and begins the one under heading.
func (s *sectionTracker) start(f *Features, heading post.Block) {
	s.close(f)
	*s = sectionTracker{line: int(heading.Line), heading: heading.Text}
}

// add adds a block of the section, of n words, at line.
func (s *sectionTracker) add(n, line int) {
	if s.line == 0 {
		s.line = line
	}
	s.words += n
}

// close makes the section the longest if it is longer than the longest so
// far, or the first with words.
func (s *sectionTracker) close(f *Features) {
	if s.words > f.LongestSectionWords || f.LongestSection.Line == 0 && s.words > 0 {
		f.LongestSectionWords = s.words
		f.LongestSection = Excerpt{Words: s.words, Line: s.line, Heading: s.heading}
	}
}

// setRepetition sets the repetition columns (METRICS.md section 4) and the
// prose's sentence count from the sentence pass.
func setRepetition(f *Features, s *repetition.Sentences) {
	f.SentenceCount = s.ProseSentences
	f.RepetitionRatio = s.RepetitionRatio
	f.RepeatedWords = s.RepeatedWords
	f.repeatedProse = repeatCounts{words: s.RepeatedProse.Words, sentences: s.RepeatedProse.Sentences, syllables: s.RepeatedProse.Syllables}
	if len(s.Repeated) > 0 {
		f.RepeatedSentences = make([]RepeatedSentence, len(s.Repeated))
		for i, r := range s.Repeated {
			f.RepeatedSentences[i] = RepeatedSentence{Text: r.Text, Count: r.Count}
		}
	}
	f.RepeatedSentenceCount = len(f.RepeatedSentences)
}

// setReadability sets the readability columns (METRICS.md section 5) from
// the prose's counts, unless the post is skipped for its language.
func setReadability(f *Features, prose text.Tally, skip bool) {
	if f.SentenceCount > 0 {
		f.AvgSentenceWords = ptr(float64(f.ProseWordCount) / float64(f.SentenceCount))
	}
	if skip {
		f.ReadabilitySkipped = true
		return
	}
	r := text.Readability(text.ReadabilityCounts{
		Words: f.ProseWordCount, Sentences: f.SentenceCount, Syllables: f.SyllableCount,
		Polysyllables: f.PolysyllableCount, Chars: prose.Chars, Letters: prose.Letters, Tokens: prose.Tokens,
	})
	f.FleschReadingEase, f.FleschKincaidGrade, f.SmogIndex = r.FleschReadingEase, r.FleschKincaidGrade, r.SmogIndex
	f.ColemanLiauIndex, f.AutomatedReadability, f.GunningFog = r.ColemanLiauIndex, r.AutomatedReadability, r.GunningFog
}

// setChecks sets the readability checks (METRICS.md section 5b) from the
// counts of the sentence pass and the structure measured.
func setChecks(f *Features, c *checks.Counts) {
	if c.Sentences > 0 {
		n := float64(c.Sentences)
		f.LongSentenceShare = ptr(float64(c.Long) / n)
		f.PassiveSentenceShare = ptr(float64(c.Passive) / n)
		f.TransitionSentenceShare = ptr(float64(c.Transition) / n)
		run := int64(c.MaxSameStartRun)
		f.MaxSameStartRun = &run
	}
	f.ReadabilityChecks = make([]CheckResult, 0, len(checks.All))
	penalty := 0.0
	for i := range checks.All {
		ch := &checks.All[i]
		v, ok := f.Value(ch.Column)
		if !ok {
			continue
		}
		r := CheckResult{Check: ch.Column, Value: v}
		if ch.Applies(f.WordCount) {
			r.Light = ch.Light(v)
		}
		penalty += lightPenalty[r.Light]
		f.ReadabilityChecks = append(f.ReadabilityChecks, r)
	}
	f.ReadabilityCheckPenalty = &penalty
	f.CheckSentences = c.Kept
}

// lightPenalty is what each light adds to readability_check_penalty.
var lightPenalty = map[checks.Light]float64{checks.Bad: 1, checks.OK: 0.5}

// setDedup sets the dedup columns: the post measured as if each repeated
// sentence appeared once, so that padding with repeats cannot earn points
// (docs/SCORING.md).
func setDedup(f *Features, skipReadability bool) {
	f.DedupWordCount = f.WordCount - f.RepeatedWords
	rp := f.repeatedProse
	if sentences := f.SentenceCount - rp.sentences; sentences > 0 {
		words := f.ProseWordCount - rp.words
		f.DedupAvgSentenceWords = ptr(float64(words) / float64(sentences))
		if words > 0 && !skipReadability {
			f.DedupFleschReadingEase = ptr(text.FleschReadingEase(float64(words), float64(sentences), float64(f.SyllableCount-rp.syllables)))
		}
	}
	if f.DedupWordCount > 0 {
		f.DedupImageDensity = ptr(1000 * float64(f.ImageCount) / float64(f.DedupWordCount))
	}
}

// setFreshness sets the days since the last review, with a warning when
// the review is after the as-of date.
func setFreshness(f *Features, lastReviewed *post.Date, asOf post.Date) {
	if lastReviewed == nil {
		return
	}
	f.LastReviewed = lastReviewed
	days := int64(asOf) - int64(*lastReviewed)
	f.DaysSinceReview = &days
	if days < 0 {
		f.Warnings = append(f.Warnings, WarnReviewInFuture+": "+lastReviewed.String())
	}
}

// setClaims sets what the meta claims and its gaps to what was measured.
func setClaims(f *Features, m *post.Meta) {
	f.ClaimedQuality, f.ClaimedFreshness, f.ClaimedDepth, f.ClaimedClarity = m.ClaimedQuality, m.ClaimedFreshness, m.ClaimedDepth, m.ClaimedClarity
	f.ClaimedParagraphs, f.ClaimedReadingTime = m.PayloadParagraphs, m.ReadingTime
	if c := m.PayloadParagraphs; c != nil {
		gap := int64(f.ParagraphCount) - *c
		f.ParagraphGap = &gap
	}
	if c := m.ReadingTime; c != nil && f.ReadingTimeMinutes > 0 {
		f.ReadingTimeRatio = ptr(float64(*c) / f.ReadingTimeMinutes)
		if f.DedupWordCount > 0 {
			f.DedupReadingTimeRatio = ptr(float64(*c) / (float64(f.DedupWordCount) / WordsPerMinute))
		}
	}
	if m.HasImageSources {
		gap := int64(len(m.ImageSources)) - int64(f.ImageCount)
		f.ImageSourceGap = &gap
	}
}

func ptr(v float64) *float64 { return &v }
