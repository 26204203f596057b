package sandbox

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/flashcart/flashcart/sandbox/checkout"
	"github.com/flashcart/flashcart/sandbox/sales"
	"github.com/flashcart/flashcart/sandbox/webhooks"
)

// renewEvery is how often the sandbox looks for subscriptions due for
// renewal when nothing else made it look.
const renewEvery = time.Second

// commerce is what follows a buy link: the checkout state machine, the
// back office, and the webhook worker with the goroutines that run it.
type commerce struct {
	checkout *checkout.Service
	desk     *sales.Desk
	hooks    *webhooks.Worker
	stop     context.CancelFunc
	done     chan struct{}
}

// startCommerce wires the checkout, the back office and the webhook
// worker, and starts the worker and the renewal ticker.
func (s *Sandbox) startCommerce(opts Options) {
	hooks := webhooks.NewWorker(s.store, s.clock.Now, s.log.With("component", "webhooks"))
	if opts.WebhookBackoff != nil {
		hooks.Backoff = opts.WebhookBackoff
	}
	if opts.WebhookClient != nil {
		hooks.Client = opts.WebhookClient
	}
	desk := &sales.Desk{Store: s.store, IDs: s.ids, Clock: s.clock.Now, World: s.World, Kick: hooks.Kick, Log: s.log}
	ctx, stop := context.WithCancel(context.Background())
	s.shop = commerce{
		checkout: &checkout.Service{Store: s.store, Now: s.clock.Now, World: s.World, Placer: desk},
		desk:     desk, hooks: hooks, stop: stop, done: make(chan struct{}),
	}
	var wg sync.WaitGroup
	wg.Go(func() { hooks.Run(ctx) })
	wg.Go(func() {
		t := time.NewTicker(renewEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				s.renewDue()
			}
		}
	})
	go func() {
		wg.Wait()
		close(s.shop.done)
	}()
}

// renewDue bills the subscriptions whose term the clock has passed.
func (s *Sandbox) renewDue() { s.logRenewals(s.shop.desk.RenewDue()) }

func (s *Sandbox) logRenewals(made []int64, err error) {
	if err != nil {
		s.log.Error("subscription renewals", "err", err)
	} else if len(made) > 0 {
		s.log.Info("subscriptions renewed", "orders", made)
	}
}

// Close stops the sandbox's background work — webhook delivery and
// subscription renewals — and closes its store. Pending deliveries stay in
// a durable store.
func (s *Sandbox) Close() error {
	s.shop.stop()
	<-s.shop.done
	return s.store.Close()
}

// lazyRenewals bills due renewals before the request is served, so that a
// frozen clock moved by any means shows its renewals at once; it scans the
// subscriptions only when one may be due.
func (s *Sandbox) lazyRenewals(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.logRenewals(s.shop.desk.RenewIfDue())
		next.ServeHTTP(w, r)
	})
}
