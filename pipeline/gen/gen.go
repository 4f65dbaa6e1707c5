// Package gen writes realistic corpora of posts in the export format, or
// the same posts in Markdown (markdown.go), with ground truth: what each
// file holds and what postscore must make of it. The same options always
// write byte-identical files: each post is a pure function of (seed, index).
package gen

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/alphanode/postscore/features"
	"github.com/alphanode/postscore/features/post"
)

// Malformed kinds, as FORMAT.md names them.
const (
	BadDate          = "bad_date"
	ScoreOutOfRange  = "score_out_of_range"
	ScoreNotNumeric  = "score_not_numeric"
	UnknownMetaKey   = "unknown_meta_key"
	NoMeta           = "no_meta"
	Empty            = "empty"
	OnlyPreamble     = "only_preamble"
	Binary           = "binary"
	InvalidUTF8      = "invalid_utf8"
	CRLF             = "crlf"
	BOM              = "bom"
	futureReviewRate = 0.02
	missingDateRate  = 0.08
	revisionRate     = 0.08
)

// MalformedKinds lists every malformed kind the generator writes.
var MalformedKinds = []string{BadDate, ScoreOutOfRange, ScoreNotNumeric, UnknownMetaKey, NoMeta, Empty, OnlyPreamble, Binary, InvalidUTF8, CRLF, BOM}

// MarkdownMalformedKinds are the malformed kinds of a Markdown corpus: a
// bad front-matter date, no front matter, and the kinds of any file. The
// others live in the export format's meta and preamble.
var MarkdownMalformedKinds = []string{BadDate, NoMeta, Empty, Binary, InvalidUTF8, CRLF, BOM}

// Truth is what one generated file holds and what postscore must make of it.
// A Markdown post's counts are those of its rendered page (MARKDOWN.md
// section 2; markdown.go says how each element counts).
type Truth struct {
	Path             string   `json:"path"`
	Line             int      `json:"line,omitempty"` // JSONL: the line in Path (1-based)
	PostID           string   `json:"post_id,omitempty"`
	RevisionVersion  string   `json:"revision_version,omitempty"`
	Malformed        string   `json:"malformed,omitempty"`
	ExpectError      string   `json:"expect_error,omitempty"`    // the error row's kind, or "" for a row
	ExpectWarnings   []string `json:"expect_warnings,omitempty"` // warning kinds the row carries (at as-of)
	Title            string   `json:"title,omitempty"`
	Paragraphs       int      `json:"paragraphs"`
	Headings         int      `json:"headings"`
	Bullets          int      `json:"bullets"`
	Images           int      `json:"images"`
	ImagesWithoutAlt int      `json:"images_without_alt"`
	RepeatedDistinct int      `json:"repeated_sentences"`   // distinct sentences that occur more than once
	RepeatedExtra    int      `json:"repeated_occurrences"` // their 2nd, 3rd, … occurrences
	LastReviewed     string   `json:"last_reviewed,omitempty"`
	ClaimedQuality   *int     `json:"claimed_quality,omitempty"`
	ClaimedFresh     *int     `json:"claimed_freshness,omitempty"`
	ClaimedDepth     *int     `json:"claimed_depth,omitempty"`
	ClaimedClarity   *int     `json:"claimed_clarity,omitempty"`
	ClaimedParas     *int     `json:"claimed_paragraphs,omitempty"`
	ClaimedReading   *int     `json:"claimed_reading_time,omitempty"`
	ParasClaimTrue   bool     `json:"paragraph_claim_true"`
	ScoresInflated   bool     `json:"scores_inflated"`
	Scenario         string   `json:"scenario,omitempty"`
	// Markdown only (MARKDOWN.md section 2): omitted when 0, so that an
	// export-format corpus's truth is what it always was.
	CodeBlocks int `json:"code_blocks,omitempty"`
	Tables     int `json:"tables,omitempty"`
	Links      int `json:"links,omitempty"`
	// A planted copy's original and how alike the two are (dups.go);
	// omitted for every other post.
	Duplicate *Duplicate `json:"duplicate,omitempty"`
}

