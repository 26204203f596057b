package outbox

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/flashcart/flashcart/sandbox/internal/store"
)

// Policy is how one vendor's deliveries are retried and accepted.
type Policy struct {
	// Backoff is the wait after the n-th failed attempt (n from 1).
	Backoff func(n int) time.Duration
	// MaxAttempts is how many attempts a delivery gets before it fails.
	MaxAttempts int
	// SandboxClock schedules the retries on the sandbox clock (so that
	// moving the clock moves them) instead of in real time.
	SandboxClock bool
	// Accept decides whether the receiver's answer delivers the message;
	// nil accepts any 2xx status.
	Accept func(d *Delivery, status int, body []byte) error
	// Headers, when set, adds headers made from the delivery to every
	// attempt, beside the delivery's own.
	Headers func(d *Delivery) http.Header
	// Ordered keeps a receiver's deliveries of the vendor in their order:
	// one waits while an older one to the same receiver is pending, even
	// when that one waits for a retry.
	Ordered bool
}

// DefaultBackoff doubles from one second up to five minutes.
func DefaultBackoff(n int) time.Duration {
	d := time.Second << min(n-1, 20)
	return min(d, 5*time.Minute)
}

// DefaultPolicy is ten attempts with DefaultBackoff in real time,
// accepting any 2xx answer.
var DefaultPolicy = Policy{Backoff: DefaultBackoff, MaxAttempts: 10}

// MaxReceiverBody bounds what the outbox reads of a receiver's answer.
const MaxReceiverBody = 64 << 10

// Outbox delivers the pending deliveries. Deliveries to one receiver (one
// scheme, host and port) go one at a time, oldest first; different
// receivers are served at once, up to Lanes of them, so that a receiver
// that hangs delays only its own deliveries.
type Outbox struct {
	Store store.Store
	// Client sends the deliveries; it must not follow redirects.
	Client *http.Client
	// Clock stamps attempts with the sandbox's time.
	Clock func() time.Time
	// Now is the real time that schedules retries; tests may fake it.
	Now func() time.Time
	// Lanes bounds how many receivers are served at once.
	Lanes int
	// Poll is how often the worker looks for due deliveries when not kicked.
	Poll time.Duration
	Log  *slog.Logger
	// Observe, when set, is told of every attempt once it is recorded.
	Observe func(d *Delivery, a Attempt)

	mu       sync.Mutex
	policies map[string]Policy
	override func(n int) time.Duration
	busy     map[string]bool // receivers with a lane running
	kick     chan struct{}
	listed   pendingCache
}

// New returns an outbox with a 10-second timeout per attempt, no
// redirects followed, and eight lanes.
func New(st store.Store, clock func() time.Time, log *slog.Logger) *Outbox {
	return &Outbox{
		Store: st, Client: NoRedirects(&http.Client{Timeout: 10 * time.Second}), Clock: clock, Now: time.Now,
		Lanes: 8, Poll: time.Second, Log: log,
		policies: map[string]Policy{}, busy: map[string]bool{}, kick: make(chan struct{}, 1),
	}
}

// NoRedirects makes c answer a redirect as it is, so that a signed body is
// never posted again to the redirect's host: a 3xx is a failed attempt.
func NoRedirects(c *http.Client) *http.Client {
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return c
}

// Register sets the policy of a vendor's deliveries; a vendor without one
// gets DefaultPolicy.
func (o *Outbox) Register(vendor string, p Policy) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.policies[vendor] = p
}

// Override replaces every vendor's backoff, so that tests need not wait.
func (o *Outbox) Override(backoff func(n int) time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.override = backoff
}

func (o *Outbox) policy(vendor string) Policy {
	o.mu.Lock()
	defer o.mu.Unlock()
	p, ok := o.policies[vendor]
	if !ok {
		p = DefaultPolicy
	}
	if o.override != nil {
		p.Backoff = o.override
	}
	return p
}

// now is the time a delivery's NextAt is compared with.
func (o *Outbox) now(p Policy) time.Time {
	if p.SandboxClock {
		return o.Clock()
	}
	return o.Now()
}

// Kick tells the worker new deliveries may be due, or the clock moved.
func (o *Outbox) Kick() {
	select {
	case o.kick <- struct{}{}:
	default:
	}
}

// dispatchGap is the least time between two listings of the pending
// deliveries: kicks that come faster (an order queues several webhooks,
// every attempt kicks) share one listing, so that a long queue — a
// receiver that never answers — is not listed again at every delivery
// queued.
const dispatchGap = 20 * time.Millisecond

// Run delivers until ctx is done, and waits for its lanes to finish.
func (o *Outbox) Run(ctx context.Context) {
	var lanes sync.WaitGroup
	defer lanes.Wait()
	for {
		listed := time.Now()
		wait, err := o.dispatch(ctx, &lanes)
		if err != nil {
			o.Log.Error("webhook delivery", "err", err)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-o.kick:
		case <-t.C:
		}
		t.Stop()
		if gap := dispatchGap - time.Since(listed); gap > 0 {
			select {
			case <-ctx.Done():
				return
			case <-time.After(gap):
			}
		}
	}
}

// DeliverDue makes one attempt at every pending delivery that is due, and
// waits for them.
func (o *Outbox) DeliverDue(ctx context.Context) error {
	var lanes sync.WaitGroup
	_, err := o.dispatch(ctx, &lanes)
	lanes.Wait()
	return err
}

