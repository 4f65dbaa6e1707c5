package gen

import (
	"github.com/alphanode/postscore/pipeline/dedup"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strings"
	"unsafe"

	"github.com/alphanode/postscore/features"
	"github.com/alphanode/postscore/features/minhash"
	"github.com/alphanode/postscore/features/post"
)

// Planted copies (Options.NearDups). A copy is a post drawn from the random
// stream of an earlier post of the corpus, its original, so that it holds
// the original's title, paragraphs, headings, images and checklist. Its
// meta is its own (post id, reference, image URLs), and its review date is
// later than the original's (undated when the original is), so that the
// duplicate stage's canonical post, the cluster's earliest reviewed, is
// the original. Between the two, what changes is drawn from the copy's own
// stream:
//
//   - an exact copy (exactShare of them) changes only what normalisation
//     removes (minhash's simplify_text): the case of some words' first
//     letters, some sentences' final '.' made '!', and in the export format
//     where its paragraphs' lines wrap;
//   - a near copy edits the original's sentences: reworded (one to three
//     words replaced), dropped, added or moved, as many edits as bring the
//     Jaccard similarity of its shingles and the original's down to a
//     target drawn from [minTarget, 1) (a short post's one edit may take
//     it lower).
//
// Which posts are copies, and of which post, is a pure function of the
// seed and the index (copyOf), and a copy makes its original again from
// the original's index: the corpus stays streamed, one post at a time. The
// truth records each copy's original and the Jaccard similarity of the two
// posts' shingle sets, read by the real parser from the bytes written and
// shingled as postscore signs them (features.BodyText, minhash.Shingles).

// Kinds of planted copies (Duplicate.Kind): duplicates.parquet's match
// values for them.
const (
	ExactCopy = string(dedup.Exact)
	NearCopy  = string(dedup.Near)
)

const (
	exactShare = 0.2        // of the copies, the exact ones
	minTarget  = 0.5        // near copies aim at a Jaccard drawn from [minTarget, 1)
	copyStream = 0x636f7079 // "copy": the copies' streams, apart from the posts'
)

// Duplicate is the truth about a planted copy.
type Duplicate struct {
	Of      string  `json:"of"`                // the original, as Truth.Path names posts
	OfLine  int     `json:"of_line,omitempty"` // JSONL: the original's line in Of (1-based)
	Kind    string  `json:"kind"`              // ExactCopy or NearCopy
	Jaccard float64 `json:"jaccard"`           // of the two posts' body texts' shingle sets
	// A near copy's edits: how many in all per sentence of the original,
	// and how many of each kind.
	Edited    float64 `json:"edited,omitempty"`
	Reworded  int     `json:"reworded,omitempty"`
	Dropped   int     `json:"dropped,omitempty"`
	Added     int     `json:"added,omitempty"`
	Reordered int     `json:"reordered,omitempty"`

	of int // the original's index
}

// copyOf returns the original of post i when i is a planted copy. A post
// that is not malformed is a copy by the odds copyRate, of an earlier post
// drawn uniformly; that post's own original when it is a copy itself, and
// the nearest earlier one that is not malformed when it is malformed. So
// every original is a post of its own, and every copy finds one.
func (o *Options) copyOf(i int) (int, bool) {
	if o.NearDups <= 0 || i == 0 || o.malformedKind(i) != "" {
		return 0, false
	}
	r := rand.New(rand.NewPCG(o.Seed^copyStream, uint64(i)*0x9e3779b97f4a7c15+1))
	if r.Float64() >= o.copyRate() {
		return 0, false
	}
	for j := r.IntN(i); j >= 0; j-- {
		if o.malformedKind(j) != "" {
			continue
		}
		if k, ok := o.copyOf(j); ok {
			return k, true
		}
		return j, true
	}
	return 0, false
}

// copyRate is the odds that a post that is not malformed is a copy: those
// that make NearDups of all posts.
func (o *Options) copyRate() float64 {
	if o.Malformed >= 1 {
		return 0
	}
	return o.NearDups / (1 - o.Malformed)
}