// Options configure a corpus.
type Options struct {
	N         int
	Seed      uint64
	Malformed float64 // share of posts that are malformed, 0..1
	AsOf      post.Date
	JSONL     bool    // malformed kinds that JSON cannot carry (binary, invalid UTF-8, BOM) are left out
	Markdown  bool    // the posts in Markdown, .md files (markdown.go)
	NearDups  float64 // share of posts that are planted copies of an earlier post, 0..1 (dups.go)
}

// DefaultAsOf is the date review dates are spread before, fixed so that the
// same command always writes the same corpus.
var DefaultAsOf = post.Date(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC).Unix() / 86400)

// Path is where post i lives: at most 1,000 files a directory.
func Path(i int) string { return fmt.Sprintf("%04d/%07d.txt", i/1000, i) }

// path is where post i of this corpus lives: Path, or its .md file.
func (o *Options) path(i int) string {
	if o.Markdown {
		return fmt.Sprintf("%04d/%07d.md", i/1000, i)
	}
	return Path(i)
}

// PostID is the identity of post i (revisions reuse an earlier post's).
func postID(seed uint64, i int) string { return fmt.Sprintf("gen%d-%07d", seed, i) }

type draft struct {
	dense   bool      // long words and long sentences
	src     int       // the index whose random stream r is: the post's own, or a copy's original's
	cp      *copyPlan // a planted copy's plan; nil for any other post
	r       *rand.Rand
	b       []byte
	arena   []byte              // the post's sentences and paragraphs (see cat)
	seen    map[uint64]struct{} // keyHash of each sentence, heading and alt text, lower-cased
	t       Truth
	topic   string
	stack   string
	problem string
	words   int
	md      *mdPost // a Markdown post's own draws and plan; nil for the export format
}

func (p *draft) pick(list []string) string { return list[p.r.IntN(len(list))] }

// Generate writes post i into buf and returns it with its truth: post i's
// own, or, with Options.NearDups, a planted copy of an earlier post.
func Generate(o *Options, i int, buf []byte) ([]byte, Truth) {
	if of, ok := o.copyOf(i); ok {
		return generateCopy(o, i, of, buf)
	}
	return generate(o, i, buf, nil)
}

// generate writes post i into buf: its own post, or (cp not nil) the copy
// cp plans, drawn from its original's random stream.
func generate(o *Options, i int, buf []byte, cp *copyPlan) ([]byte, Truth) {
	src := i
	if cp != nil {
		src = cp.of
	}
	r := rand.New(rand.NewPCG(o.Seed, uint64(src)*0x9e3779b97f4a7c15+1))
	sc := scratchPool.Get().(*scratch)
	defer func() { clear(sc.seen); scratchPool.Put(sc) }()
	p := &draft{r: r, src: src, cp: cp, b: buf[:0], seen: sc.seen, arena: sc.arena[:0]}
	defer func() { sc.arena = p.arena }()
	if o.Markdown {
		sc.md.reset(o.Seed, src)
		p.md = &sc.md
	}
	p.t.Path = o.path(i)
	malformed := o.malformedKind(i)
	p.t.Malformed = malformed
	switch malformed {
	case Empty:
		p.t.ExpectError = post.ErrKindEmpty
		return p.b, p.t
	case OnlyPreamble:
		p.t.ExpectError = post.ErrKindOnlyPreamble
		return append(p.b, "|\n| |\n\n"...), p.t
	case Binary:
		p.t.ExpectError = post.ErrKindNotText
		p.b = append(p.b, "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"...)
		for range 64 + r.IntN(512) {
			p.b = append(p.b, byte(r.IntN(256)))
		}
		return p.b, p.t
	}
	p.write(o, i)
	switch malformed {
	case CRLF:
		p.b = []byte(strings.ReplaceAll(string(p.b), "\n", "\r\n"))
	case BOM:
		p.b = append([]byte("\xef\xbb\xbf"), p.b...)
	}
	return p.b, p.t
}

