// Package faults holds the failures a user asked the sandbox to inject into
// vendor calls — added latency, a forced status or vendor error, a dropped
// connection — and decides, request by request, which one applies. The
// vendor whose error is forced writes it; this package only keeps the
// handler it made.
package faults

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"net/http"
)

// MaxDelay bounds an injected latency, below the server's write timeout.
const MaxDelay = 30 * time.Second

// Duration is a time.Duration written in JSON as a Go duration ("250ms").
type Duration time.Duration

// UnmarshalJSON reads a Go duration string.
func (d *Duration) UnmarshalJSON(raw []byte) error {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return fmt.Errorf("a duration is a string such as \"250ms\"")
	}
	v, err := time.ParseDuration(s)
	if err != nil || v < 0 || v > MaxDelay {
		return fmt.Errorf("%q is not a duration between 0s and %s", s, MaxDelay)
	}
	*d = Duration(v)
	return nil
}

// MarshalJSON writes the duration as a Go duration string.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// The latency distributions.
const (
	Fixed   = "fixed"
	Uniform = "uniform"
	Normal  = "normal"
)

// Latency is an added delay: fixed (Value), uniform in [Min, Max], or
// normal around Mean with StdDev, clamped to [Min, Max].
type Latency struct {
	Distribution string   `json:"distribution"`
	Value        Duration `json:"value,omitempty"`
	Min          Duration `json:"min,omitempty"`
	Max          Duration `json:"max,omitempty"`
	Mean         Duration `json:"mean,omitempty"`
	StdDev       Duration `json:"stddev,omitempty"`
}

func (l *Latency) check() error {
	switch l.Distribution {
	case Fixed:
		if l.Min != 0 || l.Max != 0 || l.Mean != 0 || l.StdDev != 0 {
			return errors.New(`a fixed latency takes only "value"`)
		}
	case Uniform:
		if l.Value != 0 || l.Mean != 0 || l.StdDev != 0 || l.Min > l.Max || l.Max == 0 {
			return errors.New(`a uniform latency takes "min" and "max", min <= max`)
		}
	case Normal:
		if l.Value != 0 || l.Min > l.Max || l.Max == 0 || l.Mean < l.Min || l.Mean > l.Max {
			return errors.New(`a normal latency takes "mean", "stddev" and the bounds "min" and "max", min <= mean <= max`)
		}
	default:
		return fmt.Errorf(`latency distribution must be %q, %q or %q`, Fixed, Uniform, Normal)
	}
	return nil
}

// draw returns one delay.
func (l *Latency) draw(rng *rand.Rand) time.Duration {
	switch l.Distribution {
	case Uniform:
		return time.Duration(l.Min) + time.Duration(rng.Int64N(int64(l.Max-l.Min)+1))
	case Normal:
		d := float64(l.Mean) + rng.NormFloat64()*float64(l.StdDev)
		return time.Duration(min(max(d, float64(l.Min)), float64(l.Max)))
	}
	return time.Duration(l.Value)
}

// Spec is what a user asks for: on requests whose path matches Path, add
// Latency, then answer Status or Error, or drop the connection. Count, when
// set, limits the fault to the next Count matching requests.
type Spec struct {
	// Path is a path.Match pattern, such as /v1/generate_buy_link or
	// /v1/*; "*" alone matches every path.
	Path    string   `json:"path"`
	Latency *Latency `json:"latency,omitempty"`
	// Status answers with the vendor framework's body for that status.
	Status int `json:"status,omitempty"`
	// Error answers with the vendor's documented error of that code (a
	// number such as 3125, or a string code) and its status; Field is the
	// field name a code such as Noventiq's 3010 needs.
	Error Code   `json:"error,omitempty"`
	Field string `json:"field,omitempty"`
	// Vendor names the vendor whose error is answered; empty means the
	// vendor of the path (Noventiq for a pattern).
	Vendor string `json:"vendor,omitempty"`
	// Drop closes the connection without an answer.
	Drop bool `json:"drop,omitempty"`
	// Count, when set, is how many requests the fault applies to (1 or
	// more); absent, it lasts until removed.
	Count *int `json:"count,omitempty"`
}

// Rule is an active fault.
type Rule struct {
	ID string `json:"id"`
	Spec
	// Remaining is how many more requests the fault applies to; absent
	// when it applies until removed.
	Remaining int `json:"remaining,omitempty"`
	// Hits counts the requests the fault applied to.
	Hits uint64 `json:"hits"`

	forced http.Handler
}

// Decision is what to do to one request.
type Decision struct {
	Rule  string
	Delay time.Duration
	// Forced, Status and Drop are exclusive; none set means the request
	// then goes on as usual.
	Forced http.Handler
	Status int
	Drop   bool
}