// generateCopy writes post i, a copy of post of, into buf, with its truth.
func generateCopy(o *Options, i, of int, buf []byte) ([]byte, Truth) {
	orig, ot := generate(o, of, nil, nil)
	cp := newCopyPlan(o, i, of, ot)
	data, t := generate(o, i, buf, cp)
	cp.dup.Jaccard = minhash.Jaccard(bodyShingles(o, orig), bodyShingles(o, data))
	t.Duplicate = &cp.dup
	return data, t
}

// bodyShingles is the shingle set of a generated post's body text, as
// postscore reads and signs it.
func bodyShingles(o *Options, data []byte) map[string]struct{} {
	parse := post.Parse
	if o.Markdown {
		parse = post.ParseMarkdown
	}
	p, err := parse(data)
	if err != nil {
		return nil // not reached: copies and originals are never malformed
	}
	return minhash.Shingles(features.BodyText(p), minhash.DefaultParams.ShingleWords)
}

// copyPlan is what makes post i a copy of its original.
type copyPlan struct {
	of     int        // the original's index
	r      *rand.Rand // the copy's own draws
	exact  bool
	target float64   // a near copy's Jaccard to aim at
	date   post.Date // the review date, when the original has one
	width  int       // an exact copy in the export format: the width its lines wrap at
	plain  []int     // each paragraph's length in the original: wrap draws by it
	dup    Duplicate
}

// newCopyPlan draws the plan of copy i of post of, whose truth is orig.
func newCopyPlan(o *Options, i, of int, orig Truth) *copyPlan {
	r := rand.New(rand.NewPCG(o.Seed^copyStream, uint64(i)*0x9e3779b97f4a7c15+2))
	cp := &copyPlan{of: of, r: r, exact: r.Float64() < exactShare, target: minTarget + (1-minTarget)*r.Float64()}
	cp.dup = Duplicate{Of: o.path(of), Kind: NearCopy, of: of}
	if cp.exact {
		cp.dup.Kind = ExactCopy
		if !o.Markdown {
			cp.width = 60 + r.IntN(61)
		}
	}
	if d, err := post.ParseDate(orig.LastReviewed); err == nil {
		cp.date = later(r, d, o.AsOf)
	}
	return cp
}

// later is a date after d: up to asOf, or within a month when d is not
// before it.
func later(r *rand.Rand, d, asOf post.Date) post.Date {
	if d < asOf {
		return d + 1 + post.Date(r.IntN(int(asOf-d)))
	}
	return d + 1 + post.Date(r.IntN(30))
}

// apply changes the original's paragraphs into the copy's, and recounts
// the repeated sentences.
func (cp *copyPlan) apply(p *draft, paras [][]string) {
	cp.plain = make([]int, len(paras))
	for k, ps := range paras {
		cp.plain[k] = len(ps) - 1
		for _, s := range ps {
			cp.plain[k] += len(s)
		}
	}
	if cp.exact {
		cp.disguise(paras)
	} else {
		cp.edit(p, paras)
	}
	p.t.RepeatedDistinct, p.t.RepeatedExtra = countRepeats(paras)
}

// countRepeats counts the sentences that occur more than once, and their
// occurrences after the first, normalised as the repetition pass
// normalises them (lower-cased, without the final . ! or ?).
func countRepeats(paras [][]string) (distinct, extra int) {
	seen := map[string]int{}
	for _, ps := range paras {
		for _, s := range ps {
			seen[strings.ToLower(strings.TrimRight(s, ".!?"))]++
		}
	}
	for _, n := range seen {
		if n > 1 {
			distinct++
			extra += n - 1
		}
	}
	return distinct, extra
}

// disguise makes an exact copy's sentences: each changed by a function of
// its text, so that a repeated sentence stays the same in each place.
func (cp *copyPlan) disguise(paras [][]string) {
	salt := cp.r.Uint64()
	for _, ps := range paras {
		for m, s := range ps {
			ps[m] = disguised(s, (keyHash(s)^salt)*0x9e3779b97f4a7c15)
		}
	}
}