// malformedKind is the malformed kind of post i, or "". Malformed posts are
// spread evenly (post i is malformed when the running count i·rate crosses
// an integer) and cycle through the kinds.
func (o *Options) malformedKind(i int) string {
	lo, hi := int(float64(i)*o.Malformed), int(float64(i+1)*o.Malformed)
	if o.Malformed <= 0 || hi <= lo {
		return ""
	}
	kinds := MalformedKinds
	switch {
	case o.JSONL:
		kinds = []string{BadDate, ScoreOutOfRange, ScoreNotNumeric, UnknownMetaKey, NoMeta, Empty, OnlyPreamble, CRLF}
	case o.Markdown:
		kinds = MarkdownMalformedKinds
	}
	return kinds[lo%len(kinds)]
}

// scratch is what a post needs while it is made and never after: the set of
// used sentences, the arena and a Markdown post's plan. Strings in the arena
// must not outlive the post (the Truth holds none), since the next post
// overwrites it.
type scratch struct {
	seen  map[uint64]struct{}
	arena []byte
	md    mdPost
}

var scratchPool = sync.Pool{New: func() any {
	return &scratch{seen: make(map[uint64]struct{}, 256), arena: make([]byte, 0, 16<<10), md: newMDPost()}
}}

// cat appends parts to the post's arena and returns them as one string, its
// first letter upper-cased. The arena only grows within a post, so earlier
// strings stay valid and unchanged while it is made, and no sentence is an
// allocation of its own.
func (p *draft) cat(parts ...string) string {
	s := p.glue(parts...)
	if s == "" {
		return ""
	}
	start := len(p.arena) - len(s)
	if c := p.arena[start]; 'a' <= c && c <= 'z' {
		p.arena[start] = c - 'a' + 'A'
	}
	return s
}

// glue appends parts to the post's arena and returns them as one string,
// as they are.
func (p *draft) glue(parts ...string) string {
	start := len(p.arena)
	for _, s := range parts {
		p.arena = append(p.arena, s...)
	}
	if len(p.arena) == start {
		return ""
	}
	return unsafe.String(&p.arena[start], len(p.arena)-start)
}

// join is strings.Join(ps, " ") in the arena.
func (p *draft) join(ps []string) string {
	start := len(p.arena)
	for k, s := range ps {
		if k > 0 {
			p.arena = append(p.arena, ' ')
		}
		p.arena = append(p.arena, s...)
	}
	if len(p.arena) == start {
		return ""
	}
	return unsafe.String(&p.arena[start], len(p.arena)-start)
}

func (p *draft) line(s ...string) {
	for _, x := range s {
		p.b = append(p.b, x...)
	}
	p.b = append(p.b, '\n')
}

// sentence makes a new sentence, different from every sentence, heading and
// alt line already in the post (so the truth about repeats is exact).
func (p *draft) sentence() string {
	for {
		// Templates capitalise only the first letter: keyHash lower-cases
		// it, which is all the lower-casing the key needs.
		mark := len(p.arena)
		s := p.template()
		if !p.mark(s) {
			return s
		}
		p.arena = p.arena[:mark] // a used sentence: its bytes are not kept

	}
}

