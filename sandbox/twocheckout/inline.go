package twocheckout

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/flashcart/flashcart/internal/iso"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/flashcart/flashcart/sandbox/internal/store"
)

// The InLine cart: a cart a merchant's page opens with the TwoCoInlineCart
// client is checked against the merchant's catalogue in the store (the one
// the JSON-RPC API serves), stored, shown in the overlay (or the JSON
// twin), changed by the shopper, and paid through placeOrder itself, so
// that its order is an ordinary order: getOrder answers it and its IPN is
// sent.

// bucketInline holds the InLine carts, by id.
const bucketInline = "twocheckout_inline_carts"

// versionInline is the API version of a call the InLine cart makes: the
// cart does 3-D Secure itself, so its card payments need no 3-D Secure
// URLs.
const versionInline = "inline"

// The InLine cart's own error codes, for what the order API has no code
// for.
const (
	InlineRequestInvalid   = "INLINE_REQUEST_INVALID"
	InlineMerchantInvalid  = "INLINE_MERCHANT_INVALID"
	InlineSignatureInvalid = "INLINE_SIGNATURE_INVALID"
	InlineCartNotFound     = "INLINE_CART_NOT_FOUND"
	InlineCartPaid         = "INLINE_CART_PAID"
)

// InlineCodes lists the InLine cart's own error codes with their messages
// (a %s stands for the value the error is about), for the docs.
var InlineCodes = []struct{ Code, Message, Meaning string }{
	{InlineRequestInvalid, "The cart request is not valid: %s.", "The cart, change or payment is not the JSON (or form) the InLine cart sends: malformed, an unknown key, a value of the wrong type, a mode other than CATALOG or DYNAMIC, an item index out of the cart."},
	{InlineMerchantInvalid, "Unknown merchant [%s].", "No merchant of the world has the cart's merchant code (or none was set)."},
	{InlineSignatureInvalid, "Invalid signature.", "The signature sent does not match the cart, the merchant requires one (require_inline_signature) and none was sent, or the cart's expiration is past."},
	{InlineCartNotFound, "Cart [%s] was not found.", "No InLine cart has that id (a reset removes them)."},
	{InlineCartPaid, "Cart [%s] is already paid.", "A change or a payment of a cart whose order was placed."},
}

// inlineState is a stored cart.
type inlineState struct {
	// Cart is the cart as opened, with its defaults filled in.
	Cart InlineCart `json:"cart"`
	// Fields are the order fields' values now; ItemFields each item's.
	Fields     []InlineFieldValue   `json:"fields"`
	ItemFields [][]InlineFieldValue `json:"item_fields"`
	Coupon     string               `json:"coupon"`
	Billing    InlineBilling        `json:"billing"`
	Opened     time.Time            `json:"opened"`
	// Paid is the cart as it was paid, with its RefNo.
	Paid *InlineCartView `json:"paid,omitempty"`
}

// inlineRefusal is a cart, change or payment refused: every problem found,
// and the HTTP status of the twin's answer.
type inlineRefusal struct {
	status int
	errs   []InlineError
}

func (e *inlineRefusal) Error() string {
	var parts []string
	for _, x := range e.errs {
		parts = append(parts, x.ErrorCode+": "+x.Message)
	}
	return "twocheckout: InLine cart refused: " + strings.Join(parts, "; ")
}

// refuse returns a refusal with one problem of the InLine cart's own.
func refuse(status int, code, arg, hint string) *inlineRefusal {
	return &inlineRefusal{status: status, errs: []InlineError{inlineError(code, arg, hint)}}
}

// inlineError is one of the InLine cart's own problems.
func inlineError(code, arg, hint string) InlineError {
	for _, c := range InlineCodes {
		if c.Code == code {
			msg := c.Message
			if strings.Contains(msg, "%s") {
				msg = fmt.Sprintf(msg, arg)
			}
			return InlineError{ErrorCode: code, Message: msg, Hint: hint}
		}
	}
	panic("twocheckout: no InLine error code " + code)
}

// problems collects the problems of a cart.
type problems struct{ errs []InlineError }