// disguised is s with changes that normalisation removes, chosen by h: in
// a third of the sentences one word's first letter's case flipped, in a
// quarter the final '.' made '!'.
func disguised(s string, h uint64) string {
	if h>>62 == 0 && strings.HasSuffix(s, ".") {
		s = s[:len(s)-1] + "!"
	}
	if (h>>32)%3 == 0 {
		at := wordStart(s, int(h%uint64(strings.Count(s, " ")+1)))
		switch c := s[at]; {
		case 'a' <= c && c <= 'z':
			s = s[:at] + string(c-'a'+'A') + s[at+1:]
		case 'A' <= c && c <= 'Z':
			s = s[:at] + string(c-'A'+'a') + s[at+1:]
		}
	}
	return s
}

// Kinds of edits to a near copy's sentences.
const (
	reword = iota
	drop
	add
	move
)

// anEdit is one edit of a near copy: its kind, the seed of its draws
// (which sentence, where to, which words) and, to add, the sentence.
type anEdit struct {
	kind int
	seed uint64
	text string
}

// edit makes a near copy's sentences: of a planned run of edits, the
// fewest from the start whose result's Jaccard similarity with the
// original is at most the target, found by bisection (the similarity falls
// as edits accumulate). The similarity here is of the sentences' word
// shingles, hashed: near the body text's, which also holds the headings
// and checklist the two share.
func (cp *copyPlan) edit(p *draft, paras [][]string) {
	total := 0
	for _, ps := range paras {
		total += len(ps)
	}
	edits := cp.planEdits(p, 2*total+2)
	orig := shingleHashes(paras)
	lo, hi := 1, len(edits)
	for lo < hi {
		mid := (lo + hi) / 2
		ed, _ := applyEdits(paras, edits[:mid])
		if hashedJaccard(orig, shingleHashes(ed)) <= cp.target {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	ed, done := applyEdits(paras, edits[:lo])
	copy(paras, ed)
	d := &cp.dup
	d.Edited = float64(lo) / float64(total)
	d.Reworded, d.Dropped, d.Added, d.Reordered = done[reword], done[drop], done[add], done[move]
}

// planEdits draws n edits: two fifths rewordings, a fifth each drops,
// additions and moves. The sentences to add are made now, from the copy's
// draws, new to the post like all of its sentences.
func (cp *copyPlan) planEdits(p *draft, n int) []anEdit {
	edits := make([]anEdit, n)
	for k := range edits {
		e := &edits[k]
		e.kind = max(0, cp.r.IntN(5)-1) // 0, 0, 1, 2, 3
		e.seed = cp.r.Uint64()
		if e.kind == add {
			saved := p.r
			p.r = cp.r
			e.text = p.sentence()
			p.r = saved
		}
	}
	return edits
}

// applyEdits returns paras with edits made, on copies of its paragraphs,
// and how many of each kind were made: a drop or a move that finds no
// paragraph of two sentences rewords instead.
func applyEdits(paras [][]string, edits []anEdit) ([][]string, [4]int) {
	out := make([][]string, len(paras))
	for k, ps := range paras {
		out[k] = slices.Clone(ps)
	}
	var done [4]int
	for _, e := range edits {
		d := draws(e.seed)
		kind := e.kind
		switch {
		case kind == add:
			k := d.intn(len(out))
			out[k] = slices.Insert(out[k], d.intn(len(out[k])+1), e.text)
		case kind == drop && dropSentence(out, &d):
		case kind == move && moveSentence(out, &d):
		default:
			kind = reword
			rewordSentence(out, &d)
		}
		done[kind]++
	}
	return out, done
}

// draws is a splitmix64 stream: an edit's draws, made again each time the
// edit is.
type draws uint64

func (d *draws) next() uint64 {
	*d += 0x9e3779b97f4a7c15
	z := uint64(*d)
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

func (d *draws) intn(n int) int { return int(d.next() % uint64(n)) }

// pickSentence draws a sentence (paragraph k, sentence m) among those of
// paragraphs of at least least sentences; ok is false when there is none.
func pickSentence(paras [][]string, least int, d *draws) (k, m int, ok bool) {
	n := 0
	for _, ps := range paras {
		if len(ps) >= least {
			n += len(ps)
		}
	}
	if n == 0 {
		return 0, 0, false
	}
	at := d.intn(n)
	for k, ps := range paras {
		if len(ps) < least {
			continue
		}
		if at < len(ps) {
			return k, at, true
		}
		at -= len(ps)
	}
	panic("not reached")
}

// rewordSentence replaces one to three words of a sentence with others.
func rewordSentence(paras [][]string, d *draws) {
	k, m, _ := pickSentence(paras, 1, d)
	words := strings.Split(paras[k][m], " ")
	for range 1 + d.intn(3) {
		w := d.intn(len(words))
		words[w] = swapWord(words[w], d.intn(len(swapWords)), w == 0)
	}
	paras[k][m] = strings.Join(words, " ")
}

// swapWord is swapWords[n] (or the next, when it is old's word) in place
// of word old, with old's trailing punctuation, capitalised when first.
func swapWord(old string, n int, first bool) string {
	core := strings.TrimRight(old, ".,!?")
	w := swapWords[n]
	if strings.EqualFold(w, core) {
		w = swapWords[(n+1)%len(swapWords)]
	}
	if first {
		w = strings.ToUpper(w[:1]) + w[1:]
	}
	return w + old[len(core):]
}

// dropSentence drops a sentence of a paragraph of two or more.
func dropSentence(paras [][]string, d *draws) bool {
	k, m, ok := pickSentence(paras, 2, d)
	if ok {
		paras[k] = slices.Delete(paras[k], m, m+1)
	}
	return ok
}

// moveSentence moves a sentence of a paragraph of two or more elsewhere:
// into another paragraph, or to another place in its own.
func moveSentence(paras [][]string, d *draws) bool {
	k, m, ok := pickSentence(paras, 2, d)
	if !ok {
		return false
	}
	s := paras[k][m]
	paras[k] = slices.Delete(paras[k], m, m+1)
	to := d.intn(len(paras))
	at := d.intn(len(paras[to]) + 1)
	if to == k && at == m {
		at = (at + 1) % (len(paras[to]) + 1)
	}
	paras[to] = slices.Insert(paras[to], at, s)
	return true
}

// shingleHashes is the set of hashed shingles of the sentences read as one
// run of words, sorted: shingles of minhash.DefaultParams' words, each word
// lower-cased without what is not a letter or digit.
func shingleHashes(paras [][]string) []uint64 {
	var hs []uint64
	var w []byte
	for _, ps := range paras {
		for _, s := range ps {
			for f := range strings.FieldsSeq(s) {
				w = w[:0]
				for i := range len(f) {
					switch c := f[i]; {
					case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
						w = append(w, c)
					case 'A' <= c && c <= 'Z':
						w = append(w, c-'A'+'a')
					}
				}
				if len(w) > 0 {
					hs = append(hs, keyHash(unsafe.String(&w[0], len(w))))
				}
			}
		}
	}
	n := min(minhash.DefaultParams.ShingleWords, len(hs))
	set := make([]uint64, 0, len(hs))
	for first := 0; first+n <= len(hs) && n > 0; first++ {
		h := uint64(0)
		for _, x := range hs[first : first+n] {
			h = bits.RotateLeft64(h^x, 23) * 0x9e3779b97f4a7c15
		}
		set = append(set, h)
	}
	slices.Sort(set)
	return slices.Compact(set)
}

// hashedJaccard is |a∩b| / |a∪b| of two sorted sets (0 when both are
// empty).
func hashedJaccard(a, b []uint64) float64 {
	both := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			both++
			i++
			j++
		}
	}
	if union := len(a) + len(b) - both; union > 0 {
		return float64(both) / float64(union)
	}
	return 0
}
