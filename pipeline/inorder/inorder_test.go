package inorder

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestDrain hands in shuffled sequence numbers from 5 on, with 12 missing:
// the values up to 11 come out in order, those after the gap never do.
func TestDrain(t *testing.T) {
	var nums []int64
	for n := int64(5); n < 40; n++ {
		if n != 12 {
			nums = append(nums, n)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	r.Shuffle(len(nums), func(i, j int) { nums[i], nums[j] = nums[j], nums[i] })
	in := make(chan int64, len(nums))
	for _, n := range nums {
		in <- n
	}
	close(in)
	var got []int64
	Drain(in, func(n int64) int64 { return n }, 5, func(n int64) { got = append(got, n) })
	if want := []int64{5, 6, 7, 8, 9, 10, 11}; !slices.Equal(got, want) {
		t.Fatalf("emitted %v, want %v", got, want)
	}
}