func (p *draft) template() string {
	r := p.r
	pk := p.pick
	if p.dense && r.IntN(3) > 0 {
		switch r.IntN(4) {
		case 0:
			return p.cat(pk(denseAdjectives), " documentation of ", pk(things), " considerably simplifies subsequent ", pk(denseNouns), " investigations, particularly ", pk(times), ", when ", pk(results), ".")
		case 1:
			return p.cat("Organizations that systematically ", pk(actions), " ", pk(things), " generally experience ", pk(denseAdjectives), " improvements in ", pk(denseNouns), " and ", pk(denseNouns), ".")
		case 2:
			return p.cat("Evaluating the ", pk(denseAdjectives), " implications of ", pk(things), " necessitates ", pk(denseAdjectives), " consideration of ", pk(denseNouns), ", ", pk(denseNouns), ", and the ", pk(denseAdjectives), " consequences for ", pk(people), ".")
		default:
			return p.cat("Notwithstanding ", pk(denseAdjectives), " complexity, ", pk(things), " remains ", pk(qualities), " whenever teams prioritize ", pk(denseNouns), " over ", pk(denseNouns), ".")
		}
	}
	switch r.IntN(14) {
	case 0:
		return p.cat(pk(times), ", ", pk(people), " should ", pk(actions), " ", pk(things), " before anything else.")
	case 1:
		return p.cat("If ", pk(things), " feels ", pk(qualities), ", ", pk(actions), " it and write down what changed.")
	case 2:
		return p.cat("Most teams find that ", pk(results), " once they ", pk(actions), " ", pk(things), ".")
	case 3:
		return p.cat("A ", pk(qualities), " ", strings.TrimPrefix(pk(things), "the "), " is usually a sign that nobody has looked at it for a while.")
	case 4:
		return p.cat(pk(people), " will thank you when ", pk(results), ".")
	case 5:
		return p.cat("Keep the notes about ", pk(things), " next to the code, because ", pk(reasons), ".")
	case 6:
		return p.cat("For ", p.problem, " in ", p.stack, ", ", pk(actions), " ", pk(things), " first.")
	case 7:
		return p.cat("We learned to ", pk(actions), " ", pk(things), " ", pk(times), ", and ", pk(results), ".")
	case 8:
		return p.cat("Do not ", pk(actions), " ", pk(things), " and ", pk(things), " in the same change.")
	case 9:
		return p.cat("When ", pk(things), " is ", pk(qualities), ", ask ", pk(people), " to ", pk(actions), " it with you, since ", pk(reasons), ".")
	case 10:
		return p.cat("Nothing about ", pk(things), " is ", pk(qualities), " once you ", pk(actions), " it.")
	case 11:
		return p.cat("Try it ", pk(times), " and see whether ", pk(results), ".")
	case 12:
		return p.cat("The simplest fix for a ", pk(qualities), " ", strings.TrimPrefix(pk(things), "the "), " is to ", pk(actions), " it and stop there.")
	default:
		return p.cat("Because ", pk(reasons), ", ", pk(actions), " ", pk(things), " early.")
	}
}

// keyHash is a 64-bit hash of s with its first byte lower-cased, eight
// bytes a step (a multiply-rotate round and the splitmix64 finaliser). It
// is fixed, so that the corpus is the same on every run; a false "already
// used" would only draw another sentence.
func keyHash(s string) uint64 {
	const k1, k2 = 0x9e3779b97f4a7c15, 0xbf58476d1ce4e5b9
	h := uint64(len(s)) * k1
	lower := uint64(0)
	if len(s) > 0 && 'A' <= s[0] && s[0] <= 'Z' {
		lower = 'a' - 'A'
	}
	for len(s) >= 8 {
		w := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		h = bits.RotateLeft64(h^(w+lower)*k2, 31) * k1
		lower = 0
		s = s[8:]
	}
	var w uint64
	for k := len(s) - 1; k >= 0; k-- {
		w = w<<8 | uint64(s[k])
	}
	h = bits.RotateLeft64(h^(w+lower)*k2, 31) * k1
	h ^= h >> 30
	h *= k2
	h ^= h >> 27
	return h
}

func (p *draft) has(s string) bool {
	_, ok := p.seen[keyHash(s)]
	return ok
}

// mark records s as used and reports whether it already was.
func (p *draft) mark(s string) bool {
	h := keyHash(s)
	if _, ok := p.seen[h]; ok {
		return true
	}
	p.seen[h] = struct{}{}
	return false
}