// add adds err: a catalogue *Error as its code and message, an
// *inlineRefusal's problems; it returns any other error (a store failure).
func (p *problems) add(err error) error {
	var e *Error
	var refusal *inlineRefusal
	switch {
	case err == nil:
	case errors.As(err, &e):
		p.errs = append(p.errs, InlineError{ErrorCode: catalogue[e.ID].ErrorCode, Message: e.Message, Hint: e.Hint})
	case errors.As(err, &refusal):
		p.errs = append(p.errs, refusal.errs...)
	default:
		return err
	}
	return nil
}

// refusalOf answers the refusal an error of the InLine cart is: an
// *inlineRefusal, or a catalogue *Error (placeOrder's) as a refusal of one
// problem; false for any other error (a store failure).
func refusalOf(err error) (*inlineRefusal, bool) {
	var refusal *inlineRefusal
	if errors.As(err, &refusal) {
		return refusal, true
	}
	var p problems
	if err != nil && p.add(err) == nil {
		return &inlineRefusal{status: http.StatusBadRequest, errs: p.errs}, true
	}
	return nil, false
}

// refusal is the problems found, as an error; nil when there are none.
func (p *problems) refusal() error {
	if len(p.errs) == 0 {
		return nil
	}
	return &inlineRefusal{status: http.StatusBadRequest, errs: p.errs}
}

// InlineSignature returns the signature of a cart: the lower-case hex
// HMAC-SHA256, keyed with the merchant's secret key, of the length-prefixed
// values (as the login hash and the IPN are) of, in the alphabetical order
// of their names, the currency (upper case; empty when the page set none,
// whatever the cart's default), the expiration (a Unix time;
// empty when none), the merchant code, then each product's code (its name
// in a DYNAMIC cart), quantity (1 when absent) and price (two decimals;
// empty when none).
func InlineSignature(secret string, c InlineCart) string {
	sig, _ := sign(AlgoSHA256, secret, inlineSource(normalizeInline(c)))
	return sig
}

func quantityOf(p InlineProduct) int {
	if p.Quantity == nil {
		return 1
	}
	return *p.Quantity
}

// inline runs fn on a cart's merchant in a transaction: a view unless
// write. The call fn gets is placeOrder's, on the merchant, whose catalogue
// is in the store.
func (v *Vendor) inline(r *http.Request, merchant string, write bool, fn func(c *call) error) error {
	m, ok := v.merchant(merchant)
	if !ok {
		return refuse(http.StatusBadRequest, InlineMerchantInvalid, merchant, fmt.Sprintf("no merchant %q in the world: set it with TwoCoInlineCart.setup.setMerchant, or the loader's {\"app\":{\"merchant\":…}}", merchant))
	}
	v.note(r, func(n *kit.Note) { n.Account = m.Code })
	c := &call{v: v, r: r, now: v.env.Now().UTC(), version: versionInline, m: methods[MethodPlaceOrder],
		params: make([]any, 2), args: make([]any, 2), merchant: m}
	run := func(tx store.Tx) error {
		c.tx = tx
		if !exists(tx, bucketMerchants, m.Code) {
			if !write {
				return errReadOnly
			}
			if err := seed(tx, m); err != nil {
				return err
			}
		}
		return fn(c)
	}
	if !write {
		return v.env.Store.View(run)
	}
	err := v.env.Store.Update(run)
	if err == nil {
		v.env.Outbox.Kick() // an IPN may be due
	}
	return err
}

// errReadOnly stops a view of a cart whose merchant's catalogue is not in
// the store any more (its account was reset): the cart is gone too.
var errReadOnly = errors.New("twocheckout: the merchant's catalogue is not in the store")