// Set is the active faults. It is safe for concurrent use.
type Set struct {
	mu    sync.Mutex
	rng   *rand.Rand
	rules []*Rule
	seq   int
}

// New returns an empty set drawing random latencies from rng.
func New(rng *rand.Rand) *Set { return &Set{rng: rng} }

// Force makes the handler that answers a rule's forced error: the code
// and field as one text ("3010 currency"), written by the rule's vendor.
type Force func(spec Spec, code string) (http.Handler, error)

// Add checks spec and makes it active; force makes its forced error.
func (s *Set) Add(spec Spec, force Force) (Rule, error) {
	r := &Rule{Spec: spec}
	if spec.Count != nil {
		r.Remaining = *spec.Count
	}
	if err := r.check(force); err != nil {
		return Rule{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	r.ID = "f" + strconv.Itoa(s.seq)
	s.rules = append(s.rules, r)
	return *r, nil
}

func (r *Rule) check(force Force) error {
	if r.Path == "" {
		return errors.New(`"path" is required: a pattern such as /v1/generate_buy_link or /v1/*`)
	}
	if _, err := path.Match(r.Path, "/"); err != nil {
		return fmt.Errorf("path %q is not a valid pattern", r.Path)
	}
	if r.Count != nil && *r.Count < 1 {
		return errors.New(`"count" must be 1 or more, or absent for a fault that lasts until removed`)
	}
	outcomes := 0
	for _, set := range []bool{r.Status != 0, r.Error != "", r.Drop} {
		if set {
			outcomes++
		}
	}
	if outcomes > 1 || outcomes == 0 && r.Latency == nil {
		return errors.New(`send "latency", and at most one of "status", "error" or "drop"`)
	}
	if r.Status != 0 && (r.Status < 400 || r.Status > 599) {
		return errors.New(`"status" must be between 400 and 599`)
	}
	if r.Field != "" && r.Error == "" {
		return errors.New(`"field" goes with "error", such as "error": 3010`)
	}
	if r.Error != "" {
		code := strings.TrimSpace(string(r.Error) + " " + r.Field)
		h, err := force(r.Spec, code)
		if err != nil {
			return err
		}
		r.forced = h
	}
	if r.Latency != nil {
		return r.Latency.check()
	}
	return nil
}

// matches reports whether the rule applies to a request path.
func (r *Rule) matches(p string) bool {
	if r.Path == "*" {
		return true
	}
	ok, _ := path.Match(r.Path, p)
	return ok
}

// Decide returns what the first active fault matching the path does to
// the request, and counts the request against it.
func (s *Set) Decide(p string) (Decision, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, r := range s.rules {
		if !r.matches(p) {
			continue
		}
		r.Hits++
		if r.Count != nil {
			r.Remaining--
			if r.Remaining == 0 {
				s.rules = append(s.rules[:i:i], s.rules[i+1:]...)
			}
		}
		d := Decision{Rule: r.ID, Forced: r.forced, Status: r.Status, Drop: r.Drop}
		if r.Latency != nil {
			d.Delay = r.Latency.draw(s.rng)
		}
		return d, true
	}
	return Decision{}, false
}

// List returns the active faults, oldest first.
func (s *Set) List() []Rule {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Rule, len(s.rules))
	for i, r := range s.rules {
		out[i] = *r
	}
	return out
}

// Remove deletes one fault and reports whether it was active.
func (s *Set) Remove(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, r := range s.rules {
		if r.ID == id {
			s.rules = append(s.rules[:i:i], s.rules[i+1:]...)
			return true
		}
	}
	return false
}

// Clear deletes every fault.
func (s *Set) Clear() {
	s.mu.Lock()
	s.rules = nil
	s.mu.Unlock()
}

// ForceHeader is the request header that makes one vendor call fail with
// one of that vendor's documented errors.
const ForceHeader = "X-Sandbox-Force-Error"

// Code is a vendor error code: a number (Noventiq's 3125) or a string
// (2Checkout's ORDER_PRODUCTS_EMPTY), written in JSON as it is.
type Code string

// UnmarshalJSON reads a JSON number or string.
func (c *Code) UnmarshalJSON(raw []byte) error {
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		*c = Code(n.String())
		return nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil || s == "" {
		return errors.New(`"error" is a vendor error code: a number such as 3125, or a string code`)
	}
	*c = Code(s)
	return nil
}

// MarshalJSON writes a numeric code as a number, any other as a string.
func (c Code) MarshalJSON() ([]byte, error) {
	if _, err := strconv.ParseUint(string(c), 10, 64); err == nil {
		return []byte(c), nil
	}
	return json.Marshal(string(c))
}
