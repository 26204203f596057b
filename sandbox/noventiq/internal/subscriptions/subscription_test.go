package subscriptions

import (
	"fmt"
	"testing"
	"time"

	"github.com/flashcart/flashcart/internal/iso"

	"github.com/flashcart/flashcart/sandbox/noventiq/internal/orders"
)

func TestRenew(t *testing.T) {
	exp := time.Date(2026, 1, 31, 10, 0, 0, 0, time.UTC)
	monthly, _ := iso.ParsePeriod("P1M")
	tests := []struct {
		name    string
		status  Status
		now     time.Time
		renewed bool
		nextExp time.Time
	}{
		{"before expiry", Active, exp.Add(-time.Nanosecond), false, exp},
		{"at expiry", Active, exp, true, time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC)}, // AddDate normalises 31 February to 3 March
		{"long after", Active, exp.AddDate(1, 0, 0), true, time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC)},
		{"cancelled", Cancelled, exp.AddDate(1, 0, 0), false, exp},
		{"not paid", NotPaid, exp.AddDate(1, 0, 0), false, exp},
	}
	for _, tt := range tests {
		s := Subscription{Status: tt.status, ExpirationDate: orders.Time{Time: exp}, RenewalTerm: monthly}
		billed, ok := s.Renew(tt.now, 42)
		if ok != tt.renewed || !s.ExpirationDate.Equal(tt.nextExp) {
			t.Errorf("%s: renewed %v, next expiry %v; want %v, %v", tt.name, ok, s.ExpirationDate.Time, tt.renewed, tt.nextExp)
		}
		if ok && (!billed.Equal(exp) || fmt.Sprint(s.RenewalOrders) != "[42]") {
			t.Errorf("%s: billed at %v, orders %v", tt.name, billed, s.RenewalOrders)
		}
	}
}

func TestSetActivity(t *testing.T) {
	tests := []struct {
		from    Status
		active  bool
		to      Status
		changed bool
	}{
		{Active, false, Cancelled, true},
		{Cancelled, true, Active, true},
		{Active, true, Active, false},
		{Cancelled, false, Cancelled, false},
		{NotPaid, true, NotPaid, false},
		{NotPaid, false, NotPaid, false},
	}
	for _, tt := range tests {
		s := Subscription{Status: tt.from}
		if changed := s.SetActivity(tt.active); changed != tt.changed || s.Status != tt.to {
			t.Errorf("%s with activity %v: %s (changed %v), want %s (%v)", tt.from, tt.active, s.Status, changed, tt.to, tt.changed)
		}
	}
}

func TestID(t *testing.T) {
	if got := ID(5555555, 2); got != "5555555_2" {
		t.Errorf("ID = %q", got)
	}
}