// OpenInline checks a cart and stores it. A refusal lists every problem:
// the merchant, the signature and expiration, each product, each field
// value, the coupon.
func (v *Vendor) OpenInline(r *http.Request, in InlineCart) (InlineCartView, error) {
	var view InlineCartView
	in = normalizeInline(in)
	var p problems
	if in.Mode != InlineCatalog && in.Mode != InlineDynamic {
		p.add(refuse(0, InlineRequestInvalid, "mode must be CATALOG or DYNAMIC", fmt.Sprintf("setup.setMode(%q)", in.Mode)))
		return view, p.refusal()
	}
	err := v.inline(r, in.Merchant, true, func(c *call) error {
		if err := p.add(c.inlineSignature(in)); err != nil {
			return err
		}
		if in.Currency == "" {
			in.Currency = c.defaultCurrency(in)
		}
		st := inlineState{Cart: in, Fields: []InlineFieldValue{}, ItemFields: make([][]InlineFieldValue, len(in.Products)),
			Billing: orZero(in.Billing), Opened: c.now}
		if len(in.Coupons) > 0 {
			st.Coupon = in.Coupons[len(in.Coupons)-1]
		}
		for i := range st.ItemFields {
			st.ItemFields[i] = []InlineFieldValue{}
		}
		k, err := c.inlineLines(&p, st)
		if err != nil {
			return err
		}
		for _, f := range in.AdditionalFields {
			if err := p.add(c.setField(&st.Fields, f, nil)); err != nil {
				return err
			}
		}
		if k != nil && len(p.errs) == 0 {
			if _, err := c.price(st.order(), true); p.add(err) != nil {
				return err
			}
		}
		if err := p.refusal(); err != nil {
			return err
		}
		id, err := unique(c.tx, bucketInline, func() string { return c.v.env.IDs.Hex("twocheckout.inline", 24) })
		if err != nil {
			return err
		}
		if view, err = c.inlineView(id, st); err != nil {
			return err
		}
		return save(c.tx, bucketInline, id, c.merchant.Code, st)
	})
	return view, err
}

// normalizeInline fills a cart's defaults: CATALOG, upper-case currency and
// mode, lower-case language (en), quantities of 1.
func normalizeInline(in InlineCart) InlineCart {
	in.Mode = strings.ToUpper(or(in.Mode, InlineCatalog))
	in.Currency = strings.ToUpper(in.Currency)
	in.Language = strings.ToLower(or(in.Language, "en"))
	in.Products = slices.Clone(in.Products)
	for i := range in.Products {
		if in.Products[i].Quantity == nil {
			q := 1
			in.Products[i].Quantity = &q
		}
	}
	in.Origin = messageOrigin(in.Origin)
	return in
}

// messageOrigin is where the overlay posts its messages: the origin
// (scheme://host[:port]) of the page's http(s) address, else any ("*": a
// page opened from a file has no origin to name).
func messageOrigin(origin string) string {
	u, err := url.Parse(origin)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "*"
	}
	return u.Scheme + "://" + u.Host
}

// inlineSignature checks the signature of a cart: when one is sent, or the
// merchant requires one; and its expiration, when one is set.
func (c *call) inlineSignature(in InlineCart) error {
	if in.Expiration != nil && c.now.Unix() >= *in.Expiration {
		return refuse(0, InlineSignatureInvalid, "", fmt.Sprintf("the cart expired at %s GMT (cart.setExpiration(%d)); the sandbox clock is %s GMT",
			time.Unix(*in.Expiration, 0).UTC().Format(LoginDateLayout), *in.Expiration, c.now.Format(LoginDateLayout)))
	}
	if in.Signature == "" && !c.merchant.RequireInlineSignature {
		return nil
	}
	if in.Signature == "" {
		return refuse(0, InlineSignatureInvalid, "", fmt.Sprintf("merchant %q requires a signed cart (require_inline_signature): call TwoCoInlineCart.cart.setSignature with the signature of POST %s", c.merchant.Code, InlineSignaturePath))
	}
	if !signedEqual(in.Signature, InlineSignature(c.merchant.SecretKey, in)) {
		return refuse(0, InlineSignatureInvalid, "", fmt.Sprintf("the signature is not the HMAC-SHA256 with the merchant's secret key over %q", inlineSource(in)))
	}
	return nil
}

// inlineSource is the source string a normalized cart's signature signs.
func inlineSource(in InlineCart) string {
	exp := ""
	if in.Expiration != nil {
		exp = strconv.FormatInt(*in.Expiration, 10)
	}
	values := []string{in.Currency, exp, in.Merchant}
	for _, p := range in.Products {
		id, price := p.Code, ""
		if in.Mode == InlineDynamic {
			id = p.Name
		}
		if p.Price != nil {
			price = p.Price.StringFixed(2)
		}
		values = append(values, id, strconv.Itoa(quantityOf(p)), price)
	}
	return lengthPrefixed(values...)
}

