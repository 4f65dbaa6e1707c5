// Package pool runs one function over a stream of items on several
// goroutines and hands the results back in the order the items came in: a
// scoring run's rows and gen's files are written in input order, whatever
// order the workers finish them in.
//
// The goroutines, and the queues between them:
//
//	feed ──jobs──► Workers × work ──results──► orderer ──ready──► consume
//	(its own)      (one goroutine each)         (its own)          (Run's caller)
//
// The feed puts items; each worker takes the next one and hands in its
// result; the orderer holds the results that are done before their turn and
// passes the others on, in order, to consume, which runs on the goroutine
// that called Run. Memory is bounded by what is in flight, never by the
// length of the stream: at most InFlight items between put and the ready
// queue, Ready results waiting in that queue, and, where sizes are given,
// JobBytes of jobs not yet worked on and ResultBytes of results waiting for
// consume.
package pool

import (
	"context"
	"errors"
	"sync"
)

// ErrStopped is what put returns once the pool is stopping (its context is
// done, or consume failed): the feed should return it, or any error, and
// Run does not report it.
var ErrStopped = errors.New("pool stopped")

// Pool says how many workers run and how much may be in flight.
type Pool[J, R any] struct {
	Workers int
	// InFlight bounds the items put and not yet in the ready queue: those
	// waiting for a worker, being worked on, and done but waiting for their
	// turn. The queues to and from the workers hold as many, so that a
	// worker never waits for the feed or the orderer between two items.
	InFlight int
	// Ready is how many results, in order, may wait for consume.
	Ready int
	// JobSize and JobBytes, when set, bound the bytes held by the jobs put
	// and not yet worked on; ResultSize and ResultBytes those held by the
	// results waiting for consume. One item is always let through, however
	// large.
	JobSize     func(J) int64
	JobBytes    int64
	ResultSize  func(R) int64
	ResultBytes int64
	// NewWorker makes one worker's function, once per worker goroutine, so
	// that a worker can keep state of its own (buffers) from item to item.
	NewWorker func() func(J) R
}

// numbered is an item or a result with its place in the stream.
type numbered[T any] struct {
	seq int64
	v   T
}

// Run calls feed, on a goroutine of its own, with a put that hands it items
// in order, runs the workers on them, and calls consume with each result in
// the order of the items. When consume returns an error, or feed does, the
// pool stops: put returns ErrStopped, the workers finish the item they hold,
// and the results still to come are dropped. Run returns once every
// goroutine has ended, with consume's error, else feed's; an error feed
// returns after the pool began to stop (ctx done, or consume failed) is not
// reported: what stopped it says why. Run does not report ctx's end
// itself: the caller asks ctx.
func (p *Pool[J, R]) Run(ctx context.Context, feed func(ctx context.Context, put func(J) error) error, consume func(R) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	window := make(chan struct{}, p.InFlight)
	jobBytes, resultBytes := NewBudget(p.JobBytes), NewBudget(p.ResultBytes)
	context.AfterFunc(ctx, jobBytes.Unblock)

	jobs := make(chan numbered[J], p.InFlight)
	feedErr := make(chan error, 1)
	go func() {
		defer close(jobs)
		feedErr <- p.feed(ctx, cancel, feed, window, jobBytes, jobs)
	}()
	results := make(chan numbered[R], p.InFlight)
	var workers sync.WaitGroup
	for range p.Workers {
		workers.Go(func() { p.work(ctx, jobs, results, jobBytes) })
	}
	go func() { workers.Wait(); close(results) }()
	ready := make(chan R, p.Ready)
	go func() {
		defer close(ready)
		drain(results, 0, func(r R) {
			resultBytes.Acquire(size(p.ResultSize, r))
			<-window
			ready <- r
		})
	}()

	var consumeErr error
	for r := range ready {
		if consumeErr == nil && ctx.Err() == nil {
			if consumeErr = consume(r); consumeErr != nil {
				cancel()
			}
		}
		resultBytes.Release(size(p.ResultSize, r))
	}
	if err := <-feedErr; consumeErr == nil {
		return err
	}
	return consumeErr
}

// feed runs the caller's feed with a put that numbers each item and waits
// for room in the window and the job budget. An error of its own stops the
// pool; one that comes after the pool began to stop is dropped.
func (p *Pool[J, R]) feed(ctx context.Context, stop func(), feed func(context.Context, func(J) error) error, window chan struct{}, budget *Budget, jobs chan<- numbered[J]) error {
	var seq int64
	put := func(j J) error {
		budget.Acquire(size(p.JobSize, j))
		select {
		case window <- struct{}{}:
		case <-ctx.Done():
			return ErrStopped
		}
		select {
		case jobs <- numbered[J]{seq, j}:
		case <-ctx.Done():
			return ErrStopped
		}
		seq++
		return nil
	}
	err := feed(ctx, put)
	if err != nil && (errors.Is(err, ErrStopped) || ctx.Err() != nil) {
		return nil
	}
	if err != nil {
		stop()
	}
	return err
}

// work is one worker: it works on jobs until there are no more, or the pool
// stops.
func (p *Pool[J, R]) work(ctx context.Context, jobs <-chan numbered[J], results chan<- numbered[R], budget *Budget) {
	do := p.NewWorker()
	for j := range jobs {
		r := do(j.v)
		budget.Release(size(p.JobSize, j.v))
		select {
		case results <- numbered[R]{j.seq, r}:
		case <-ctx.Done():
			return
		}
	}
}

func size[T any](f func(T) int64, v T) int64 {
	if f == nil {
		return 0
	}
	return f(v)
}

// drain receives from in until it is closed and calls emit with each value
// in the order of its number, starting at next; numbers are consecutive.
// Values whose turn never comes (after a gap left by a worker that stopped
// early) are dropped when in closes. Memory is the values waiting for their
// turn: the window of items in flight bounds them.
func drain[T any](in <-chan numbered[T], next int64, emit func(T)) {
	pending := map[int64]T{}
	for n := range in {
		pending[n.seq] = n.v
		for {
			v, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			emit(v)
		}
	}
}
