package solifyn

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/shopspring/decimal"
)

// This file is the hosted checkout's state machine, as plain methods: the
// JSON twin under /_sandbox/solifyn/checkout/… (twin.go) and the hosted
// page (page.go) both drive them. A session is pending until it is
// paid (paid) or a card is declined (failed), and expired 24 hours after
// its creation; paid, failed and expired are final.

// TwinError is a refusal of the hosted checkout. It is the sandbox's own
// (not a vendor body): Status is the HTTP status to answer it with.
// Refusals change nothing.
type TwinError struct {
	Status  int
	Message string
}

// Error returns the refusal's message.
func (e *TwinError) Error() string { return e.Message }

// The refusals; errors.Is matches them through the details wrapped around
// them.
var (
	ErrCheckoutNotFound   = &TwinError{http.StatusNotFound, "checkout session not found"}
	ErrCheckoutClosed     = &TwinError{http.StatusConflict, "checkout session is not pending"}
	ErrCustomerIncomplete = &TwinError{http.StatusUnprocessableEntity, "customer details are incomplete"}
	ErrNotTestCard        = &TwinError{http.StatusUnprocessableEntity, "not a test card"}
	ErrSoldOut            = &TwinError{http.StatusConflict, "not enough stock left"}
	ErrDiscountGone       = &TwinError{http.StatusConflict, "the discount code can no longer be used"}
	ErrBadAmount          = &TwinError{http.StatusUnprocessableEntity, "the amount cannot be paid"}
)

// CheckoutState is what the hosted checkout shows of a session.
type CheckoutState struct {
	ID           string      `json:"id"`
	SessionID    string      `json:"session_id"`
	Status       string      `json:"status"`
	BusinessID   string      `json:"business_id"`
	StoreName    string      `json:"store_name"`
	ProductID    string      `json:"product_id,omitempty"`
	CollectionID string      `json:"collection_id,omitempty"`
	Title        string      `json:"title"`
	Quantity     int64       `json:"quantity"`
	Currency     string      `json:"currency"`
	Lines        []StateLine `json:"lines"`
	Subtotal     Major       `json:"subtotal"`
	Discount     Major       `json:"discount"`
	DiscountCode string      `json:"discount_code,omitempty"`
	// Tax is always 0: the sandbox charges no tax.
	Tax   Major `json:"tax"`
	Total Major `json:"total"`
	// PayWhatYouWant says the customer chooses the unit price (Amount of
	// Customer).
	PayWhatYouWant bool         `json:"pay_what_you_want"`
	CustomerEmail  string       `json:"customer_email"`
	CustomerName   string       `json:"customer_name"`
	BillingAddress Address      `json:"billing_address"`
	CustomFields   []StateField `json:"custom_fields"`
	CheckoutURL    string       `json:"checkout_url"`
	CreatedAt      Time         `json:"created_at"`
	ExpiresAt      Time         `json:"expires_at"`
	PaymentID      string       `json:"payment_id,omitempty"`
	FailureMessage string       `json:"failure_message,omitempty"`
	Order          *Order       `json:"order,omitempty"`
}

// StateLine is a product of the checkout, prices in major units.
type StateLine struct {
	ProductID   string `json:"product_id"`
	Name        string `json:"name"`
	PricingType string `json:"pricing_type"`
	Quantity    int64  `json:"quantity"`
	UnitPrice   Major  `json:"unit_price"`
	Amount      Major  `json:"amount"`
}

// StateField is a custom field of a product of the checkout, with the
// customer's answer.
type StateField struct {
	ProductID   string `json:"product_id"`
	ID          string `json:"id"`
	Name        string `json:"name"`
	Required    bool   `json:"required"`
	Placeholder string `json:"placeholder"`
	Value       string `json:"value"`
}

// Customer is what the customer enters on the hosted checkout, the body of
// POST /_sandbox/solifyn/checkout/{id}/customer; nil fields are left as
// they are. CustomFields answers custom fields by id (or name); Amount is
// the unit price of a pay-what-you-want checkout, in its currency.
type Customer struct {
	Email        *string           `json:"email,omitempty"`
	Name         *string           `json:"name,omitempty"`
	Billing      *Address          `json:"billing_address,omitempty"`
	CustomFields map[string]string `json:"custom_fields,omitempty"`
	Amount       *Major            `json:"amount,omitempty"`
}

// PayRequest is the body of POST /_sandbox/solifyn/checkout/{id}/pay: a
// test card number (spaces and dashes are ignored) and, when set, the
// expiry copied into the payment.created webhook.
type PayRequest struct {
	Card     string `json:"card"`
	ExpMonth int    `json:"exp_month,omitempty"`
	ExpYear  int    `json:"exp_year,omitempty"`
}

// declines are the failure messages of the cards that are declined.
var declines = map[string]string{
	"4000000000000002": "Your card was declined.",
	"4000000000009995": "Your card has insufficient funds.",
}

