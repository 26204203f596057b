package sandbox

import (
	"testing"
	"time"
)

func TestFrozenClock(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := FrozenClock(start)
	if !c.Now().Equal(start) || !c.Frozen() {
		t.Fatalf("frozen clock at %v", c.Now())
	}
	if got := c.Advance(25 * time.Hour); !got.Equal(start.Add(25 * time.Hour)) {
		t.Errorf("advance = %v", got)
	}
	later := start.AddDate(1, 0, 0)
	if got := c.Set(later); !got.Equal(later) || !c.Now().Equal(later) {
		t.Errorf("set = %v", got)
	}
}

func TestLiveClock(t *testing.T) {
	real := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	c := &Clock{real: func() time.Time { return real }}
	if !c.Now().Equal(real) {
		t.Fatalf("live now = %v", c.Now())
	}
	c.Advance(time.Hour)
	real = real.Add(time.Minute)
	if want := real.Add(time.Hour); !c.Now().Equal(want) {
		t.Errorf("after advance now = %v, want %v", c.Now(), want)
	}
	target := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	c.Set(target)
	real = real.Add(time.Second)
	if want := target.Add(time.Second); !c.Now().Equal(want) {
		t.Errorf("after set now = %v, want %v", c.Now(), want)
	}
}