// defaultCurrency is a cart's currency when the page set none: its first
// catalogue product's default currency, else USD.
func (c *call) defaultCurrency(in InlineCart) string {
	if in.Mode == InlineCatalog && len(in.Products) > 0 {
		if p, ok, err := get[Product](c, bucketProducts, in.Products[0].Code); err == nil && ok {
			if pc := defaultPricing(&p); pc != nil && pc.DefaultCurrency != "" {
				return pc.DefaultCurrency
			}
		}
	}
	return "USD"
}

// inlineLines checks a cart's currency and each of its products, adding
// every problem, and answers the priced lines (nil with problems).
func (c *call) inlineLines(p *problems, st inlineState) (*cart, error) {
	in := st.order()
	k := &cart{in: in, currency: st.Cart.Currency, promotions: map[string]*promotionState{}}
	if len(in.Items) == 0 {
		return nil, p.add(fail(ErrProductsEmpty).hint("add products with TwoCoInlineCart.products.add({code, quantity}) before cart.checkout()"))
	}
	if !iso.IsCurrency(k.currency) {
		return nil, p.add(fail(ErrOrderCurrencyInvalid).hint("cart.setCurrency(%q) is not an ISO 4217 code", st.Cart.Currency))
	}
	before := len(p.errs)
	for i, it := range in.Items {
		if it.Quantity < 1 || it.Quantity > maxQuantity {
			p.add(fail(ErrQuantityInvalid).hint("products[%d].quantity is %d", i, it.Quantity))
			continue
		}
		if it.PurchaseType != "" && !slices.Contains([]string{"PRODUCT", "SHIPPING", "TAX", "COUPON"}, it.PurchaseType) {
			p.add(fail(ErrPurchaseTypeInvalid).hint("products[%d].type is %q", i, it.PurchaseType))
			continue
		}
		l, err := c.line(k, i, it)
		if err != nil {
			if err := p.add(err); err != nil {
				return nil, err
			}
			continue
		}
		k.lines = append(k.lines, l)
	}
	if len(p.errs) > before {
		return nil, nil
	}
	return k, nil
}

// setField sets a field's value in values (an item's when l is set, else
// the order's), checked as placeOrder checks it; an empty string removes
// the value.
func (c *call) setField(values *[]InlineFieldValue, f InlineFieldValue, l *line) error {
	i := slices.IndexFunc(*values, func(x InlineFieldValue) bool { return x.Code == f.Code })
	if s, ok := f.Value.(string); ok && s == "" {
		if i >= 0 {
			*values = slices.Delete(*values, i, i+1)
		}
		return nil
	}
	if _, err := c.checkFieldValues([]AdditionalFieldValue{{Code: f.Code, Value: f.Value}}, l); err != nil {
		return err
	}
	if i >= 0 {
		(*values)[i] = f
	} else {
		*values = append(*values, f)
	}
	return nil
}

// orderFieldCodes are the order fields the overlay shows: those the
// merchant set, then those set since, each once, whether or not they still
// have a value.
func (st inlineState) orderFieldCodes() []string {
	var codes []string
	for _, list := range [][]InlineFieldValue{st.Cart.AdditionalFields, st.Fields} {
		for _, f := range list {
			if !slices.Contains(codes, f.Code) {
				codes = append(codes, f.Code)
			}
		}
	}
	return codes
}

// order is the cart as placeOrder's Order, without billing or payment.
func (st inlineState) order() OrderInput {
	in := OrderInput{Currency: st.Cart.Currency, Language: st.Cart.Language, ExternalReference: st.Cart.ExternalReference,
		CustomerReference: st.Cart.CustomerReference, Source: st.Cart.Source, AdditionalFields: fieldValues(st.Fields)}
	if st.Coupon != "" {
		in.Promotions = []string{st.Coupon}
	}
	for i, p := range st.Cart.Products {
		it := ItemInput{Quantity: quantityOf(p)}
		if i < len(st.ItemFields) {
			it.AdditionalFields = fieldValues(st.ItemFields[i])
		}
		if p.Price != nil {
			it.Price = &PriceInput{Amount: p.Price, Type: "CUSTOM"}
		}
		if st.Cart.Mode == InlineDynamic {
			it.IsDynamic, it.Name, it.PurchaseType, it.Tangible = true, p.Name, strings.ToUpper(p.Type), p.Tangible
			if it.Price == nil {
				it.Price = &PriceInput{Type: "CUSTOM"}
			}
		} else {
			code := p.Code
			it.Code = &code
		}
		in.Items = append(in.Items, it)
	}
	return in
}

