// Package orders keeps the sandbox's orders: the records the Orders API
// and the webhooks report, their ids and names, and the search filters of
// POST /v1/order/search.
package orders

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/flashcart/flashcart/internal/money"
	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/shopspring/decimal"
)

// Bucket is the store bucket of orders, keyed by order id.
const Bucket = "orders"

// TimeLayout is how the vendor writes dates: YYYY-MM-DDThh:mm:ss±hh:mm.
const TimeLayout = "2006-01-02T15:04:05-07:00"

// Status is an order's payment status.
type Status string

// The documented order statuses.
const (
	Paid    Status = "paid"
	NotPaid Status = "not paid"
	Deleted Status = "deleted"
)

// Time is a date written in TimeLayout, or "" when zero (pay_date of an
// unpaid order).
type Time struct{ time.Time }

// MarshalJSON writes the time in TimeLayout, or "" when zero.
func (t Time) MarshalJSON() ([]byte, error) { return json.Marshal(t.String()) }

// String writes the time in TimeLayout, or "" when zero.
func (t Time) String() string {
	if t.IsZero() {
		return ""
	}
	return t.Format(TimeLayout)
}

// UnmarshalJSON reads a time written by MarshalJSON.
func (t *Time) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("orders: time must be a string: %w", err)
	}
	if s == "" {
		t.Time = time.Time{}
		return nil
	}
	v, err := time.Parse(TimeLayout, s)
	if err != nil {
		return fmt.Errorf("orders: time %q: %w", s, err)
	}
	t.Time = v
	return nil
}

// Percent is a discount percentage, written as a JSON number.
type Percent struct{ decimal.Decimal }

// MarshalJSON writes the percentage as a number.
func (p Percent) MarshalJSON() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalJSON reads a percentage written by MarshalJSON.
func (p *Percent) UnmarshalJSON(b []byte) error { return p.Decimal.UnmarshalJSON(b) }

// Customer is who bought; its fields are those of the request's customer,
// in the same order, so that one converts to the other.
type Customer struct {
	Type                   string `json:"type"`
	Email                  string `json:"email"`
	FirstName              string `json:"first_name"`
	LastName               string `json:"last_name"`
	Phone                  string `json:"phone"`
	VatNumber              string `json:"vat_number"`
	CompanyName            string `json:"company_name"`
	CompanyBillingAddress  string `json:"company_billing_address"`
	CompanyDeliveryAddress string `json:"company_delivery_address"`
	Country                string `json:"country"`
}

// Product is one product line of an order. Its id is a string, as the
// vendor's webhooks write it.
type Product struct {
	ID              string       `json:"id"`
	VendorCode      string       `json:"vendor_code"`
	SKU             string       `json:"sku"`
	BusinessSegment string       `json:"business_segment"`
	Name            string       `json:"name"`
	Price           money.Amount `json:"price"`
	Quantity        int          `json:"quantity"`
	DiscountPercent Percent      `json:"discount_percent"`
	DiscountAmount  money.Amount `json:"discount_amount"`
	VatAmount       money.Amount `json:"vat_amount"`
	Amount          money.Amount `json:"amount"`
	Margin          money.Amount `json:"margin"`
}

// Payment is how an order was paid.
type Payment struct {
	PaymentMethod        string `json:"payment_method"`
	PaymentSystemName    string `json:"payment_system_name"`
	CardType             string `json:"card_type"`
	CardLast4            string `json:"card_last_4"`
	CardExpirationDate   string `json:"card_expiration_date"`
	IsCardExpired        bool   `json:"is_card_expired"`
	IsInstallmentPayment bool   `json:"is_installment_payment"`
}

// Header is everything about an order but its products: what every
// webhook of the order repeats.
type Header struct {
	OrderID        int64             `json:"order_id"`
	OrderName      string            `json:"order_name"`
	Status         Status            `json:"status"`
	ExternalID     string            `json:"external_id"`
	CreateDate     Time              `json:"create_date"`
	PayDate        Time              `json:"pay_date"`
	Currency       string            `json:"currency"`
	Locale         string            `json:"locale"`
	OrderDetailURL string            `json:"order_detail_url"`
	Customer       Customer          `json:"customer"`
	Payment        Payment           `json:"payment"`
	AdditionalData map[string]string `json:"additional_data,omitempty"`
	// ParentOrderID is set on renewal (child) orders.
	ParentOrderID int64 `json:"parent_order_id,omitempty"`
}

// Order is an order as GET /v1/order/{order_id} answers it.
type Order struct {
	Header
	Products []Product    `json:"products"`
	Total    money.Amount `json:"total"`
}

// Record is a stored order with what only the sandbox knows of it.
type Record struct {
	// Account is the API account the order belongs to.
	Account string `json:"account"`
	// Hash makes the customer's order page address unguessable.
	Hash  string `json:"hash"`
	Order Order  `json:"order"`
}

// IDs draws the sandbox's seeded ids.
type IDs interface {
	Int(kind string, min, max int64) int64
	Hex(kind string, n int) string
}

// Name is the order name the customer sees: A and ten digits.
func Name(id int64) string { return fmt.Sprintf("A%010d", id) }

// NextID draws an order id no order has and the hash of its order page.
func NextID(tx store.Tx, gen IDs) (int64, string, error) {
	for range 100 {
		id := gen.Int("order_id", 1_000_000, 9_999_999)
		if _, taken := tx.Get(Bucket, key(id)); !taken {
			return id, gen.Hex("order_hash", 32), nil
		}
	}
	return 0, "", fmt.Errorf("orders: no unused order id found")
}

func key(id int64) string { return strconv.FormatInt(id, 10) }

// Put stores the record under its order id.
func Put(tx store.Tx, rec *Record) error {
	if err := store.PutJSON(tx, Bucket, key(rec.Order.OrderID), rec); err != nil {
		return err
	}
	return store.PutValue(tx, SearchBucket, key(rec.Order.OrderID), rec.searchRecord())
}

// Get returns the record of an order.
func Get(tx store.Tx, id int64) (*Record, bool, error) {
	var rec Record
	found, err := store.GetJSON(tx, Bucket, key(id), &rec)
	if err != nil || !found {
		return nil, false, err
	}
	return &rec, true, nil
}

// Pay marks the order paid at t with the payment.
func (o *Order) Pay(t time.Time, p Payment) {
	o.Status, o.PayDate, o.Payment = Paid, Time{t}, p
}

// SumTotal sets Total to the sum of the product amounts.
func (o *Order) SumTotal() {
	total := decimal.Zero
	for _, p := range o.Products {
		total = total.Add(p.Amount.Decimal)
	}
	o.Total = money.A(total)
}
