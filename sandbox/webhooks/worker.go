package webhooks

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/flashcart/flashcart/sandbox/internal/store"
)

// Worker delivers the outbox's pending webhooks, one at a time and oldest
// first, retrying failures with backoff. Because it reads the outbox from
// the store, deliveries left pending by a stopped sandbox resume when a
// worker runs on the same durable store.
type Worker struct {
	Store  store.Store
	Client *http.Client
	// Clock stamps attempts with the sandbox's time.
	Clock func() time.Time
	// Now is the real time that schedules retries; tests may fake it.
	Now func() time.Time
	// Backoff is the wait after the n-th failed attempt (n from 1).
	Backoff func(n int) time.Duration
	// MaxAttempts is how many attempts a delivery gets before it is failed.
	MaxAttempts int
	// Poll is how often the worker looks for due deliveries when not kicked.
	Poll time.Duration
	Log  *slog.Logger

	kick chan struct{}
}

// DefaultBackoff doubles from one second up to five minutes.
func DefaultBackoff(n int) time.Duration {
	d := time.Second << min(n-1, 20)
	return min(d, 5*time.Minute)
}

// NewWorker returns a worker with the default schedule: ten attempts,
// DefaultBackoff, a 10-second timeout per attempt.
func NewWorker(st store.Store, clock func() time.Time, log *slog.Logger) *Worker {
	return &Worker{
		Store: st, Client: &http.Client{Timeout: 10 * time.Second}, Clock: clock, Now: time.Now,
		Backoff: DefaultBackoff, MaxAttempts: 10, Poll: time.Second, Log: log,
		kick: make(chan struct{}, 1),
	}
}

// Kick tells the worker new deliveries may be due.
func (w *Worker) Kick() {
	select {
	case w.kick <- struct{}{}:
	default:
	}
}

// Run delivers until ctx is done.
func (w *Worker) Run(ctx context.Context) {
	for {
		next, err := w.DeliverDue(ctx)
		if err != nil {
			w.Log.Error("webhook delivery", "err", err)
		}
		wait := w.Poll
		if !next.IsZero() {
			wait = min(wait, max(next.Sub(w.Now()), 0))
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-w.kick:
		case <-t.C:
		}
		t.Stop()
	}
}

// DeliverDue makes one attempt at every pending delivery that is due and
// returns when the next pending one is due (zero when none is pending).
func (w *Worker) DeliverDue(ctx context.Context) (time.Time, error) {
	var due []Delivery
	err := w.Store.View(func(tx store.Tx) error {
		var err error
		due, err = pending(tx)
		return err
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("webhooks: list pending: %w", err)
	}
	var next time.Time
	for _, d := range due {
		if ctx.Err() != nil {
			return next, nil
		}
		if d.NextAt.After(w.Now()) {
			next = earliest(next, d.NextAt)
			continue
		}
		updated, err := w.attempt(ctx, d)
		if err != nil {
			return next, err
		}
		if updated.State == Pending {
			next = earliest(next, updated.NextAt)
		}
	}
	return next, nil
}

func earliest(a, b time.Time) time.Time {
	if a.IsZero() || b.Before(a) {
		return b
	}
	return a
}

// attempt POSTs one delivery and records the outcome. A delivery removed
// since it was listed (its account was reset) is not sent, and one removed
// while it was sent is not brought back: both come back with no state.
func (w *Worker) attempt(ctx context.Context, d Delivery) (Delivery, error) {
	var found bool
	err := w.Store.View(func(tx store.Tx) (err error) {
		found, err = store.GetJSON(tx, Bucket, d.ID, &d)
		return err
	})
	if err != nil || !found || d.State != Pending {
		d.State = ""
		return d, err
	}
	a := Attempt{At: w.Clock()}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.URL, bytes.NewReader(d.Body))
	if err == nil {
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("signature", d.Signature)
		var resp *http.Response
		resp, err = w.Client.Do(req)
		if err == nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			resp.Body.Close()
			a.Status = resp.StatusCode
			if resp.StatusCode/100 != 2 {
				err = fmt.Errorf("the receiver answered %s", resp.Status)
			}
		}
	}
	if err != nil {
		a.Error = err.Error()
	}
	err = w.Store.Update(func(tx store.Tx) (err error) {
		found, err = store.GetJSON(tx, Bucket, d.ID, &d)
		if err != nil || !found {
			return err
		}
		d.Attempts = append(d.Attempts, a)
		switch {
		case a.Error == "":
			d.State, d.NextAt = Delivered, time.Time{}
		case len(d.Attempts) >= w.MaxAttempts:
			d.State, d.NextAt = Failed, time.Time{}
		default:
			d.NextAt = w.Now().Add(w.Backoff(len(d.Attempts)))
		}
		return put(tx, &d)
	})
	if err != nil {
		return d, fmt.Errorf("webhooks: record an attempt of %s: %w", d.ID, err)
	}
	if !found {
		w.Log.Info("webhook removed while it was sent; the attempt is not recorded", "id", d.ID, "status", a.Status)
		d.State = ""
		return d, nil
	}
	w.Log.Info("webhook attempt", "id", d.ID, "event", d.Event, "url", d.URL, "status", a.Status, "error", a.Error, "state", d.State)
	return d, nil
}
