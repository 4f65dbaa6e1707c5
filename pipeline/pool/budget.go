package pool

import (
	"math"
	"sync"
)

// Budget bounds the bytes held by something kept in memory while it waits
// or is worked on: the jobs waiting for a worker, the results waiting for
// consume, the posts being measured. One holder is always let through,
// however large, so that the work goes on.
type Budget struct {
	mu        sync.Mutex
	freed     sync.Cond
	used, max int64
}

// NewBudget returns a budget of max bytes; max <= 0 bounds nothing.
func NewBudget(max int64) *Budget {
	if max <= 0 {
		max = math.MaxInt64
	}
	b := &Budget{max: max}
	b.freed.L = &b.mu
	return b
}

// Acquire waits until n more bytes fit (or none are held).
func (b *Budget) Acquire(n int64) {
	b.mu.Lock()
	for b.used > 0 && b.used+n > b.max {
		b.freed.Wait()
	}
	b.used += n
	b.mu.Unlock()
}

// Release gives back n bytes that Acquire took.
func (b *Budget) Release(n int64) {
	b.mu.Lock()
	b.used -= n
	b.mu.Unlock()
	// Every waiter checks again: the one Signal would wake may still not
	// fit while a smaller one behind it would (TestBudgetWakesWhoFits).
	b.freed.Broadcast()
}

// Unblock lets every Acquire through from now on (the work is stopping).
func (b *Budget) Unblock() {
	b.mu.Lock()
	b.max = math.MaxInt64
	b.mu.Unlock()
	b.freed.Broadcast()
}