// checkoutState returns the checkout of a session, by id or session_id.
func (v *Vendor) checkoutState(sessionID string) (*CheckoutState, error) {
	var st *CheckoutState
	err := v.env.Store.View(func(tx store.Tx) error {
		s, err := v.open(tx, sessionID)
		if err != nil {
			return err
		}
		st, err = v.stateOf(tx, s)
		return err
	})
	return st, err
}

// setCustomer records what the customer entered on a pending checkout.
func (v *Vendor) setCustomer(sessionID string, c Customer) (*CheckoutState, error) {
	if c.Email != nil && *c.Email != "" && !isEmail(*c.Email) {
		return nil, fmt.Errorf("%w: %q is not an email address", ErrCustomerIncomplete, *c.Email)
	}
	return v.change(sessionID, func(tx store.Tx, s *session, now time.Time) error {
		if c.Amount != nil {
			if !s.PayWhatYouWant {
				return fmt.Errorf("%w: the checkout is not pay-what-you-want", ErrBadAmount)
			}
			if err := s.setCustomPrice(toCents(c.Amount.Decimal)); err != nil {
				var f *Failure
				errors.As(err, &f)
				return fmt.Errorf("%w: %s", ErrBadAmount, f.Message)
			}
		}
		if c.Email != nil {
			s.CustomerEmail = *c.Email
		}
		if c.Name != nil {
			s.CustomerName = *c.Name
		}
		if c.Billing != nil {
			s.Billing = *c.Billing
		}
		if len(c.CustomFields) > 0 {
			answers := map[string]json.RawMessage{}
			if s.CustomFields != nil {
				if err := json.Unmarshal(s.CustomFields, &answers); err != nil {
					return fmt.Errorf("solifyn: custom fields of %s: %w", s.ID, err)
				}
			}
			for k, val := range c.CustomFields {
				answers[k], _ = json.Marshal(val)
			}
			raw, err := json.Marshal(answers)
			if err != nil {
				return fmt.Errorf("solifyn: custom fields of %s: %w", s.ID, err)
			}
			s.CustomFields = raw
		}
		s.UpdatedAt = now
		return nil
	})
}

// pay pays a pending checkout with a test card. A paying card makes the
// Order (status paid), counts the units sold and the discount's
// redemption, and marks the session paid; a declining card makes the Order
// failed and the session failed. Either way the business's endpoint gets
// payment.created, then payment.succeeded or payment.failed. A card that
// is not a test card, a missing e-mail or required custom field, stock
// sold meanwhile or a discount used up meanwhile refuse the payment.
func (v *Vendor) pay(sessionID string, card PayRequest) (*CheckoutState, error) {
	tc, err := kit.FindCard(card.Card)
	if err != nil {
		return nil, fmt.Errorf("%w: use 4242 4242 4242 4242 to pay, 4000 0000 0000 0002 to be declined", ErrNotTestCard)
	}
	st, err := v.change(sessionID, func(tx store.Tx, s *session, now time.Time) error {
		biz, ok := v.section().Business(s.Account)
		if !ok {
			return fmt.Errorf("%w: its business %s is no longer in the world", ErrCheckoutNotFound, s.Account)
		}
		if err := complete(tx, biz, s); err != nil {
			return err
		}
		s.PaymentID = "pay_" + v.token(kindPayment, 14)
		s.Status, s.FailureMessage, s.UpdatedAt = StatusPaid, declines[tc.Number], now
		if !tc.Pays {
			s.Status = StatusFailed
		} else if err := redeem(tx, biz, s, now); err != nil {
			return err
		}
		customerID, err := v.customerID(tx, biz.ID, s.CustomerEmail)
		if err != nil {
			return err
		}
		order := orderOf(v.section(), biz, s, customerID, tc, now)
		if err := store.PutJSON(tx, bucketOrders, order.ID, orderRecord{Account: biz.ID, Order: order}); err != nil {
			return fmt.Errorf("solifyn: save order: %w", err)
		}
		if err := v.send(tx, biz, EventPaymentCreated, paymentCreated(order, s, card, now), s, now); err != nil {
			return err
		}
		event := EventPaymentSucceeded
		if s.Status == StatusFailed {
			event = EventPaymentFailed
		}
		return v.send(tx, biz, event, order, s, now)
	})
	if err == nil {
		v.env.Outbox.Kick() // the webhooks are due at once
	}
	return st, err
}

// open loads a session for the twin.
func (v *Vendor) open(tx store.Tx, sessionID string) (*session, error) {
	s, ok, err := loadSession(tx, sessionID)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, ErrCheckoutNotFound
	}
	return s, nil
}

// change runs fn on a pending session in one transaction, saves it and
// returns its new state.
func (v *Vendor) change(sessionID string, fn func(tx store.Tx, s *session, now time.Time) error) (*CheckoutState, error) {
	var st *CheckoutState
	err := v.env.Store.Update(func(tx store.Tx) error {
		s, err := v.open(tx, sessionID)
		if err != nil {
			return err
		}
		now := v.env.Now().UTC()
		if state := s.state(now); state != StatusPending {
			return fmt.Errorf("%w: it is %s", ErrCheckoutClosed, state)
		}
		if err := fn(tx, s, now); err != nil {
			return err
		}
		if err := saveSession(tx, s); err != nil {
			return err
		}
		st, err = v.stateOf(tx, s)
		return err
	})
	return st, err
}

