// Package subscriptions keeps the auto-renewal (AR) subscriptions that paid
// products with the customer's consent create, the rules of the
// Subscriptions API's modify calls, and which subscriptions are due for
// renewal by the sandbox clock.
package subscriptions

import (
	"errors"
	"fmt"
	"time"

	"github.com/flashcart/flashcart/internal/iso"

	"github.com/flashcart/flashcart/internal/money"
	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/flashcart/flashcart/sandbox/noventiq/internal/orders"
	"github.com/shopspring/decimal"
)

// Bucket is the store bucket of subscriptions, keyed by id.
const Bucket = "subscriptions"

// TypeAR is the type of auto-renewal subscriptions.
const TypeAR = "AR"

// Status is a subscription's status.
type Status string

// The documented subscription statuses.
const (
	Active    Status = "active"
	NotPaid   Status = "not_paid"
	Cancelled Status = "cancelled"
)

// InitialOrder is the parent order of a subscription.
type InitialOrder struct {
	OrderID    int64       `json:"order_id"`
	CreateDate orders.Time `json:"create_date"`
}

// Subscription is what GET /v1/subscription/{id} answers.
type Subscription struct {
	ID           string       `json:"id"`
	Type         string       `json:"type"`
	Status       Status       `json:"status"`
	InitialOrder InitialOrder `json:"initial_order"`
	// URL is the customer's page of the parent order.
	URL       string `json:"url"`
	ProductID string `json:"product_id"`
	Currency  string `json:"currency"`
	// ExpirationDate is when the current term ends and the next renewal
	// is billed.
	ExpirationDate   orders.Time  `json:"expiration_date"`
	NextProductName  string       `json:"next_product_name"`
	NextBillingPrice money.Amount `json:"next_billing_price"`
	// RenewalTerm is the term each renewal adds.
	RenewalTerm iso.Period `json:"renewal_term"`
	// RenewalOrders are the child orders made so far, oldest first.
	RenewalOrders []int64 `json:"renewal_orders"`
}

// Record is a stored subscription with what only the sandbox knows.
type Record struct {
	Account string `json:"account"`
	// Product is the parent order's product line, the template of renewals.
	Product      orders.Product `json:"product"`
	ProductIndex int            `json:"product_index"`
	Subscription Subscription   `json:"subscription"`
}

// ID is the id of the n-th subscription of a parent order.
func ID(orderID int64, n int) string { return fmt.Sprintf("%d_%d", orderID, n) }

// Put stores the record under its id.
func Put(tx store.Tx, rec *Record) error {
	return store.PutJSON(tx, Bucket, rec.Subscription.ID, rec)
}

// Get returns the record of a subscription.
func Get(tx store.Tx, id string) (*Record, bool, error) {
	var rec Record
	found, err := store.GetJSON(tx, Bucket, id, &rec)
	if err != nil || !found {
		return nil, false, err
	}
	return &rec, true, nil
}

// Due returns the active subscriptions whose term has ended at now.
func Due(tx store.Tx, now time.Time) ([]*Record, error) {
	due, _, err := Scan(tx, now)
	return due, err
}

// Scan returns the subscriptions due at now, and the earliest expiration of
// the active ones that are not (zero when there is none).
func Scan(tx store.Tx, now time.Time) (due []*Record, next time.Time, err error) {
	err = store.EachJSON(tx, Bucket, func(_ string, rec *Record) error {
		switch s := &rec.Subscription; {
		case s.DueAt(now):
			due = append(due, rec)
		case s.Status == Active && (next.IsZero() || s.ExpirationDate.Before(next)):
			next = s.ExpirationDate.Time
		}
		return nil
	})
	return due, next, err
}

// DueAt reports whether the subscription is active and its term has ended at now.
func (s *Subscription) DueAt(now time.Time) bool {
	return s.Status == Active && !now.Before(s.ExpirationDate.Time)
}

// Renew ends the current term if it is over at now: it returns the instant
// the renewal is billed (the old expiration date) and moves the expiration
// date on by the renewal term. ok is false when no renewal is due.
func (s *Subscription) Renew(now time.Time, childOrderID int64) (billedAt time.Time, ok bool) {
	if !s.DueAt(now) {
		return time.Time{}, false
	}
	billedAt = s.ExpirationDate.Time
	s.ExpirationDate = orders.Time{Time: s.RenewalTerm.AddTo(billedAt)}
	s.RenewalOrders = append(s.RenewalOrders, childOrderID)
	return billedAt, true
}

// The refusals of the modify calls; each names the field that is wrong.
var (
	ErrNotActive = errors.New("the subscription is not active")
	ErrCurrency  = errors.New("the currency is not the subscription's")
	ErrPast      = errors.New("the expiration date is not in the future")
	ErrPrice     = errors.New("the price must be greater than zero")
)

// FieldError is a refused modification and the request field it is about.
type FieldError struct {
	Field string
	Err   error
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Err.Error() }
func (e *FieldError) Unwrap() error { return e.Err }

func (s *Subscription) requireActive() error {
	if s.Status != Active {
		return &FieldError{"id", ErrNotActive}
	}
	return nil
}

// SetNextBillingPrice sets the full amount of the next renewal; the
// currency must be the subscription's. Only while active.
func (s *Subscription) SetNextBillingPrice(currency string, price decimal.Decimal) error {
	switch {
	case s.Status != Active:
		return s.requireActive()
	case currency != s.Currency:
		return &FieldError{"currency", ErrCurrency}
	case !price.IsPositive():
		return &FieldError{"next_billing_price", ErrPrice}
	}
	s.NextBillingPrice = money.A(price)
	return nil
}

// SetExpirationDate moves the end of the current term; it must be after
// now. Only while active. The date is kept in UTC, as every date the
// sandbox writes.
func (s *Subscription) SetExpirationDate(t, now time.Time) error {
	switch {
	case s.Status != Active:
		return s.requireActive()
	case !t.After(now):
		return &FieldError{"expiration_date", ErrPast}
	}
	s.ExpirationDate = orders.Time{Time: t.UTC()}
	return nil
}

// SetNextProductName sets the product name of the next renewal. Only
// while active.
func (s *Subscription) SetNextProductName(name string) error {
	if err := s.requireActive(); err != nil {
		return err
	}
	s.NextProductName = name
	return nil
}

// SetActivity cancels an active subscription (false) or restores a
// cancelled one (true); changed reports whether the status moved. Other
// combinations leave it as it is.
func (s *Subscription) SetActivity(active bool) (changed bool) {
	switch {
	case !active && s.Status == Active:
		s.Status = Cancelled
	case active && s.Status == Cancelled:
		s.Status = Active
	default:
		return false
	}
	return true
}
