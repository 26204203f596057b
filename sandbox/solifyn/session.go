package solifyn

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/shopspring/decimal"
)

// SessionTTL is how long a session stays payable: it is expired 24 hours
// after its creation on the sandbox clock (DESIGN decision 6).
const SessionTTL = 24 * time.Hour

// maxQuantity is JavaScript's largest exact integer, Number.MAX_SAFE_INTEGER:
// the vendor's server cannot count beyond it.
const maxQuantity = 1<<53 - 1

// session is a checkout session as stored. Its prices are fixed when it is
// created (or updated through checkoutId), so a later world change does not
// alter a session a customer is paying.
type session struct {
	Account      string `json:"account"`
	ID           string `json:"id"`
	SessionID    string `json:"session_id"`
	ProductID    string `json:"product_id,omitempty"`
	CollectionID string `json:"collection_id,omitempty"`
	// Title is the product's or the collection's name.
	Title    string `json:"title"`
	Quantity int64  `json:"quantity"`
	// Currency is lower case.
	Currency string `json:"currency"`
	Lines    []line `json:"lines"`
	// Subtotal, Discount and Total are cents of Currency.
	Subtotal     int64  `json:"subtotal"`
	Discount     int64  `json:"discount"`
	Total        int64  `json:"total"`
	DiscountID   string `json:"discount_id,omitempty"`
	DiscountCode string `json:"discount_code,omitempty"`
	// DiscountPercent (a decimal) or DiscountFixed (cents of Currency) is
	// what the code takes off the discounted lines, fixed at creation.
	DiscountPercent string          `json:"discount_percent,omitempty"`
	DiscountFixed   int64           `json:"discount_fixed,omitempty"`
	CustomerEmail   string          `json:"customer_email,omitempty"`
	CustomerName    string          `json:"customer_name,omitempty"`
	Billing         Address         `json:"billing"`
	CheckoutData    json.RawMessage `json:"checkout_data,omitempty"`
	CustomFields    json.RawMessage `json:"custom_fields,omitempty"`
	Aff             string          `json:"aff,omitempty"`
	// PayWhatYouWant lets the customer choose the unit price on the hosted
	// checkout (a product checkout of a pay-what-you-want product).
	PayWhatYouWant bool      `json:"pay_what_you_want,omitempty"`
	CheckoutURL    string    `json:"checkout_url"`
	Status         string    `json:"status"`
	PaymentID      string    `json:"payment_id,omitempty"`
	FailureMessage string    `json:"failure_message,omitempty"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// line is one product of a session; Unit is its price in cents.
// Discounted says the session's discount code applies to it.
type line struct {
	ProductID   string `json:"product_id"`
	Name        string `json:"name"`
	PricingType string `json:"pricing_type"`
	Quantity    int64  `json:"quantity"`
	Unit        int64  `json:"unit"`
	Discounted  bool   `json:"discounted,omitempty"`
}

// price works out the session's subtotal, discount and total from its
// lines and its discount: a percentage of the discounted lines rounded to
// cents, or a fixed amount, capped at those lines' value.
func (s *session) price() {
	var eligible int64
	s.Subtotal = 0
	for _, l := range s.Lines {
		s.Subtotal += l.Unit * l.Quantity
		if l.Discounted {
			eligible += l.Unit * l.Quantity
		}
	}
	off := s.DiscountFixed
	if pct, err := decimal.NewFromString(s.DiscountPercent); err == nil {
		off = toCents(fromCents(eligible).Mul(pct).Div(hundred))
	}
	s.Discount = min(off, eligible)
	s.Total = s.Subtotal - s.Discount
}

// setCustomPrice makes a pay-what-you-want session's unit price cents, as
// customPrice does at creation, within the same limits.
func (s *session) setCustomPrice(cents int64) error {
	switch {
	case cents <= 0:
		return ErrCustomPriceNotPositive
	case len(s.Lines) != 1 || cents > maxCents/s.Lines[0].Quantity:
		return ErrAmountTooLarge
	}
	s.Lines[0].Unit = cents
	s.price()
	return nil
}

// state is the session's status at now: pending turns expired after SessionTTL.
func (s *session) state(now time.Time) string {
	if s.Status == StatusPending && !now.Before(s.CreatedAt.Add(SessionTTL)) {
		return StatusExpired
	}
	return s.Status
}

// sessionRef indexes a session by its session_id.
type sessionRef struct {
	Account string `json:"account"`
	ID      string `json:"id"`
}

func saveSession(tx store.Tx, s *session) error {
	if err := store.PutJSON(tx, bucketSessions, s.ID, s); err != nil {
		return fmt.Errorf("solifyn: save session: %w", err)
	}
	if err := store.PutJSON(tx, bucketSessionIndex, s.SessionID, sessionRef{Account: s.Account, ID: s.ID}); err != nil {
		return fmt.Errorf("solifyn: index session: %w", err)
	}
	return nil
}

// loadSession finds a session by its id or its session_id.
func loadSession(tx store.Tx, key string) (*session, bool, error) {
	id := key
	var ref sessionRef
	if ok, err := store.GetJSON(tx, bucketSessionIndex, key, &ref); err != nil {
		return nil, false, err
	} else if ok {
		id = ref.ID
	}
	s := new(session)
	ok, err := store.GetJSON(tx, bucketSessions, id, s)
	if err != nil || !ok {
		return nil, false, err
	}
	return s, true, nil
}

// createInput is a validated checkout creation body.
type createInput struct {
	productID, collectionID string
	currency                string
	quantity                decimal.Decimal
	discountCode            string
	customPrice             *decimal.Decimal
	customerEmail           string
	checkoutData            json.RawMessage
	customFields            json.RawMessage
	aff                     string
	checkoutID              string
}

// createInputOf reads a body that passed CreateBody or CollectionCreateBody.
func createInputOf(p *parsed) createInput {
	in := createInput{
		productID:     stringOf(p, "productId"),
		collectionID:  stringOf(p, "collectionId"),
		currency:      stringOf(p, "currency"),
		quantity:      decimal.NewFromInt(1),
		discountCode:  stringOf(p, "discountCode"),
		customerEmail: stringOf(p, "customerEmail"),
		checkoutData:  optional(p, "checkoutData"),
		customFields:  optional(p, "customFields"),
		aff:           stringOf(p, "aff"),
		checkoutID:    stringOf(p, "checkoutId"),
	}
	if q, ok := decimalOf(p, "quantity"); ok {
		in.quantity = q
	}
	if c, ok := decimalOf(p, "customPrice"); ok {
		in.customPrice = &c
	}
	return in
}

// item is a product of a purchase and how many of it one unit holds.
type item struct {
	product *fixtures.SolifynProduct
	per     int64
}

// resolve finds the product or collection of a creation: among the key's
// business's, or among every business's on a route without a key.
func resolve(sec *fixtures.Solifyn, caller *fixtures.SolifynBusiness, in createInput) (*fixtures.SolifynBusiness, []item, error) {
	if in.collectionID == "" {
		biz, p, ok := sec.FindProduct(in.productID)
		if caller != nil {
			biz = caller
			p, ok = caller.Product(in.productID)
		}
		switch {
		case !ok:
			return nil, nil, ErrProductNotFound
		case !p.Active():
			return nil, nil, ErrProductArchived
		}
		return biz, []item{{p, 1}}, nil
	}
	biz, c, ok := sec.FindCollection(in.collectionID)
	if caller != nil {
		biz = caller
		c, ok = caller.Collection(in.collectionID)
	}
	switch {
	case !ok:
		return nil, nil, ErrCollectionNotFound
	case !c.Active():
		return nil, nil, ErrCollectionArchived
	}
	items := make([]item, len(c.Products))
	for i := range c.Products {
		p, _ := biz.Product(c.Products[i].ID) // the world validates collection products
		if !p.Active() {
			return nil, nil, ErrProductArchived
		}
		items[i] = item{p, c.Products[i].Qty()}
	}
	return biz, items, nil
}

// quote checks a creation against the rules of DESIGN decision 4, in that
// order — product or collection, quantity and stock, customPrice,
// currency, discountCode — and prices it. The result has no ids yet.
func quote(tx store.Tx, sec *fixtures.Solifyn, caller *fixtures.SolifynBusiness, in createInput, now time.Time) (*session, error) {
	biz, items, err := resolve(sec, caller, in)
	if err != nil {
		return nil, err
	}
	s := &session{Account: biz.ID, ProductID: in.productID, CollectionID: in.collectionID, Status: StatusPending,
		CustomerEmail: in.customerEmail, CheckoutData: in.checkoutData, CustomFields: in.customFields, Aff: in.aff,
		CreatedAt: now, UpdatedAt: now}
	s.Title = items[0].product.Name
	if c, ok := biz.Collection(in.collectionID); ok {
		s.Title = c.Name
	}
	if in.quantity.GreaterThan(decimal.NewFromInt(maxQuantity)) {
		return nil, ErrAmountTooLarge
	}
	s.Quantity = in.quantity.IntPart()
	for _, it := range items {
		qty := decimal.NewFromInt(it.per).Mul(in.quantity)
		if qty.GreaterThan(decimal.NewFromInt(maxQuantity)) {
			return nil, ErrAmountTooLarge
		}
		left, err := available(tx, it.product)
		if err != nil {
			return nil, err
		}
		if left != nil && qty.GreaterThan(decimal.NewFromInt(*left)) {
			return nil, ErrInsufficientStock
		}
		s.Lines = append(s.Lines, line{ProductID: it.product.ID, Name: it.product.Name, PricingType: it.product.PricingType, Quantity: qty.IntPart()})
	}
	var custom *int64
	s.PayWhatYouWant = in.collectionID == "" && items[0].product.PayWhatYouWant
	if in.customPrice != nil {
		if !items[0].product.PayWhatYouWant {
			return nil, ErrCustomPriceNotAllowed
		}
		if in.customPrice.GreaterThan(fromCents(maxCents)) {
			return nil, ErrAmountTooLarge
		}
		c := toCents(*in.customPrice)
		if c <= 0 {
			return nil, ErrCustomPriceNotPositive
		}
		custom = &c
	}
	base := strings.ToLower(items[0].product.Currency)
	s.Currency = base
	if in.currency != "" {
		s.Currency = in.currency
	}
	if !biz.Sells(s.Currency) {
		return nil, ErrCurrencyNotSupported
	}
	from, _ := sec.Currency(base) // the world validates business currencies
	to, _ := sec.Currency(s.Currency)
	priced := func(d decimal.Decimal) decimal.Decimal { return convert(d, from.Rate(), to.Rate()) }
	limit := decimal.NewFromInt(maxCents)
	for i := range s.Lines {
		l := &s.Lines[i]
		// A pay-what-you-want price is what the customer pays, in the
		// checkout's currency; other prices are converted.
		unit := toCents(priced(items[i].product.PriceValue()))
		if custom != nil {
			unit = *custom
		}
		amount := decimal.NewFromInt(unit).Mul(decimal.NewFromInt(l.Quantity))
		if amount.Add(decimal.NewFromInt(s.Subtotal)).GreaterThan(limit) {
			return nil, ErrAmountTooLarge
		}
		l.Unit = unit
		s.Subtotal += unit * l.Quantity
	}
	if in.discountCode != "" {
		if err := applyDiscount(tx, biz, s, in.discountCode, priced, now); err != nil {
			return nil, err
		}
	}
	s.price()
	return s, nil
}

// applyDiscount takes a code off the session: it must exist, be active,
// unexpired and not used up, and apply to at least one of its products.
// A code restricted to some products discounts only their lines; a fixed
// amount is in the product's currency, converted.
func applyDiscount(tx store.Tx, biz *fixtures.SolifynBusiness, s *session, code string, priced func(decimal.Decimal) decimal.Decimal, now time.Time) error {
	d, ok := biz.DiscountByCode(code)
	if !ok {
		return ErrInvalidDiscount
	}
	usable, err := redeemable(tx, d, now)
	if err != nil {
		return err
	}
	applies := false
	for i := range s.Lines {
		if d.AppliesTo(s.Lines[i].ProductID) {
			s.Lines[i].Discounted, applies = true, true
		}
	}
	if !usable || !applies {
		return ErrInvalidDiscount
	}
	if d.Type == fixtures.SolifynPercentage {
		s.DiscountPercent = d.AmountValue().String()
	} else {
		s.DiscountFixed = toCents(priced(d.AmountValue()))
	}
	s.DiscountID, s.DiscountCode = d.ID, d.Code
	return nil
}

// createSession makes a session — or, with checkoutId, reprices an existing
// pending one of the same business, keeping its ids, its creation time (so
// its expiry) and what the customer entered on the hosted checkout.
func (v *Vendor) createSession(tx store.Tx, sec *fixtures.Solifyn, caller *fixtures.SolifynBusiness, in createInput, base string) (*session, error) {
	now := v.env.Now().UTC()
	s, err := quote(tx, sec, caller, in, now)
	if err != nil {
		return nil, err
	}
	if in.checkoutID != "" {
		old, ok, err := loadSession(tx, in.checkoutID)
		switch {
		case err != nil:
			return nil, err
		case !ok || old.Account != s.Account:
			return nil, ErrSessionNotFound
		case old.state(now) != StatusPending:
			return nil, ErrSessionNotPending
		}
		s.ID, s.SessionID, s.CreatedAt = old.ID, old.SessionID, old.CreatedAt
		s.CustomerName, s.Billing = old.CustomerName, old.Billing
		if s.CustomerEmail == "" {
			s.CustomerEmail = old.CustomerEmail
		}
	} else {
		s.ID = v.uuid7(kindCheckout, now)
		s.SessionID = "ch_" + v.token(kindSession, 14)
	}
	item := s.ProductID
	if s.CollectionID != "" {
		item = s.CollectionID
	}
	s.CheckoutURL = base + Path(PathHostedCheckout, item) + "?checkout_id=" + s.ID
	if err := saveSession(tx, s); err != nil {
		return nil, err
	}
	return s, nil
}

// details is a session as GET /v1/checkout/session/{id} shows it. The spec's
// example puts a ch_ value in id; the sandbox answers the session's
// database id (the UUID of the create response) in id and the ch_ one in
// session_id, which is what the create response calls them.
func details(tx store.Tx, sec *fixtures.Solifyn, s *session, now time.Time) (*CheckoutSessionDetails, error) {
	d := &CheckoutSessionDetails{
		ID: s.ID, Price: M(fromCents(s.Total)), Currency: strings.ToUpper(s.Currency), Status: s.state(now),
		BillingAddress: s.Billing, CustomFields: objectOrEmpty(s.CustomFields), SessionID: s.SessionID,
		PaymentID: s.PaymentID, CheckoutURL: s.CheckoutURL, EntitlementGrants: []json.RawMessage{},
	}
	biz, ok := sec.Business(s.Account)
	if !ok {
		return d, nil // the business left the world: no store name, no product
	}
	d.StoreName = biz.Name
	if p, ok := biz.Product(s.ProductID); ok {
		view, err := productView(tx, biz, p)
		if err != nil {
			return nil, err
		}
		d.Product = &view
	}
	return d, nil
}

func objectOrEmpty(raw json.RawMessage) json.RawMessage {
	if raw == nil {
		return json.RawMessage("{}")
	}
	return raw
}