// complete checks that a session can be paid: an e-mail, every required
// custom field answered, the stock still there.
func complete(tx store.Tx, biz *fixtures.SolifynBusiness, s *session) error {
	if s.CustomerEmail == "" {
		return fmt.Errorf("%w: the e-mail address is missing", ErrCustomerIncomplete)
	}
	answers := answersOf(s)
	for _, l := range s.Lines {
		p, ok := biz.Product(l.ProductID)
		if !ok {
			return fmt.Errorf("%w: product %s is no longer in the world", ErrSoldOut, l.ProductID)
		}
		for _, f := range p.CustomFields {
			if f.Required && answer(answers, f) == "" {
				return fmt.Errorf("%w: %q is required", ErrCustomerIncomplete, f.Name)
			}
		}
		left, err := available(tx, p)
		if err != nil {
			return err
		}
		if left != nil && l.Quantity > *left {
			return fmt.Errorf("%w: %d of %s asked, %d left", ErrSoldOut, l.Quantity, p.Name, *left)
		}
	}
	return nil
}

// redeem counts a paid session's units sold and its discount's redemption.
func redeem(tx store.Tx, biz *fixtures.SolifynBusiness, s *session, now time.Time) error {
	if s.DiscountID != "" {
		d, ok := biz.Discount(s.DiscountID)
		usable := false
		if ok {
			var err error
			if usable, err = redeemable(tx, d, now); err != nil {
				return err
			}
		}
		if !usable {
			return fmt.Errorf("%w: %s", ErrDiscountGone, s.DiscountCode)
		}
		if err := addCount(tx, bucketRedemptions, biz.ID, d.ID, 1); err != nil {
			return err
		}
	}
	for _, l := range s.Lines {
		if p, _ := biz.Product(l.ProductID); p.Stock != nil {
			if err := addCount(tx, bucketSold, biz.ID, l.ProductID, l.Quantity); err != nil {
				return err
			}
		}
	}
	return nil
}

// answersOf returns a session's custom field answers that are strings.
func answersOf(s *session) map[string]string {
	var raw map[string]json.RawMessage
	_ = json.Unmarshal(s.CustomFields, &raw) // validated as an object, or nil
	out := map[string]string{}
	for k, v := range raw {
		var str string
		if json.Unmarshal(v, &str) == nil {
			out[k] = str
		}
	}
	return out
}

// answer is the answer to a custom field, given under its id or its name.
func answer(answers map[string]string, f fixtures.SolifynCustomField) string {
	if a, ok := answers[f.ID]; ok {
		return a
	}
	return answers[f.Name]
}

// stateOf is the twin's view of a session.
func (v *Vendor) stateOf(tx store.Tx, s *session) (*CheckoutState, error) {
	st := &CheckoutState{
		ID: s.ID, SessionID: s.SessionID, Status: s.state(v.env.Now()), BusinessID: s.Account,
		ProductID: s.ProductID, CollectionID: s.CollectionID, Title: s.Title, Quantity: s.Quantity, Currency: s.Currency,
		Lines: []StateLine{}, Subtotal: M(fromCents(s.Subtotal)), Discount: M(fromCents(s.Discount)),
		Tax: M(decimal.Zero), DiscountCode: s.DiscountCode, Total: M(fromCents(s.Total)), CustomerEmail: s.CustomerEmail,
		CustomerName: s.CustomerName, BillingAddress: s.Billing, CustomFields: []StateField{},
		CheckoutURL: s.CheckoutURL, CreatedAt: At(s.CreatedAt), ExpiresAt: At(s.CreatedAt.Add(SessionTTL)),
		PaymentID: s.PaymentID, FailureMessage: s.FailureMessage, PayWhatYouWant: s.PayWhatYouWant,
	}
	biz, bizOK := v.section().Business(s.Account)
	if bizOK {
		st.StoreName = biz.Name
	}
	answers := answersOf(s)
	for _, l := range s.Lines {
		st.Lines = append(st.Lines, StateLine{ProductID: l.ProductID, Name: l.Name, PricingType: l.PricingType,
			Quantity: l.Quantity, UnitPrice: M(fromCents(l.Unit)), Amount: M(fromCents(l.Unit * l.Quantity))})
		if !bizOK {
			continue
		}
		if p, ok := biz.Product(l.ProductID); ok {
			for _, f := range p.CustomFields {
				st.CustomFields = append(st.CustomFields, StateField{ProductID: p.ID, ID: f.ID, Name: f.Name,
					Required: f.Required, Placeholder: f.Placeholder, Value: answer(answers, f)})
			}
		}
	}
	if s.PaymentID != "" {
		var rec orderRecord
		if _, err := store.GetJSON(tx, bucketOrders, s.PaymentID, &rec); err != nil {
			return nil, err
		}
		st.Order = &rec.Order
	}
	return st, nil
}
