package traffic

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"sync"

	"github.com/flashcart/flashcart/sandbox/noventiq"
)

// Step is one kind of traffic. Do makes its calls and returns an error
// when an answer is not the one expected.
type Step struct {
	Name   string
	Weight int
	Do     func(ctx context.Context, c *Client) error
}

// Mix is weighted steps; each worker draws its next step from it.
type Mix []Step

// Pick draws a step by weight.
func (m Mix) Pick(rng *rand.Rand) Step {
	total := 0
	for _, s := range m {
		total += s.Weight
	}
	n := rng.IntN(total)
	for _, s := range m {
		if n < s.Weight {
			return s
		}
		n -= s.Weight
	}
	return m[len(m)-1]
}

// Run has workers draw and run steps until ctx is done; each worker has
// its own client from newClient. Each step runs holding gate's read lock,
// so that whoever takes the write lock (a reset) sees no step half done.
// Unexpected answers go to rec as surprises.
func (m Mix) Run(ctx context.Context, workers int, seed uint64, newClient func() *Client, rec *Recorder, gate *sync.RWMutex) {
	var wg sync.WaitGroup
	for i := range workers {
		rng := rand.New(rand.NewPCG(seed, uint64(i)))
		c := newClient()
		wg.Go(func() {
			for ctx.Err() == nil {
				s := m.Pick(rng)
				gate.RLock()
				err := s.Do(ctx, c)
				gate.RUnlock()
				if err != nil && ctx.Err() == nil {
					rec.Surprise(s.Name + ": " + err.Error())
				}
			}
		})
	}
	wg.Wait()
}

// expect checks an answer's status and, when codes are given, the
// documented error codes of its body.
func expect(resp Response, err error, status int, codes ...int) error {
	if err != nil {
		return err
	}
	if resp.Status != status {
		return fmt.Errorf("status %d, want %d", resp.Status, status)
	}
	if len(codes) == 0 {
		return nil
	}
	var body struct {
		Errors []struct {
			Error int `json:"error"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(resp.Body, &body); err != nil {
		return fmt.Errorf("error body: %w", err)
	}
	got := make([]int, len(body.Errors))
	for i, e := range body.Errors {
		got[i] = e.Error
	}
	if !slices.Equal(got, codes) {
		return fmt.Errorf("codes %v, want %v", got, codes)
	}
	return nil
}

// Login logs in with the client's credentials.
func Login() Step {
	return Step{Name: "login", Weight: 2, Do: func(ctx context.Context, c *Client) error {
		resp, err := c.Login(ctx)
		return expect(resp, err, http.StatusOK)
	}}
}

// LoginWrongPassword tries a wrong password: 401.
func LoginWrongPassword() Step {
	return Step{Name: "login with a wrong password", Weight: 1, Do: func(ctx context.Context, c *Client) error {
		resp, err := c.Do(ctx, http.MethodPost, noventiq.LoginPath, JSON(), []byte(`{"username":"`+c.Username+`","password":"wrong"}`))
		return expect(resp, err, http.StatusUnauthorized)
	}}
}

// ValidLink makes a link: 200.
func ValidLink() Step {
	return Step{Name: "valid link", Weight: 12, Do: func(ctx context.Context, c *Client) error {
		resp, _, err := c.GenerateBuyLink(ctx, []byte(ValidLinkBody))
		return expect(resp, err, http.StatusOK)
	}}
}

// ValidLinkBody is a minimal valid generate_buy_link body for the default
// world.
const ValidLinkBody = `{"currency":"EUR","products":[{"id":111111,"name":"A","price":"10.00","quantity":1}]}`

// JournalRead reads the journal: its 400s, or a whole page.
func JournalRead() Step {
	return Step{Name: "journal read", Weight: 2, Do: func(ctx context.Context, c *Client) error {
		path := "/_sandbox/journal?status=400"
		if rand.IntN(2) == 0 {
			path = "/_sandbox/journal?limit=1000"
		}
		resp, err := c.Do(ctx, http.MethodGet, path, nil, nil)
		return expect(resp, err, http.StatusOK)
	}}
}