func fieldValues(values []InlineFieldValue) []AdditionalFieldValue {
	var out []AdditionalFieldValue
	for _, v := range values {
		out = append(out, AdditionalFieldValue{Code: v.Code, Value: v.Value})
	}
	return out
}

// inlineView prices a cart for the overlay.
func (c *call) inlineView(id string, st inlineState) (InlineCartView, error) {
	if st.Paid != nil {
		return *st.Paid, nil
	}
	k, err := c.price(st.order(), true)
	if err != nil {
		return InlineCartView{}, err
	}
	money := func(a Amount) string { return a.StringFixed(2) }
	view := InlineCartView{ID: id, Merchant: st.Cart.Merchant, Status: InlineOpen, Mode: st.Cart.Mode, Currency: k.currency,
		Language: st.Cart.Language, Test: st.Cart.Test, Items: []InlineItemView{}, Coupon: st.Coupon, Billing: st.Billing,
		Totals: InlineTotals{Net: money(k.total.NetDiscountedPrice), VAT: money(k.total.VAT), Discount: money(k.total.Discount),
			Total: money(k.total.GrossDiscountedPrice)}}
	if view.AdditionalFields, err = c.fieldViews(st.Fields, nil, st.orderFieldCodes()); err != nil {
		return view, err
	}
	for i, l := range k.lines {
		item := InlineItemView{Index: i, Name: l.name, Quantity: l.qty, UnitPrice: l.unit.StringFixed(2),
			Discount: money(l.price.Discount), Total: money(l.price.GrossDiscountedPrice), AdditionalFields: []InlineFieldView{}}
		if l.product != nil {
			item.Code = l.product.ProductCode
		}
		if l.promotion != nil {
			item.Promotion = l.promotion.Name
		}
		if item.AdditionalFields, err = c.fieldViews(st.ItemFields[i], l, nil); err != nil {
			return view, err
		}
		view.Items = append(view.Items, item)
	}
	return view, nil
}

