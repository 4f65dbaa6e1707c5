package dedup

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/alphanode/postscore/features/minhash"
)

// smallParams: 16 bins, the first 8 in two bands of 4.
var smallParams = minhash.Params{ShingleWords: 5, Bins: 16, Bands: 2, Rows: 4, Threshold: 0.8}

func randomSig(rng *rand.Rand, bins int) []byte {
	sig := make([]byte, bins)
	for i := range sig {
		sig[i] = byte(rng.IntN(256))
	}
	return sig
}

// withChanged is sig with the bins at the given indices changed.
func withChanged(sig []byte, bins ...int) []byte {
	out := append([]byte(nil), sig...)
	for _, b := range bins {
		out[b]++
	}
	return out
}

// TestFindHandWorked: estimates by hand, (p − 1/256)/(1 − 1/256) for a share
// p of equal bins: 15 of 16 is 0.937, 11 of 16 is 0.686.
func TestFindHandWorked(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	a, b := randomSig(rng, 16), randomSig(rng, 16)
	c := NewCorpus(16, 0)
	c.Add(a, 1, 20000)                                  // 0
	c.Add(withChanged(a, 9), 2, NoDate)                 // 1: 15 of 16 bins equal to 0's, same bands
	c.Add(b, 3, NoDate)                                 // 2
	c.Add(a, 1, 19000)                                  // 3: an exact copy of 0, earlier
	c.Add(nil, 0, NoDate)                               // 4: no words
	c.Add(withChanged(a, 8, 10, 11, 12, 13), 5, NoDate) // 5: 11 of 16: under 0.8
	c.Add(b, 3, NoDate)                                 // 6: an exact copy of 2
	c.Add(nil, 0, NoDate)                               // 7: no words, not a copy of 4
	got := Find(c, smallParams)
	want := "[{3 earliest_date [{0 exact 1.000} {1 near 0.937} {3 canonical 1.000}]} {2 input_order [{2 canonical 1.000} {6 exact 1.000}]}]"
	if s := describeClusters(got); s != want {
		t.Errorf("clusters\n got %s\nwant %s", s, want)
	}
}

func describeClusters(cls []Cluster) string {
	s := "["
	for k, cl := range cls {
		if k > 0 {
			s += " "
		}
		s += fmt.Sprintf("{%d %s [", cl.Canonical, cl.Rule)
		for j, m := range cl.Members {
			if j > 0 {
				s += " "
			}
			s += fmt.Sprintf("{%d %s %.3f}", m.Index, m.Match, m.Similarity)
		}
		s += "]}"
	}
	return s + "]"
}

// TestFindChain: a chain of posts each a small edit of the one before is
// one cluster, though its ends are not alike.
func TestFindChain(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	sig := randomSig(rng, 16)
	c := NewCorpus(16, 0)
	for i := range 6 {
		c.Add(sig, uint64(i+1), NoDate)
		sig = withChanged(sig, 8+i) // one bin outside the bands each time
	}
	got := Find(c, smallParams)
	if len(got) != 1 || len(got[0].Members) != 6 {
		t.Fatalf("got %s, want one cluster of 6", describeClusters(got))
	}
	if last := got[0].Members[5]; last.Similarity > 0.7 {
		t.Errorf("the chain's last post is %.3f like the first, want under 0.7 (10 of 16 bins)", last.Similarity)
	}
}

// TestFindBounded: 100,000 copies of one text, 100,000 near-copies in one
// bucket of every band, and 100,000 posts alike in nothing each take well
// under a second: no bucket makes its pairs.
func TestFindBounded(t *testing.T) {
	const n = 100_000
	p := minhash.DefaultParams
	rng := rand.New(rand.NewPCG(3, 3))
	base := randomSig(rng, p.Bins)
	cases := map[string]func(i int) ([]byte, uint64){
		"exact copies": func(int) ([]byte, uint64) { return base, 7 },
		"near copies": func(i int) ([]byte, uint64) {
			return withChanged(base, p.Bands*p.Rows+i%(p.Bins-p.Bands*p.Rows)), uint64(i + 1)
		},
		"nothing alike": func(i int) ([]byte, uint64) { return randomSig(rng, p.Bins), uint64(i + 1) },
	}
	wantClusters := map[string]int{"exact copies": 1, "near copies": 1, "nothing alike": 0}
	for name, post := range cases {
		c := NewCorpus(p.Bins, n)
		for i := range n {
			sig, h := post(i)
			c.Add(sig, h, NoDate)
		}
		start := time.Now()
		got := Find(c, p)
		took := time.Since(start)
		t.Logf("%s: %d clusters in %v", name, len(got), took)
		if len(got) != wantClusters[name] || (len(got) == 1 && len(got[0].Members) != n) {
			t.Errorf("%s: %d clusters, want %d of all %d posts", name, len(got), wantClusters[name], n)
		}
	}
}

// TestFindFromTexts: signatures of real texts; an edited copy joins its
// original and an unrelated text stays out.
func TestFindFromTexts(t *testing.T) {
	s := minhash.NewSigner(minhash.DefaultParams)
	rng := rand.New(rand.NewPCG(4, 4))
	words := make([]string, 400)
	for i := range words {
		words[i] = fmt.Sprintf("word%c%c", 'a'+rng.IntN(26), 'a'+rng.IntN(26))
	}
	text := fmt.Sprint(words)
	edited := fmt.Sprint(append(append([]string{}, words[:390]...), "new", "ending"))
	shuffled := append([]string{}, words...)
	rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	other := fmt.Sprint(shuffled)
	c := NewCorpus(minhash.DefaultParams.Bins, 3)
	for _, tx := range []string{text, other, edited} {
		sig := s.Sign(tx)
		c.Add(sig.Bins, sig.TextHash, NoDate)
	}
	got := Find(c, minhash.DefaultParams)
	if len(got) != 1 || len(got[0].Members) != 2 || got[0].Members[1].Index != 2 {
		t.Fatalf("got %s, want posts 0 and 2 in one cluster", describeClusters(got))
	}
}