func (p *draft) unique(s string) string {
	for n := 2; p.has(strings.ToLower(s)); n++ {
		s = strings.TrimRight(s, " 0123456789") + " " + strconv.Itoa(n)
	}
	p.mark(strings.ToLower(s))
	return s
}

type block struct {
	kind  post.BlockKind
	lines []string
}

// write writes a post's body, then its meta: the title, paragraphs with
// repeated sentences copied into them, and headings, images and a
// checklist among them. The random draws come in a fixed order (the same
// seed writes the same post): each step below draws after the one before.
func (p *draft) write(o *Options, i int) {
	r := p.r
	p.problem, p.stack = p.pick(problems), p.pick(stacks)
	p.topic = p.problem + " / " + p.stack
	scenario := p.pick(scenarios)
	p.t.Scenario = scenario
	titles := []string{"production checklist for %s in %s", "a practical guide to %s in %s", "what we learned %s in %s", "notes on %s for %s"}
	title := fmt.Sprintf(titles[r.IntN(len(titles))], p.problem, p.stack)
	p.mark(title)
	p.t.Title = title

	paras := p.paragraphs()
	p.repeat(paras)
	if p.cp != nil {
		p.cp.apply(p, paras)
	}
	l := p.layout(len(paras))
	if p.md != nil {
		p.md.plan(len(paras))
		for k, ps := range paras {
			p.paragraph(k, ps, &l)
		}
		p.finishMarkdown(o, i, scenario)
		return
	}

	p.line("|")
	p.line()
	p.line(title)
	p.line()
	for k, ps := range paras {
		p.paragraph(k, ps, &l)
	}
	if p.t.Malformed == NoMeta {
		p.t.ExpectWarnings = append(p.t.ExpectWarnings, post.WarnNoMeta)
		p.line("Similar Posts")
		return
	}
	p.meta(o, i, scenario)
	p.line()
	p.b = append(p.b, "Similar Posts"...)
}

// paragraphs makes 1-30 paragraphs of 1-7 sentences (1-14 when the post is
// dense) of varied length.
func (p *draft) paragraphs() [][]string {
	r := p.r
	nPara := 1 + r.IntN(30)
	if r.IntN(3) == 0 {
		nPara = 1 + r.IntN(8)
	}
	p.dense = r.IntN(10) < 3
	maxSentences := 7
	if p.dense {
		maxSentences = 14
	}
	paras := make([][]string, nPara)
	for k := range paras {
		n := 1 + r.IntN(maxSentences)
		for range n {
			paras[k] = append(paras[k], p.sentence())
		}
	}
	return paras
}

// repeat copies sentences into random paragraphs: repetition from none to
// heavy.
func (p *draft) repeat(paras [][]string) {
	r := p.r
	nPara := len(paras)
	level := r.IntN(10)
	var nRep, maxCopies int
	switch {
	case level < 5:
	case level < 8:
		nRep, maxCopies = 1+r.IntN(2), 1
	default:
		nRep, maxCopies = 2+r.IntN(4), 4
	}
	all := 0
	for _, ps := range paras {
		all += len(ps)
	}
	nRep = min(nRep, all)
	chosen := map[string]bool{}
	for range nRep {
		k := r.IntN(nPara)
		s := paras[k][r.IntN(len(paras[k]))]
		if chosen[s] {
			continue
		}
		chosen[s] = true
		copies := 1 + r.IntN(maxCopies)
		for range copies {
			j := r.IntN(nPara)
			paras[j] = append(paras[j], s)
		}
		p.t.RepeatedDistinct++
		p.t.RepeatedExtra += copies
	}
}

// layout is where a post's headings, images and checklist go among its
// paragraphs.
type layout struct {
	headAt      map[int]bool // a heading before these paragraphs
	imgAfter    []int        // how many images after each paragraph
	checklistAt int          // the paragraph the checklist follows; -1: none
	nBullets    int
	images      int // images written so far
}