// fieldViews shows the order fields of codes (l nil), or every field
// assigned to a line's product, each with its value.
func (c *call) fieldViews(values []InlineFieldValue, l *line, codes []string) ([]InlineFieldView, error) {
	out := []InlineFieldView{}
	show := func(code string, required bool) error {
		f, ok, err := get[AdditionalField](c, bucketFields, code)
		if err != nil || !ok {
			return err
		}
		fv := InlineFieldView{Code: f.Code, Label: f.Label, Type: f.Type, Values: orEmpty(f.Values), Required: required}
		if i := slices.IndexFunc(values, func(v InlineFieldValue) bool { return v.Code == code }); i >= 0 {
			fv.Value = values[i].Value
		}
		out = append(out, fv)
		return nil
	}
	if l == nil {
		for _, code := range codes {
			if err := show(code, false); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	if l.product == nil {
		return out, nil
	}
	for _, a := range l.product.AdditionalFields {
		if a.Enabled {
			if err := show(a.Code, a.Required); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// loadInline reads a stored cart, or refuses an unknown id.
func (c *call) loadInline(id string) (inlineState, error) {
	rec, ok, err := load[inlineState](c.tx, bucketInline, id)
	switch {
	case err != nil:
		return inlineState{}, err
	case !ok:
		return inlineState{}, refuse(http.StatusNotFound, InlineCartNotFound, id, "")
	}
	return rec.Data, nil
}

// cartMerchant answers the merchant of a stored cart, or refuses an
// unknown id.
func (v *Vendor) cartMerchant(id string) (string, error) {
	var account string
	err := v.env.Store.View(func(tx store.Tx) error {
		rec, ok, err := load[inlineState](tx, bucketInline, id)
		switch {
		case err != nil:
			return err
		case !ok:
			return refuse(http.StatusNotFound, InlineCartNotFound, id, "")
		}
		account = rec.Account
		return nil
	})
	return account, err
}

// InlineView answers a stored cart.
func (v *Vendor) InlineView(r *http.Request, id string) (InlineCartView, error) {
	var view InlineCartView
	account, err := v.cartMerchant(id)
	if err != nil {
		return view, err
	}
	err = v.inline(r, account, false, func(c *call) error {
		st, err := c.loadInline(id)
		if err != nil {
			return err
		}
		view, err = c.inlineView(id, st)
		return err
	})
	if errors.Is(err, errReadOnly) {
		err = refuse(http.StatusNotFound, InlineCartNotFound, id, "")
	}
	return view, err
}

// UpdateInline applies the shopper's changes to an open cart; a refusal
// lists every problem and changes nothing.
func (v *Vendor) UpdateInline(r *http.Request, id string, up InlineUpdate) (InlineCartView, error) {
	var view InlineCartView
	err := v.changeInline(r, id, func(c *call, st *inlineState) error {
		if err := c.applyUpdate(st, up); err != nil {
			return err
		}
		var err error
		view, err = c.inlineView(id, *st)
		return err
	})
	return view, err
}

// changeInline runs fn on an open cart in an update transaction, and
// saves the cart fn changed.
func (v *Vendor) changeInline(r *http.Request, id string, fn func(c *call, st *inlineState) error) error {
	account, err := v.cartMerchant(id)
	if err != nil {
		return err
	}
	return v.inline(r, account, true, func(c *call) error {
		st, err := c.loadInline(id)
		if err != nil {
			return err
		}
		if st.Paid != nil {
			return refuse(http.StatusConflict, InlineCartPaid, id, "its order is "+st.Paid.RefNo)
		}
		if err := fn(c, &st); err != nil {
			return err
		}
		return save(c.tx, bucketInline, id, c.merchant.Code, st)
	})
}

// applyUpdate applies changes to a cart, adding every problem.
func (c *call) applyUpdate(st *inlineState, up InlineUpdate) error {
	var p problems
	k, err := c.inlineLines(&p, *st)
	if err != nil {
		return err
	}
	if k == nil {
		return p.refusal()
	}
	for _, f := range up.AdditionalFields {
		if err := p.add(c.setField(&st.Fields, f, nil)); err != nil {
			return err
		}
	}
	for _, it := range up.Items {
		if it.Index < 0 || it.Index >= len(k.lines) {
			p.add(refuse(0, InlineRequestInvalid, fmt.Sprintf("items[].index %d is not an item of the cart", it.Index), fmt.Sprintf("the cart has %d items, 0 to %d", len(k.lines), len(k.lines)-1)))
			continue
		}
		for _, f := range it.AdditionalFields {
			if err := p.add(c.setField(&st.ItemFields[it.Index], f, k.lines[it.Index])); err != nil {
				return err
			}
		}
	}
	if up.Coupon != nil {
		st.Coupon = strings.TrimSpace(*up.Coupon)
	}
	if up.Billing != nil {
		st.Billing = *up.Billing
	}
	if len(p.errs) == 0 {
		if _, err := c.price(st.order(), true); p.add(err) != nil {
			return err
		}
	}
	return p.refusal()
}

// PayInline applies the last changes to an open cart and pays it with
// placeOrder: the same parameter checks, pricing, payment, order, IPN. A
// refusal (every missing required field, or placeOrder's error) changes
// nothing and places nothing.
func (v *Vendor) PayInline(r *http.Request, id string, pay InlinePayment) (InlinePaidCart, error) {
	var out InlinePaidCart
	err := v.changeInline(r, id, func(c *call, st *inlineState) error {
		if err := c.applyUpdate(st, pay.InlineUpdate); err != nil {
			return err
		}
		var p problems
		k, err := c.price(st.order(), true)
		if err != nil {
			return err
		}
		for i, l := range k.lines {
			for _, code := range missingFields(fieldValues(st.ItemFields[i]), l) {
				label := l.product.AdditionalFields[slices.IndexFunc(l.product.AdditionalFields, func(a AdditionalFieldAssigned) bool { return a.Code == code })].Label
				p.add(fail(ErrOrderAdditionalFieldInvalid, code).hint("%q is required for %s (field %s of item %d)", label, l.name, code, i))
			}
		}
		if err := p.refusal(); err != nil {
			return err
		}
		// The cart as paid, priced before the order uses up its coupon.
		view, err := c.inlineView(id, *st)
		if err != nil {
			return err
		}
		order, err := c.inlineOrder(*st, pay.Card)
		if err != nil {
			return err
		}
		c.params[1] = order
		if err := c.check(1); err != nil {
			return err
		}
		result, err := placeOrder(c)
		if err != nil {
			return err
		}
		out.Order = result.(Order)
		c.v.hint(c.r, "InLine cart: placeOrder placed the order "+out.Order.RefNo)
		view.Status, view.RefNo = InlinePaid, out.Order.RefNo
		st.Paid = &view
		out.Cart = view
		return nil
	})
	return out, err
}

// inlineOrder is the cart as placeOrder's Order parameter, decoded JSON as
// the dispatcher hands it over: the items, fields and coupon, the billing
// details, and the card (TEST with cart.setTest(true), else CC).
func (c *call) inlineOrder(st inlineState, card InlineCard) (any, error) {
	in := st.order()
	b := st.Billing
	first, last := splitName(b.Name)
	in.BillingDetails = &BillingDetails{FirstName: first, LastName: last, CountryCode: b.Country, State: b.State, City: b.City,
		Address1: b.Address, Address2: b.Address2, Zip: b.Zip, Email: b.Email, Phone: b.Phone, Company: b.Company}
	number := strings.NewReplacer(" ", "", "-", "").Replace(card.Number)
	in.CustomerIP = remoteIP(c.r)
	in.PaymentDetails = &PaymentDetails{Type: "CC", Currency: st.Cart.Currency, CustomerIP: in.CustomerIP, PaymentMethod: &PaymentMethod{
		CardNumber: number, CardType: strings.ToUpper(cardBrand(number)), ExpirationMonth: card.Month, ExpirationYear: card.Year,
		HolderName: or(strings.TrimSpace(card.HolderName), b.Name), CCID: card.CVV}}
	if st.Cart.Test {
		in.PaymentDetails.Type = "TEST"
	}
	raw, err := json.Marshal(in)
	if err != nil {
		return nil, fmt.Errorf("twocheckout: encode the InLine order: %w", err)
	}
	return decodeParam(raw)
}

// decodeParam decodes a parameter as the dispatcher does (numbers kept
// exact), dropping the nulls and empty strings of absent members.
func decodeParam(raw []byte) (any, error) {
	env, bad := decodeEnvelope([]byte(`{"jsonrpc":"2.0","id":1,"method":"placeOrder","params":[` + string(raw) + `]}`))
	if bad != nil {
		return nil, bad
	}
	return prune(env.params.([]any)[0]), nil
}

// prune drops the null and empty string members of objects.
func prune(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if x == nil || x == "" {
				delete(v, k)
				continue
			}
			v[k] = prune(x)
		}
	case []any:
		for i, x := range v {
			v[i] = prune(x)
		}
	}
	return v
}

// splitName splits a whole name at its last space: "Mary Ann Smith" is
// "Mary Ann" and "Smith".
func splitName(name string) (first, last string) {
	name = strings.TrimSpace(name)
	i := strings.LastIndexByte(name, ' ')
	if i < 0 {
		return name, ""
	}
	return strings.TrimSpace(name[:i]), name[i+1:]
}

// remoteIP is the address of the shopper.
func remoteIP(r *http.Request) string {
	if r == nil {
		return ""
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return ""
	}
	return host
}

// InlineSign answers the signature of a cart of a merchant of the world.
func (v *Vendor) InlineSign(in InlineCart) (string, error) {
	in = normalizeInline(in)
	m, ok := v.merchant(in.Merchant)
	if !ok {
		return "", refuse(http.StatusBadRequest, InlineMerchantInvalid, in.Merchant, fmt.Sprintf("no merchant %q in the world", in.Merchant))
	}
	return InlineSignature(m.SecretKey, in), nil
}

func orZero[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}
