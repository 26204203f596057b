package traffic

import (
	"context"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/sandbox/noventiq"
)

// TestVendorMixAgainstTheSandbox runs every step once against an in-process
// sandbox: each must get the answer it expects.
func TestVendorMixAgainstTheSandbox(t *testing.T) {
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sb.Handler())
	defer srv.Close()
	rec := NewRecorder()
	c := &Client{Base: srv.URL, Username: "demo", Password: "demo", HTTP: &http.Client{Transport: rec.Transport(http.DefaultTransport)}}
	ctx := context.Background()
	if resp, err := c.Login(ctx); err != nil || resp.Status != 200 {
		t.Fatalf("login: %v %d", err, resp.Status)
	}
	for _, s := range Vendor() {
		if err := s.Do(ctx, c); err != nil {
			t.Errorf("%s: %v", s.Name, err)
		}
	}
	var covered []int
	for _, e := range linkErrors {
		covered = append(covered, e.code)
	}
	for _, e := range noventiq.ErrorCatalogue {
		if !slices.Contains(covered, int(e.Code)) {
			t.Errorf("no traffic for documented code %d", e.Code)
		}
	}
	sum := rec.Summary(time.Second)
	// Purchase makes 7 calls (5 of them 200), the other steps one each.
	if sum.Requests != len(Vendor())+1+6 || sum.ByStatus[200] != 5+5 || sum.Status5xx != 0 {
		t.Errorf("summary = %+v", sum)
	}
}

func TestPickFollowsWeights(t *testing.T) {
	m := Mix{{Name: "a", Weight: 1}, {Name: "b", Weight: 3}}
	rng := rand.New(rand.NewPCG(1, 1))
	counts := map[string]int{}
	for range 4000 {
		counts[m.Pick(rng).Name]++
	}
	if counts["a"] < 900 || counts["a"] > 1100 || counts["b"] < 2900 || counts["b"] > 3100 {
		t.Errorf("picks = %v, want about 1000 a and 3000 b", counts)
	}
}

func TestPercentile(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		out := make([]time.Duration, len(ns))
		for i, n := range ns {
			out[i] = time.Duration(n) * time.Millisecond
		}
		return out
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = i + 1
	}
	tests := []struct {
		sorted []time.Duration
		p      int
		want   time.Duration
	}{
		{nil, 99, 0},
		{ms(5), 99, 5 * time.Millisecond},
		{ms(hundred...), 99, 99 * time.Millisecond},
		{ms(hundred...), 50, 50 * time.Millisecond},
		{ms(1, 2, 3), 99, 3 * time.Millisecond},
	}
	for _, tt := range tests {
		if got := Percentile(tt.sorted, tt.p); got != tt.want {
			t.Errorf("p%d of %d values = %v, want %v", tt.p, len(tt.sorted), got, tt.want)
		}
	}
}