// layout places 0-5 headings splitting the paragraphs, 0-15 images, and
// a checklist in half the posts.
func (p *draft) layout(nPara int) layout {
	r := p.r
	nHead := r.IntN(6)
	if nHead > nPara {
		nHead = nPara
	}
	l := layout{headAt: map[int]bool{}, imgAfter: make([]int, nPara), checklistAt: -1}
	for len(l.headAt) < nHead {
		l.headAt[r.IntN(nPara)] = true
	}
	nImg := r.IntN(16)
	if r.IntN(3) == 0 {
		nImg = r.IntN(3)
	}
	for range nImg {
		l.imgAfter[r.IntN(nPara)]++
	}
	if r.IntN(2) == 0 {
		l.checklistAt = r.IntN(nPara)
		l.nBullets = 2 + r.IntN(6)
	}
	return l
}

// paragraph writes paragraph k with what the layout puts around it: a
// heading before it, images and the checklist after it. A Markdown post
// makes the same draws and writes the same content in its own syntax, with
// its extras after the paragraph (mdParagraph).
func (p *draft) paragraph(k int, ps []string, l *layout) {
	r := p.r
	if l.headAt[k] {
		p.heading("## ", p.unique(p.pick(headingWords)))
	}
	text := p.join(ps)
	if p.t.Malformed == InvalidUTF8 && k == 0 {
		// One bad byte inside a word, well under FORMAT.md's 10%.
		cut := strings.IndexByte(text, ' ')
		text = text[:cut] + "\xff" + text[cut:]
	}
	plain := len(text) // what wrap's draws depend on: the original's, in a copy
	if p.cp != nil {
		plain = p.cp.plain[k]
	}
	if p.md != nil {
		p.mdParagraph(k, plain, text)
	} else {
		p.wrap(plain, text)
		p.line()
	}
	p.t.Paragraphs++
	p.words += strings.Count(text, " ") + 1
	for range l.imgAfter[k] {
		l.images++
		alt := p.unique(fmt.Sprintf("%s with %s visual reference %d", p.problem, p.stack, l.images))
		host := p.pick(hosts)
		withAlt := r.IntN(4) != 0
		switch {
		case p.md != nil:
			p.mdImage(alt, host, l.images, withAlt)
		case withAlt:
			p.line(alt)
			p.line(alt, ". image source: ", host)
		default:
			p.line(alt, ". image source: ", host)
		}
		if !withAlt {
			p.t.ImagesWithoutAlt++
		}
		p.t.Images++
	}
	if l.images > 0 && l.imgAfter[k] > 0 && p.md == nil {
		p.line()
	}
	if k == l.checklistAt {
		p.heading("### ", p.unique("implementation checklist"))
		start := r.IntN(len(checklistItems))
		if p.md != nil {
			p.mdList(start, l.nBullets)
		} else {
			for b := range l.nBullets {
				p.line("  • ", checklistItems[(start+b)%len(checklistItems)])
			}
			p.line()
		}
		p.t.Bullets += l.nBullets
	}
}

// heading writes a heading: its text alone on a line in the export format,
// after the ATX marker in Markdown.
func (p *draft) heading(atx, text string) {
	if p.md != nil {
		p.line(atx, text)
	} else {
		p.line(text)
	}
	p.line()
	p.t.Headings++
}

// wrap writes a paragraph, sometimes over several lines (the parser joins
// them). Whether it does is drawn from the length of the paragraph's own
// text, plain (so that a Markdown post's markup does not change the draws).
// An exact copy in the export format wraps every paragraph at a width of
// its own: only white space differs from its original.
func (p *draft) wrap(plain int, text string) {
	wrapped, width := plain >= 200 && p.r.IntN(3) == 0, 120
	if p.cp != nil && p.cp.width > 0 {
		wrapped, width = true, p.cp.width
	}
	if !wrapped {
		p.line(text)
		return
	}
	for len(text) > width {
		cut := strings.LastIndexByte(text[:width], ' ')
		if cut <= 0 {
			break
		}
		p.line(text[:cut])
		text = text[cut+1:]
	}
	p.line(text)
}

