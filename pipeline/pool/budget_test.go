package pool

import (
	"testing"
	"time"
)

// TestBudgetWakesWhoFits: when bytes are released, a waiter that now fits
// goes on even though one that waited longer still does not fit.
func TestBudgetWakesWhoFits(t *testing.T) {
	b := NewBudget(100)
	b.Acquire(60)
	b.Acquire(40)
	large := make(chan struct{})
	go func() { b.Acquire(50); close(large) }()
	time.Sleep(50 * time.Millisecond) // the large waiter waits first
	small := make(chan struct{})
	go func() { b.Acquire(30); close(small) }()
	time.Sleep(50 * time.Millisecond)
	b.Release(40) // 60 held: 30 more fit, 50 do not
	select {
	case <-small:
	case <-time.After(2 * time.Second):
		t.Fatal("30 bytes fit after the release, but their waiter was not let through")
	}
	select {
	case <-large:
		t.Fatal("50 bytes were let through with 90 of 100 held")
	default:
	}
	b.Release(60)
	b.Release(30)
	<-large
}
