package api

import (
	"testing"
	"time"
)

func TestPasswordChecksAreBounded(t *testing.T) {
	checks := newSlots(2)
	for i := range 2 {
		if !checks.acquire(0) {
			t.Fatalf("check %d refused while a slot was free", i+1)
		}
	}
	if checks.acquire(10 * time.Millisecond) {
		t.Fatal("a third check ran beside two")
	}
	freed := make(chan struct{})
	go func() {
		time.Sleep(10 * time.Millisecond)
		checks.release()
		close(freed)
	}()
	if !checks.acquire(time.Minute) {
		t.Fatal("a waiting check was refused when a slot was freed")
	}
	<-freed
}
