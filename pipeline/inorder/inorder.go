// Package inorder puts back in order the results that parallel workers
// hand in as they finish: the scoring run's rows and gen's files are
// written in input order whatever the order they are done in.
package inorder

// Drain receives from in until it is closed and calls emit with each value
// in the order of its sequence number (seq), starting at next; numbers are
// consecutive. Values whose turn never comes (after a gap left by a worker
// that stopped early) are dropped when in closes. Memory is the values
// waiting for their turn: the caller bounds them (a window of values in
// flight).
func Drain[T any](in <-chan T, seq func(T) int64, next int64, emit func(T)) {
	pending := map[int64]T{}
	for v := range in {
		pending[seq(v)] = v
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