func intp(v int) *int { return &v }

// meta writes the post's meta section (FORMAT.md), in FORMAT.md's order,
// with the malformed kinds that live there.
func (p *draft) meta(o *Options, i int, scenario string) {
	p.outline(scenario)
	p.claims()
	id := p.revision(o, i)
	p.line("reference", fmt.Sprintf("anp-ref-%07d-%04d", i, p.r.IntN(10000)))
	p.flags()
	p.imageSources(i)
	p.payload(o, id, scenario)
	if p.t.Malformed == InvalidUTF8 {
		p.t.ExpectWarnings = append([]string{post.WarnInvalidUTF8}, p.t.ExpectWarnings...)
	}
}

// outline writes the meta's heading, topic, summary, outline, stack, tools,
// code language and difficulty.
func (p *draft) outline(scenario string) {
	p.line("alphanode post meta")
	p.line()
	p.line("topic", p.topic)
	p.line("summary", fmt.Sprintf("this guide explains %s in %s, with emphasis on measurement and safe defaults.", p.problem, p.stack))
	p.line("ai outline")
	p.line("  • context: ", scenario)
	p.line("  • problem: ", p.problem)
	p.line("  • stack: ", p.stack)
	p.line("  • recommended action: measure first, change carefully, document the result")
	p.line("stack")
	p.line("  • ", p.stack)
	p.line("tools")
	for range 1 + p.r.IntN(5) {
		p.line("  • ", p.pick(tools))
	}
	p.line("code language", strings.Fields(p.stack)[0])
	p.line("difficulty", p.pick(difficulties))
}

// claims writes the reading time (sometimes true), the view count and the
// claimed scores (sometimes inflated).
func (p *draft) claims() {
	r, t := p.r, &p.t
	realMinutes := max(1, (p.words+119)/238)
	reading := realMinutes
	if r.IntN(2) == 0 {
		reading = realMinutes + 2 + r.IntN(12)
	}
	t.ClaimedReading = intp(reading)
	p.line("reading time", strconv.Itoa(reading))
	p.line("view count", strconv.Itoa(r.IntN(1000000)))
	q, f, d, c := 30+r.IntN(50), 20+r.IntN(60), 25+r.IntN(50), 35+r.IntN(50)
	if r.IntN(2) == 0 {
		t.ScoresInflated = true
		q, c = min(100, q+25+r.IntN(20)), min(100, c+15+r.IntN(20))
	}
	scoreLine := func(name string, v int) string { return "  • " + name + ": " + strconv.Itoa(v) }
	p.line("score")
	switch t.Malformed {
	case ScoreOutOfRange:
		q = 100 + 1 + r.IntN(200)
		t.ExpectWarnings = append(t.ExpectWarnings, post.WarnScoreOutOfRange)
		p.line(scoreLine("quality", q))
	case ScoreNotNumeric:
		t.ExpectWarnings = append(t.ExpectWarnings, post.WarnBadMetaValue)
		p.line("  • quality: high")
	default:
		p.line(scoreLine("quality", q))
	}
	if t.Malformed != ScoreNotNumeric {
		t.ClaimedQuality = intp(q)
	}
	t.ClaimedFresh, t.ClaimedDepth, t.ClaimedClarity = intp(f), intp(d), intp(c)
	p.line(scoreLine("freshness", f))
	p.line(scoreLine("depth", d))
	p.line(scoreLine("clarity", c))
}

