package main

import (
	"context"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/flashcart/flashcart/internal/traffic"
	"github.com/flashcart/flashcart/sandbox/noventiq"
)

// TestStateSurvivesSIGKILLAtLoad is TestStateSurvivesSIGKILL at the
// concurrency of make load (32 clients at once, so that many transactions
// share each group commit): 28 clients create links with the reference's
// full example, 4 create orderable links and order them; the server is
// killed mid-load, and every acknowledged link and order must be in the
// state file.
func TestStateSurvivesSIGKILLAtLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("a load test")
	}
	state := filepath.Join(t.TempDir(), "state.db")
	p := startServe(t, "--addr", "127.0.0.1:0", "--state", state, "--seed", "11")
	ctx := context.Background()
	c := &traffic.Client{Base: p.URL, Username: p.Username, Password: p.Password}
	if resp, err := c.Login(ctx); err != nil || resp.Status != 200 {
		t.Fatalf("login: %v %d", err, resp.Status)
	}
	full := noventiq.SeedExamples()[1].Body

	var mu sync.Mutex
	links := map[string]int64{} // acknowledged link → its acknowledged order (0: none)
	var acked atomic.Int64
	enough := make(chan struct{})
	var once sync.Once
	var wg sync.WaitGroup
	for worker := range 32 {
		orders := worker < 4
		wg.Go(func() {
			for {
				body := full
				if orders {
					body = []byte(orderableLink)
				}
				_, link, err := c.GenerateBuyLink(ctx, body)
				if err != nil || link == nil {
					return // the server is gone
				}
				mu.Lock()
				links[link.ExternalID] = 0
				mu.Unlock()
				if orders {
					_, order, err := c.PlaceOrder(ctx, link.ExternalID, "4242424242424242")
					if err != nil || order == 0 {
						return
					}
					mu.Lock()
					links[link.ExternalID] = order
					mu.Unlock()
				}
				if acked.Add(1) == 2000 {
					once.Do(func() { close(enough) })
				}
			}
		})
	}
	select {
	case <-enough:
	case <-time.After(60 * time.Second):
		t.Fatalf("2,000 writes were not acknowledged within 60s (%d were)", acked.Load())
	}
	if err := p.Kill(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	checkStateFile(t, state, links)
}
