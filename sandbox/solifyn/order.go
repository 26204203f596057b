package solifyn

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/flashcart/flashcart/sandbox/internal/store"
)

// orderRecord is an order as stored.
type orderRecord struct {
	Account string `json:"account"`
	Order   Order  `json:"order"`
}

// customerRecord is a business's customer id for an e-mail address.
type customerRecord struct {
	Account string `json:"account"`
	ID      string `json:"id"`
}

// customerID returns the business's customer id for an e-mail, making one
// ("usr_" and 14 base62 characters, as the spec's examples write customer
// ids) the first time, so that one customer's orders share it.
func (v *Vendor) customerID(tx store.Tx, account, email string) (string, error) {
	key := account + "/" + strings.ToLower(email)
	var rec customerRecord
	if ok, err := store.GetJSON(tx, bucketCustomers, key, &rec); err != nil || ok {
		return rec.ID, err
	}
	rec = customerRecord{Account: account, ID: "usr_" + v.token(kindCustomer, 14)}
	if err := store.PutJSON(tx, bucketCustomers, key, rec); err != nil {
		return "", fmt.Errorf("solifyn: save customer: %w", err)
	}
	return rec.ID, nil
}

// billingReason is the reason the order bills: a first subscription
// payment for a renewal product, a one-time purchase otherwise.
func billingReason(s *session) string {
	for _, l := range s.Lines {
		if l.PricingType == fixtures.SolifynRenewal {
			return "subscription_create"
		}
	}
	return "one_time"
}

// metadataOf is the order's metadata: the session's checkoutData,
// customFields and aff, each under its request name, present when sent.
// (Which of them the vendor puts into metadata is not documented; keeping
// them apart loses nothing.)
func metadataOf(s *session) json.RawMessage {
	m := map[string]json.RawMessage{}
	if s.CheckoutData != nil {
		m["checkoutData"] = s.CheckoutData
	}
	if s.CustomFields != nil {
		m["customFields"] = s.CustomFields
	}
	if s.Aff != "" {
		m["aff"], _ = json.Marshal(s.Aff)
	}
	raw, _ := json.Marshal(m) // raw messages of validated JSON
	return raw
}

// orderOf makes the order of a paid or declined session. The sandbox takes
// no fee and no tax: application_fee and tax_amount are 0.
func orderOf(sec *fixtures.Solifyn, biz *fixtures.SolifynBusiness, s *session, customerID string, tc kit.TestCard, now time.Time) Order {
	network := strings.ToLower(tc.Type)
	created := At(now)
	o := Order{
		ID: s.PaymentID, InvoiceURL: sec.Base() + "/transactions/payments/" + s.PaymentID + "/print",
		Customer:    OrderCustomer{CustomerID: customerID, Email: s.CustomerEmail, Name: s.CustomerName},
		TotalAmount: s.Total, Subtotal: s.Subtotal, AmountAfterFees: s.Total, Currency: s.Currency,
		Status: s.Status, CreatedAt: created, PaymentMethod: "card", CardLastFour: tc.Number[len(tc.Number)-4:],
		CardNetwork: network, CardType: network, ProductCart: []OrderProductCart{}, Metadata: metadataOf(s),
		Refundable: s.Status == StatusPaid, Refunds: []json.RawMessage{}, BusinessID: biz.ID, BusinessName: biz.Name,
		BillingReason: billingReason(s),
	}
	if usd, ok := sec.Currency("usd"); ok {
		if cur, ok := sec.Currency(s.Currency); ok {
			total := M(convert(fromCents(s.Total), cur.Rate(), usd.Rate()))
			o.USDTotal = &total
		}
	}
	if s.Status == StatusPaid {
		o.PaidAt = &created
	}
	if b := s.Billing; !b.IsZero() {
		street := strings.TrimSpace(b.Line1 + " " + b.Line2)
		o.Billing = &OrderBilling{Street: street, City: b.City, State: b.State, Zipcode: b.PostalCode, Country: b.Country}
	}
	for _, l := range s.Lines {
		o.ProductCart = append(o.ProductCart, OrderProductCart{ID: l.ProductID, Name: l.Name, Quantity: l.Quantity, Price: l.Unit, PricingType: l.PricingType})
	}
	return o
}

// paymentCreated is the body of payment.created: the payment as it starts,
// status "created", before the card's answer.
func paymentCreated(o Order, s *session, card PayRequest, now time.Time) WebhookPaymentPayload {
	str := func(v string) *string { return &v }
	money := func(c int64) *string { return str(twoDecimals(c)) }
	at := At(now)
	p := WebhookPaymentPayload{
		ID: o.ID, Status: "created", Substatus: str("incomplete"),
		CustomerID: str(o.Customer.CustomerID), CustomerEmail: str(o.Customer.Email), CustomerName: nullable(o.Customer.Name),
		ProductTitle: str(s.Title), ProductRoute: str(slug(s.Title)), BillingReason: str(o.BillingReason),
		Amount: money(o.TotalAmount), Subtotal: money(o.Subtotal), FeeAmount: money(o.ApplicationFee),
		AmountAfterFees: money(o.AmountAfterFees), TaxAmount: money(o.TaxAmount), RefundedAmount: "0",
		SettlementAmount: money(o.TotalAmount), SettlementCurrency: str(o.Currency),
		Currency: strings.ToUpper(o.Currency), PaymentMethod: str("card"), CardBrand: str(o.CardNetwork),
		CardLast4: str(o.CardLastFour), CheckoutID: str(s.ID), DiscountCode: nullable(s.DiscountCode),
		LastPaymentAttempt: &at, CreatedAt: at, UpdatedAt: at,
		PaymentEventType: str(EventPaymentCreated), LastEventType: str(EventPaymentCreated), BusinessID: o.BusinessID,
	}
	if o.USDTotal != nil {
		p.USDTotal = str(o.USDTotal.StringFixed(2))
	}
	if card.ExpMonth != 0 {
		p.CardExpMonth = &card.ExpMonth
	}
	if card.ExpYear != 0 {
		p.CardExpYear = &card.ExpYear
	}
	if !s.Billing.IsZero() {
		b := s.Billing
		p.BillingAddress = &b
	}
	return p
}

// slug is a title as a URL slug ("Pro Plan" → "pro-plan").
func slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}