// revision writes the revision: some posts are later revisions of an
// earlier post's id; most were reviewed within three years, some never,
// a few in the future. It returns the post's id.
func (p *draft) revision(o *Options, i int) string {
	r, t := p.r, &p.t
	id, major := postID(o.Seed, p.src), 1
	if p.src > 0 && r.Float64() < revisionRate {
		id, major = postID(o.Seed, max(0, p.src-1-r.IntN(50))), 2+r.IntN(3)
	}
	if p.cp != nil {
		id = postID(o.Seed, i) // a copy is a post of its own, not a revision
	}
	version := fmt.Sprintf("%d.%d.%d", major, r.IntN(12), r.IntN(20))
	t.PostID, t.RevisionVersion = id, version
	p.line("revision")
	p.line("  • status: ", p.pick(statuses))
	p.line("  • version: ", version)
	switch x := r.Float64(); {
	case t.Malformed == BadDate:
		bad := fmt.Sprintf("%d-%02d-%02d", 2024+r.IntN(3), 13+r.IntN(6), 1+r.IntN(28))
		p.line("  • last reviewed: ", bad)
		t.ExpectWarnings = append(t.ExpectWarnings, post.WarnBadMetaValue)
	case x < missingDateRate:
	case x < missingDateRate+futureReviewRate:
		p.reviewed(o, o.AsOf+post.Date(1+r.IntN(200)))
	default:
		p.reviewed(o, o.AsOf-post.Date(r.IntN(3*365)))
	}
	return id
}

// reviewed writes the review date d, or a copy's own date, later than its
// original's d.
func (p *draft) reviewed(o *Options, d post.Date) {
	if p.cp != nil {
		d = p.cp.date
	}
	p.t.LastReviewed = d.String()
	p.line("  • last reviewed: ", p.t.LastReviewed)
	if d > o.AsOf {
		p.t.ExpectWarnings = append(p.t.ExpectWarnings, features.WarnReviewInFuture)
	}
}

// flags writes the flags, and the unknown meta key of that malformed kind.
func (p *draft) flags() {
	r, t := p.r, &p.t
	p.line("flags")
	p.line("  • ai generated style: ", strconv.Itoa(r.IntN(2)))
	p.line("  • has images: ", b01(t.Images > 0))
	p.line("  • image heavy: ", b01(t.Images > 6))
	p.line("  • needs human review: ", strconv.Itoa(r.IntN(2)))
	if t.Malformed == UnknownMetaKey {
		p.line("favourite colour", p.pick([]string{"blue", "green", "teal"}))
		t.ExpectWarnings = append(t.ExpectWarnings, post.WarnUnknownMetaKey)
	}
}

// imageSources lists a source for each image, or for a quarter of the
// posts one or two fewer.
func (p *draft) imageSources(i int) {
	if p.t.Images == 0 {
		return
	}
	p.line("image sources")
	n := p.t.Images
	if p.r.IntN(4) == 0 {
		n = max(0, n-1-p.r.IntN(2))
	}
	for k := range n {
		host := p.pick(hosts)
		p.line("    • source: ", host)
		p.line("    • url: https://", host, "/", strconv.Itoa(i), "/", strconv.Itoa(k+1))
		p.line("    • caption: visual reference ", strconv.Itoa(k+1))
	}
}

// payload writes the payload, with a paragraph count that half the posts
// claim wrongly.
func (p *draft) payload(o *Options, id, scenario string) {
	t := &p.t
	paras := t.Paragraphs
	t.ParasClaimTrue = p.r.IntN(2) == 0
	if !t.ParasClaimTrue {
		paras += []int{-2, -1, 1, 2, 3}[p.r.IntN(5)]
	}
	t.ClaimedParas = intp(paras)
	p.line("payload")
	p.line("  • source id: ", id)
	p.line("  • generator: postscore gen")
	p.line("  • paragraphs: ", strconv.Itoa(paras))
	p.line("  • scenario: ", scenario)
	p.line("  • seed: ", strconv.FormatUint(o.Seed, 10))
}

func b01(b bool) string {
	if b {
		return "1"
	}
	return "0"
}
