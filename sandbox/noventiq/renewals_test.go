package noventiq

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/flashcart/flashcart/sandbox/noventiq/internal/subscriptions"
)

// countingStore counts read transactions: a renewal check that scans reads.
type countingStore struct {
	store.Store
	views atomic.Int64
}

func (c *countingStore) View(fn func(store.Tx) error) error {
	c.views.Add(1)
	return c.Store.View(fn)
}

func TestRenewIfDueScansOnlyWhenOneMayBeDue(t *testing.T) {
	s := newShop(t)
	counted := &countingStore{Store: s.st}
	s.desk.Store = counted
	scans := func(f func()) int64 {
		before := counted.views.Load()
		f()
		return counted.views.Load() - before
	}
	renew := func() []int64 {
		made, err := s.desk.RenewIfDue()
		if err != nil {
			t.Fatal(err)
		}
		return made
	}
	if n := scans(func() { renew() }); n != 1 {
		t.Fatalf("the first check scanned %d times, want 1 (nothing is known yet)", n)
	}
	if n := scans(func() { renew(); renew() }); n != 0 {
		t.Errorf("with no subscription, checks scanned %d times", n)
	}
	link := s.buy(arBody, "4242424242424242") // opens subscriptions expiring in a month and a year
	if n := scans(func() { renew(); renew() }); n != 0 {
		t.Errorf("before any expiry, checks scanned %d times: the new subscriptions' expiry is known", n)
	}
	teams := subscriptions.ID(link.Cart.Order.ID, 2)
	sub, _ := s.desk.Subscription("demo", teams)
	s.now = sub.ExpirationDate.Time
	var made []int64
	if n := scans(func() { made = renew() }); n == 0 || len(made) != 1 {
		t.Errorf("at the monthly expiry: %d scans, renewed %v; want a scan and one renewal", n, made)
	}
	if n := scans(func() { renew() }); n != 1 {
		t.Errorf("after a renewal the next check scanned %d times, want 1 (to learn the next expiry)", n)
	}
	earlier := s.now.Add(48 * time.Hour) // before the renewed term's end, a month on
	if _, err := s.desk.Modify("demo", teams, func(sub *subscriptions.Subscription) error {
		return sub.SetExpirationDate(earlier, s.now)
	}); err != nil {
		t.Fatal(err)
	}
	s.now = earlier
	if made := renew(); len(made) != 1 {
		t.Errorf("a subscription moved to an earlier expiry by a modify call was not renewed at once: %v", made)
	}
}