// dispatch starts a lane for every receiver with due deliveries and no
// lane running, and returns how long to wait before looking again.
func (o *Outbox) dispatch(ctx context.Context, lanes *sync.WaitGroup) (time.Duration, error) {
	all, err := o.listed.pending(o.Store)
	wait := o.Poll
	if err != nil {
		return wait, fmt.Errorf("outbox: list pending: %w", err)
	}
	due := map[string][]Delivery{}
	var order []string
	held := map[string]bool{} // vendor and receiver whose older delivery waits
	for _, d := range all {
		p := o.policy(d.Vendor)
		r := receiverOf(d.URL)
		lane := d.Vendor + " " + r
		if p.Ordered && held[lane] {
			continue
		}
		if left := d.NextAt.Sub(o.now(p)); left > 0 {
			wait = min(wait, left)
			held[lane] = true
			continue
		}
		if due[r] == nil {
			order = append(order, r)
		}
		due[r] = append(due[r], d)
	}
	for _, r := range order {
		if !o.claim(r) {
			continue // its lane is running and looks again when it is done
		}
		lanes.Go(func() {
			defer o.release(r)
			failed := map[string]bool{} // vendors of ordered deliveries that failed here
			for _, d := range due[r] {
				if ctx.Err() != nil {
					return
				}
				if failed[d.Vendor] {
					continue // it waits for the older one's retry
				}
				sent, err := o.attempt(ctx, d.ID)
				if err != nil {
					o.Log.Error("webhook delivery", "err", err)
				}
				if !sent && o.policy(d.Vendor).Ordered {
					failed[d.Vendor] = true
				}
			}
		})
	}
	return wait, nil
}

// claim takes a lane for receiver r, if it has none and one is free.
func (o *Outbox) claim(r string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.busy[r] || len(o.busy) >= max(o.Lanes, 1) {
		return false
	}
	o.busy[r] = true
	return true
}

func (o *Outbox) release(r string) {
	o.mu.Lock()
	delete(o.busy, r)
	o.mu.Unlock()
	o.Kick() // its later deliveries, or a receiver that waited for a lane
}

// receiverOf names the receiver of a URL: its scheme, host and port.
func receiverOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Scheme + "://" + u.Host
}

// attempt POSTs the delivery id, as the store holds it now, and records
// the outcome; it reports whether the delivery is no longer pending
// (delivered, or out of attempts). A delivery removed since it was listed
// (its account was reset), or no longer due (a lane listed it before
// another attempt was recorded), is not sent, and one removed while it was
// sent is not brought back.
func (o *Outbox) attempt(ctx context.Context, id string) (bool, error) {
	var (
		d     Delivery
		found bool
	)
	err := o.Store.View(func(tx store.Tx) (err error) {
		found, err = store.GetJSON(tx, Bucket, id, &d)
		return err
	})
	if err != nil || !found || d.State != Pending {
		return err == nil, err
	}
	p := o.policy(d.Vendor)
	if d.NextAt.After(o.now(p)) {
		return false, nil // another lane, from a fresher listing, attempted it meanwhile
	}
	a := Attempt{At: o.Clock()}
	status, body, err := o.post(ctx, &d, p)
	a.Status = status
	if err == nil && p.Accept != nil {
		err = p.Accept(&d, status, body)
	} else if err == nil && status/100 != 2 {
		err = fmt.Errorf("the receiver answered %d %s", status, http.StatusText(status))
		if status/100 == 3 {
			err = fmt.Errorf("%w (redirects are not followed)", err)
		}
	}
	if err != nil {
		a.Error = err.Error()
	}
	err = o.Store.Update(func(tx store.Tx) (err error) {
		found, err = store.GetJSON(tx, Bucket, d.ID, &d)
		if err != nil || !found {
			return err
		}
		d.Attempts = append(d.Attempts, a)
		switch {
		case a.Error == "":
			d.State, d.NextAt = Delivered, time.Time{}
		case len(d.Attempts) >= p.MaxAttempts:
			d.State, d.NextAt = Failed, time.Time{}
		default:
			d.NextAt = o.now(p).Add(p.Backoff(len(d.Attempts)))
		}
		return put(tx, &d)
	})
	if err != nil {
		return false, fmt.Errorf("outbox: record an attempt of %s: %w", d.ID, err)
	}
	if !found {
		o.Log.Info("webhook removed while it was sent; the attempt is not recorded", "id", d.ID, "status", a.Status)
		return true, nil
	}
	o.Log.Info("webhook attempt", "id", d.ID, "vendor", d.Vendor, "event", d.Event, "url", d.URL, "status", a.Status, "error", a.Error, "state", d.State)
	if o.Observe != nil {
		o.Observe(&d, a)
	}
	return d.State != Pending, nil
}

// post sends the delivery and reads the start of the answer.
func (o *Outbox) post(ctx context.Context, d *Delivery, p Policy) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.URL, bytes.NewReader(d.Body))
	if err != nil {
		return 0, nil, err
	}
	for k, vs := range d.Header {
		req.Header[k] = vs
	}
	if p.Headers != nil {
		for k, vs := range p.Headers(d) {
			req.Header[k] = vs
		}
	}
	ct := d.ContentType
	if ct == "" {
		ct = "application/json"
	}
	req.Header.Set("Content-Type", ct)
	resp, err := o.Client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxReceiverBody))
	if err != nil {
		return resp.StatusCode, body, fmt.Errorf("read the receiver's answer: %w", err)
	}
	return resp.StatusCode, body, nil
}
