package pool

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestDrain hands in shuffled numbers from 5 on, with 12 missing: the
// values up to 11 come out in order, those after the gap never do.
func TestDrain(t *testing.T) {
	var nums []int64
	for n := int64(5); n < 40; n++ {
		if n != 12 {
			nums = append(nums, n)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	r.Shuffle(len(nums), func(i, j int) { nums[i], nums[j] = nums[j], nums[i] })
	in := make(chan numbered[int64], len(nums))
	for _, n := range nums {
		in <- numbered[int64]{n, n}
	}
	close(in)
	var got []int64
	drain(in, 5, func(n int64) { got = append(got, n) })
	if want := []int64{5, 6, 7, 8, 9, 10, 11}; !slices.Equal(got, want) {
		t.Fatalf("emitted %v, want %v", got, want)
	}
}

// feedInts puts 0 … n-1.
func feedInts(n int) func(context.Context, func(int) error) error {
	return func(_ context.Context, put func(int) error) error {
		for i := range n {
			if err := put(i); err != nil {
				return err
			}
		}
		return nil
	}
}

// TestRunKeepsOrder: workers that take a random time each hand their
// results back in the order of the items, and no more than InFlight items
// are between put and consume at once.
func TestRunKeepsOrder(t *testing.T) {
	var inFlight, worst atomic.Int64
	p := Pool[int, int]{Workers: 4, InFlight: 8, Ready: 2, NewWorker: func() func(int) int {
		r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
		return func(i int) int {
			n := inFlight.Add(1)
			for w := worst.Load(); n > w && !worst.CompareAndSwap(w, n); w = worst.Load() {
			}
			time.Sleep(time.Duration(r.IntN(200)) * time.Microsecond)
			return i * i
		}
	}}
	var got []int
	err := p.Run(context.Background(), feedInts(500), func(r int) error {
		inFlight.Add(-1)
		got = append(got, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range got {
		if r != i*i {
			t.Fatalf("result %d is %d, want %d", i, r, i*i)
		}
	}
	if len(got) != 500 {
		t.Fatalf("%d results, want 500", len(got))
	}
	if w := worst.Load(); w > int64(p.InFlight+p.Ready+1) {
		t.Fatalf("%d items in flight at once, over %d", w, p.InFlight+p.Ready+1)
	}
}

// TestRunStops: consume's error stops the pool and is returned; so is the
// feed's; results after a failed consume are not consumed.
func TestRunStops(t *testing.T) {
	double := func() func(int) int { return func(i int) int { return 2 * i } }
	p := Pool[int, int]{Workers: 3, InFlight: 6, Ready: 2, NewWorker: double}
	boom := errors.New("boom")
	consumed := 0
	err := p.Run(context.Background(), feedInts(1_000_000), func(r int) error {
		consumed++
		if r == 20 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) || consumed != 11 {
		t.Fatalf("Run = %v after %d results, want boom after 11", err, consumed)
	}
	bad := errors.New("bad feed")
	err = p.Run(context.Background(), func(ctx context.Context, put func(int) error) error {
		put(1)
		return bad
	}, func(int) error { return nil })
	if !errors.Is(err, bad) {
		t.Fatalf("Run = %v, want the feed's error", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	err = p.Run(ctx, feedInts(1_000_000), func(r int) error {
		if r == 10 {
			cancel()
		}
		return nil
	})
	if err != nil || ctx.Err() == nil {
		t.Fatalf("Run = %v after its context was cancelled, want nil", err)
	}
}

// TestBudget: results waiting for the writer never hold more than the
// budget, except one result larger than all of it, which passes alone.
func TestBudget(t *testing.T) {
	b := NewBudget(100)
	b.Acquire(250) // larger than the budget: let through when nothing is held
	b.Release(250)
	var wg sync.WaitGroup
	var mu sync.Mutex
	worst := int64(0)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 2000 {
				n := int64((g*7+i*13)%60 + 1)
				if i%500 == 0 {
					n = 150 // oversize now and then
				}
				b.Acquire(n)
				b.mu.Lock()
				used := b.used
				b.mu.Unlock()
				if used > b.max && used != n {
					mu.Lock()
					worst = max(worst, used)
					mu.Unlock()
				}
				b.Release(n)
			}
		}()
	}
	wg.Wait()
	if worst > 0 {
		t.Fatalf("%d bytes held at once, over the budget of %d", worst, b.max)
	}
	if b.used != 0 {
		t.Fatalf("%d bytes still held after every release", b.used)
	}
}
