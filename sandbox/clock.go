package sandbox

import (
	"sync"
	"time"
)

// Clock tells the sandbox's time: real time moved by an offset, or a
// frozen instant that only moves when told to, so that token expiry,
// subscriptions and whole scenario runs can be rehearsed and repeated. It is safe for concurrent use.
type Clock struct {
	mu     sync.RWMutex
	frozen bool
	at     time.Time     // the instant, when frozen
	offset time.Duration // added to real time, when live
	real   func() time.Time
}

// LiveClock returns a clock that follows real time.
func LiveClock() *Clock { return &Clock{real: time.Now} }

// FrozenClock returns a clock that stays at t until it is advanced or set.
func FrozenClock(t time.Time) *Clock { return &Clock{frozen: true, at: t, real: time.Now} }

// Now returns the sandbox's current time, in UTC.
func (c *Clock) Now() time.Time {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.frozen {
		return c.at
	}
	return c.real().Add(c.offset).UTC().Round(0)
}

// Advance moves the clock forward by d (backward when d is negative) and
// returns the new time.
func (c *Clock) Advance(d time.Duration) time.Time {
	c.mu.Lock()
	if c.frozen {
		c.at = c.at.Add(d)
	} else {
		c.offset += d
	}
	c.mu.Unlock()
	return c.Now()
}

// Set moves the clock to t; a live clock goes on ticking from there.
func (c *Clock) Set(t time.Time) time.Time {
	c.mu.Lock()
	if c.frozen {
		c.at = t.UTC()
	} else {
		c.offset = t.Sub(c.real())
	}
	c.mu.Unlock()
	return c.Now()
}

// Frozen reports whether the clock only moves when told to.
func (c *Clock) Frozen() bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.frozen
}
