package pipeline

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/alphanode/postscore/features"
	"github.com/alphanode/postscore/features/minhash"
	"github.com/alphanode/postscore/features/post"
	"github.com/alphanode/postscore/features/text"
	"github.com/alphanode/postscore/pipeline/dedup"
)

// SentenceClusters is how many of the largest clusters get a pair of
// differing sentences (each costs two posts read again from the corpus), and
// how many the reports list.
const SentenceClusters = 10

// textSource reads again the sentences of the wanted posts, by doc path,
// each only if its body's text hash is still the one wanted (the post that
// was scored); a post it cannot read, or that changed, is left out. It fails
// only when the run is interrupted.
type textSource func(wanted map[string]uint64) (map[string][]string, error)

// corpusSentences is the textSource of a run's corpus: it walks the corpus
// as the run did (its listing again; JSONL and Parquet files up to the
// wanted lines) and parses the wanted posts again.
func corpusSentences(ctx context.Context, opts Options) textSource {
	return func(wanted map[string]uint64) (map[string][]string, error) {
		opts.shard = nil
		f := newFeed(opts, nil, nil)
		w := &worker{ctx: ctx, maxBytes: opts.MaxBytes, docOpts: docOptions{TextField: opts.TextField, IDField: opts.IDField}}
		found := map[string][]string{}
		errFound := errors.New("found every post")
		_ = f.walk(ctx, func(in Input) error { // a walk that fails leaves the posts not found without sentences
			hash, ok := wanted[in.DocPath]
			if !ok {
				return nil
			}
			if p := w.reparse(in, opts.MaxBytes); p != nil && minhash.TextHash(features.BodyText(p)) == hash {
				found[in.DocPath] = sentencesOf(p)
			}
			if len(found) == len(wanted) {
				return errFound
			}
			return nil
		})
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%w while the near-duplicates' sentences were read", ErrInterrupted)
		}
		return found, nil
	}
}

// reparse reads and parses the input again; nil if it no longer can.
func (w *worker) reparse(in Input, maxBytes int64) *post.Post {
	doc, rerr := w.read(in)
	if rerr != nil {
		return nil
	}
	p, err := parseDoc(doc.Format, doc.Data, MaxMarkdownBytes(maxBytes))
	if err != nil {
		return nil
	}
	return p
}

// sentencesOf is p's sentences: the fragments of 3 or more words (textstat's
// rule) of its text blocks.
func sentencesOf(p *post.Post) []string {
	var out []string
	add := func(t string) {
		text.ForEachFragment(t, func(frag string, _ int) {
			if frag = strings.TrimSpace(frag); text.CountWords(frag) >= 3 {
				out = append(out, frag)
			}
		})
	}
	if p.PlainText {
		add(p.Text)
		return out
	}
	for _, b := range p.Blocks {
		if b.Kind != post.Image {
			add(b.Text)
		}
	}
	return out
}

// sentencePair is what differs between a post and its canonical post.
type sentencePair struct{ sentence, canonical *string }

// differingSentences finds, for the least similar near post of each of the
// SentenceClusters largest clusters, a sentence it has that the canonical
// post lacks and the canonical post's most alike sentence, reading the
// posts with texts. It returns them by the post's input index.
func differingSentences(corpus *dedup.Corpus, clusters []dedup.Cluster, names map[int]postName, texts textSource) (map[int]sentencePair, error) {
	pairs := map[int]sentencePair{}
	if texts == nil {
		return pairs, nil
	}
	type pick struct{ post, canonical int }
	var picks []pick
	for _, k := range largestClusters(clusters) {
		if m, ok := leastSimilarNear(&clusters[k]); ok {
			picks = append(picks, pick{m, clusters[k].Canonical})
		}
	}
	wanted := map[string]uint64{}
	for _, pk := range picks {
		wanted[names[pk.post].docPath] = corpus.TextHash(pk.post)
		wanted[names[pk.canonical].docPath] = corpus.TextHash(pk.canonical)
	}
	if len(wanted) == 0 {
		return pairs, nil
	}
	sentences, err := texts(wanted)
	if err != nil {
		return nil, err
	}
	for _, pk := range picks {
		s, c := differingPair(sentences[names[pk.post].docPath], sentences[names[pk.canonical].docPath])
		pairs[pk.post] = sentencePair{s, c}
	}
	return pairs, nil
}

// largestClusters is the indices of the SentenceClusters largest clusters
// (the first among equals).
func largestClusters(clusters []dedup.Cluster) []int {
	order := make([]int, len(clusters))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(len(clusters[b].Members), len(clusters[a].Members)) })
	return order[:min(len(order), SentenceClusters)]
}

// leastSimilarNear is the input index of cl's least similar near post.
func leastSimilarNear(cl *dedup.Cluster) (post int, ok bool) {
	least := 2.0
	for _, m := range cl.Members {
		if m.Match == dedup.Near && m.Similarity < least {
			post, least, ok = m.Index, m.Similarity, true
		}
	}
	return post, ok
}

// differingPair is the first of post's sentences that canonical lacks (by
// their normalised words), and canonical's sentence that shares the most of
// its words (nil when none shares any).
func differingPair(post, canonical []string) (sentence, canonicalSentence *string) {
	have := map[string]bool{}
	for _, s := range canonical {
		have[minhash.Simplify(s)] = true
	}
	for _, s := range post {
		if have[minhash.Simplify(s)] {
			continue
		}
		sentence = &s
		best := 0.0
		for _, c := range canonical {
			if j := wordJaccard(s, c); j > best {
				best, canonicalSentence = j, &c
			}
		}
		return sentence, canonicalSentence
	}
	return nil, nil
}

// wordJaccard is the Jaccard similarity of a's and b's normalised words.
func wordJaccard(a, b string) float64 {
	return minhash.Jaccard(minhash.Shingles(a, 1), minhash.Shingles(b, 1))
}
