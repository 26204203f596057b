package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flashcart/flashcart/internal/traffic"
	"github.com/flashcart/flashcart/sandbox"
)

// serveArgsEnv makes the test binary act as `flashcart serve`, so that tests
// can run, kill and restart a real server process without building one.
const serveArgsEnv = "FLASHCART_TEST_SERVE_ARGS"

func TestMain(m *testing.M) {
	if args := os.Getenv(serveArgsEnv); args != "" {
		os.Exit(run(strings.Split(args, "\x1f"), os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// startServe runs `flashcart serve args…` as a child process.
func startServe(t *testing.T, args ...string) *traffic.Process {
	t.Helper()
	return startServeLogging(t, nil, args...)
}

// startServeLogging is startServe with the process's log going to stderr.
func startServeLogging(t *testing.T, stderr io.Writer, args ...string) *traffic.Process {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), serveArgsEnv+"="+strings.Join(append([]string{"serve"}, args...), "\x1f"))
	p, err := traffic.Start(cmd, stderr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.Kill() })
	return p
}

// A link with the customer data the order needs.
const orderableLink = `{"currency":"EUR","products":[{"id":111111,"name":"Base","price":"30.00","quantity":1},{"id":555555,"name":"Box","price":"20.00","quantity":1}],
 "customer":{"type":"physical","email":"ann@example.com","first_name":"Ann","last_name":"Lee","country":"FR"}}`

// heldReceiver takes webhooks but answers none until released, so that
// deliveries stay pending while the server is killed.
type heldReceiver struct {
	held    chan struct{} // closed on release
	release func()
	mu      sync.Mutex
	got     map[string]bool // "<event> <order_id> <product id>"
}

func newHeldReceiver() *heldReceiver {
	held := make(chan struct{})
	var once sync.Once
	return &heldReceiver{held: held, release: func() { once.Do(func() { close(held) }) }, got: map[string]bool{}}
}

func (h *heldReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	select {
	case <-h.held:
	case <-r.Context().Done():
		return
	}
	var body struct {
		Event   string `json:"event"`
		OrderID int64  `json:"order_id"`
		Product struct {
			ID string `json:"id"`
		} `json:"product"`
	}
	_ = json.NewDecoder(r.Body).Decode(&body)
	h.mu.Lock()
	h.got[deliveryKey(body.Event, body.OrderID, body.Product.ID)] = true
	h.mu.Unlock()
}

func deliveryKey(event string, order int64, product string) string {
	return event + " " + strings.TrimSpace(strings.Join([]string{itoa(order), product}, " "))
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

// TestStateSurvivesSIGKILL loads a server with link creation and order
// placement, kills it mid-load, and checks that every acknowledged link and
// order is in the state file and no link has two orders; then it restarts
// the server and checks that tokens issued before still work, that the
// restarted server (same seed) hands out no id again, and that the webhooks
// pending at the kill are delivered.
func TestStateSurvivesSIGKILL(t *testing.T) {
	recv := newHeldReceiver()
	hooks := httptest.NewServer(recv)
	defer hooks.Close()
	defer recv.release()
	state := filepath.Join(t.TempDir(), "state.db")
	args := []string{"--addr", "127.0.0.1:0", "--state", state, "--seed", "7", "--webhook-url", hooks.URL}
	p := startServe(t, args...)
	ctx := context.Background()
	c := &traffic.Client{Base: p.URL, Username: p.Username, Password: p.Password}
	if resp, err := c.Login(ctx); err != nil || resp.Status != 200 {
		t.Fatalf("login: %v %d", err, resp.Status)
	}

	var mu sync.Mutex
	links := map[string]int64{} // acknowledged link → its acknowledged order (0: none yet)
	enough := make(chan struct{})
	var once sync.Once
	var wg sync.WaitGroup
	for worker := range 8 {
		wg.Go(func() {
			for i := 0; ; i++ {
				_, link, err := c.GenerateBuyLink(ctx, []byte(orderableLink))
				if err != nil || link == nil {
					return // the server is gone
				}
				mu.Lock()
				links[link.ExternalID] = 0
				mu.Unlock()
				resp, order, err := c.PlaceOrder(ctx, link.ExternalID, "4242424242424242")
				if err != nil || order == 0 {
					if err == nil {
						t.Errorf("order on %s: %d %s", link.ExternalID, resp.Status, resp.Body)
					}
					return
				}
				mu.Lock()
				links[link.ExternalID] = order
				if len(links) >= 150 {
					once.Do(func() { close(enough) })
				}
				mu.Unlock()
				if (worker+i)%4 == 0 {
					if resp, _, err := c.PlaceOrder(ctx, link.ExternalID, "4242424242424242"); err == nil && resp.Status == 200 {
						t.Errorf("a second order on link %s was accepted", link.ExternalID)
					}
				}
			}
		})
	}
	select {
	case <-enough:
	case <-time.After(60 * time.Second):
		t.Fatal("150 orders were not acknowledged within 60s")
	}
	if err := p.Kill(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()

	pendingAtKill := checkStateFile(t, state, links)
	if pendingAtKill == 0 {
		t.Fatal("no webhook was pending at the kill: the test proves nothing about them")
	}

	p = startServe(t, args...)
	c.Base = p.URL
	for range 20 {
		resp, link, err := c.GenerateBuyLink(ctx, []byte(orderableLink))
		if err != nil || link == nil {
			t.Fatalf("after restart, with the token issued before the kill: %v %d %s", err, resp.Status, resp.Body)
		}
		if _, seen := links[link.ExternalID]; seen {
			t.Errorf("external id %s handed out again after the restart", link.ExternalID)
		}
		if _, order, err := c.PlaceOrder(ctx, link.ExternalID, "4242424242424242"); err != nil || order == 0 {
			t.Fatalf("order after restart: %v", err)
		}
	}
	recv.release() // the receiver answers from now on
	waitDelivered(t, c, recv)
}

// checkStateFile opens the killed server's state in an in-process sandbox
// and checks, through its API, every acknowledged link and order; it
// returns how many webhooks were pending. The sandbox's webhook client
// refuses to send, so that the pending deliveries stay pending.
func checkStateFile(t *testing.T, path string, links map[string]int64) (pending int) {
	t.Helper()
	refuse := &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
		return nil, errors.New("the state check sends no webhook")
	})}
	sb, err := sandbox.New(sandbox.Options{StatePath: path, WebhookClient: refuse})
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	srv := httptest.NewServer(sb.Handler())
	defer srv.Close()
	ctx := context.Background()
	c := &traffic.Client{Base: srv.URL, Username: "demo", Password: "demo"}
	if resp, err := c.Login(ctx); err != nil || resp.Status != 200 {
		t.Fatalf("login to the state: %v %d", err, resp.Status)
	}
	for id, order := range links {
		if resp, err := c.Do(ctx, http.MethodGet, "/_sandbox/checkout/"+id, nil, nil); err != nil || resp.Status != 200 {
			t.Errorf("acknowledged link %s after SIGKILL: %v %d %s", id, err, resp.Status, resp.Body)
		}
		if order == 0 {
			continue
		}
		resp, err := c.Do(ctx, http.MethodGet, "/v1/order/"+itoa(order), c.Authed(), nil)
		var got struct {
			ExternalID string `json:"external_id"`
		}
		if err != nil || resp.Status != 200 || json.Unmarshal(resp.Body, &got) != nil || got.ExternalID != id {
			t.Errorf("acknowledged order %d after SIGKILL: %v %d %s, want link %s", order, err, resp.Status, resp.Body, id)
		}
		resp, err = c.Do(ctx, http.MethodPost, "/v1/order/search", c.Authed("Content-Type", "application/json"), []byte(`{"external_id":"`+id+`"}`))
		var found struct {
			IDs []int64 `json:"ids"`
		}
		if err != nil || json.Unmarshal(resp.Body, &found) != nil || len(found.IDs) != 1 {
			t.Errorf("orders of link %s: %v %s, want one", id, err, resp.Body)
		}
	}
	for _, d := range deliveries(t, c) {
		if d.State == "pending" {
			pending++
		}
	}
	return pending
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// delivery is what the test reads of a webhook delivery.
type delivery struct {
	ID        string `json:"id"`
	Event     string `json:"event"`
	OrderID   int64  `json:"order_id"`
	ProductID string `json:"product_id"`
	State     string `json:"state"`
}

// deliveries lists the server's webhook deliveries.
func deliveries(t *testing.T, c *traffic.Client) []delivery {
	t.Helper()
	resp, err := c.Do(context.Background(), http.MethodGet, "/_sandbox/webhooks", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var list struct {
		Deliveries []delivery `json:"deliveries"`
	}
	if err := json.Unmarshal(resp.Body, &list); err != nil {
		t.Fatalf("webhooks: %s", resp.Body)
	}
	return list.Deliveries
}

// waitDelivered waits until the server has no pending webhook, and checks
// that the receiver got every delivery.
func waitDelivered(t *testing.T, c *traffic.Client, recv *heldReceiver) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		list := deliveries(t, c)
		waiting := 0
		for _, d := range list {
			if d.State != "delivered" {
				waiting++
			}
		}
		if waiting == 0 {
			recv.mu.Lock()
			defer recv.mu.Unlock()
			for _, d := range list {
				if key := deliveryKey(d.Event, d.OrderID, d.ProductID); !recv.got[key] {
					t.Errorf("delivered %s (%s) never reached the receiver", d.ID, key)
				}
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d webhooks still not delivered 60s after the restart", waiting, len(list))
		}
		time.Sleep(200 * time.Millisecond)
	}
}
