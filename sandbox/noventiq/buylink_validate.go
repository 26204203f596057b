package noventiq

import (
	"encoding/json"
	"net/url"
	"strings"
	"sync"

	"github.com/flashcart/flashcart/internal/iso"
	"github.com/flashcart/flashcart/internal/jsontree"
)

// DecodeBuyLink parses a request body into a JSON object, as
// encoding/json decodes it with UseNumber. Anything else — empty, invalid
// UTF-8, invalid JSON, trailing data or a top-level value that is not an
// object — is error 110. The handler does not build the map: ParseBuyLink
// validates the body as it parsed it.
func DecodeBuyLink(body []byte) (map[string]any, *Error) {
	var t jsontree.Tree
	if bad := parseBody(&t, string(body)); bad != nil {
		return nil, bad
	}
	return t.Root().Any(func(n string) any { return json.Number(n) }).(map[string]any), nil
}

// parseBody reads a body into t: a JSON object, or error 110.
func parseBody(t *jsontree.Tree, body string) *Error {
	if t.Parse(body) != nil || t.Root().Kind() != jsontree.Object {
		bad := NewError(InvalidJSON)
		return &bad
	}
	return nil
}

// ValidateBuyLink checks a body decoded by DecodeBuyLink against the
// account's catalogue, as ParseBuyLink checks it.
func ValidateBuyLink(cat Catalogue, body map[string]any) (*Request, []Error) {
	raw, err := json.Marshal(body)
	var t jsontree.Tree
	if err != nil || parseBody(&t, string(raw)) != nil {
		return nil, []Error{NewError(InvalidJSON)}
	}
	return validateBuyLink(cat, t.Root())
}

// ParseBuyLink decodes and checks a request body in one pass: the 110 of
// a body that is not a JSON object alone, or the checks of ValidateBuyLink.
func ParseBuyLink(cat Catalogue, body string) (*Request, []Error) {
	req, errs, _ := parseBuyLink(cat, body, false)
	return req, errs
}

// parseBuyLink is ParseBuyLink; when pack is set, it also returns a valid
// body packed with linkKeys.
func parseBuyLink(cat Catalogue, body string, pack bool) (*Request, []Error, string) {
	t := trees.Get().(*jsontree.Tree)
	defer trees.Put(t)
	if bad := parseBody(t, body); bad != nil {
		return nil, []Error{*bad}, ""
	}
	req, errs := validateBuyLink(cat, t.Root())
	if errs != nil || !pack {
		return req, errs, ""
	}
	var buf [1024]byte
	return req, nil, string(t.Root().Pack(buf[:0], linkKeys))
}

// trees are the parse trees of bodies being read: a request's values are
// strings of its body, never of its tree, so a tree serves request after
// request.
var trees = sync.Pool{New: func() any { return new(jsontree.Tree) }}

// validateBuyLink checks a JSON object against the account's catalogue. It
// returns the valid request, or the errors: a fatal one (3120, 3125) alone,
// otherwise every error found, in the order of the reference.
func validateBuyLink(cat Catalogue, body jsontree.Value) (*Request, []Error) {
	c := &checker{}
	top := &object{c: c, v: body}
	req := &Request{}

	cur, curSt := top.str("currency", true, 0)
	if curSt == valid && !iso.IsCurrency(cur) {
		curSt = top.fail("currency")
	}
	market, marketSt := top.id("market_id", false)
	if curSt == valid {
		if fatal := resolvePage(cat, top, req, cur, market, marketSt); fatal != nil {
			return nil, []Error{*fatal}
		}
	}
	req.Currency = cur

	v := &validation{c: c, cat: cat, cart: map[int64]bool{}}
	v.products(top, req)
	if cust, st := top.object("customer", false); st == valid {
		req.Customer = customer(&cust)
	}
	if ad, st := top.object("additional_data", false); st == valid {
		req.AdditionalData = referers(&ad)
	}
	if up, st := top.object("upsell", false); st == valid {
		req.Upsell = v.upsell(&up, entryCodes)
	}
	if up, st := top.object("upsell_exit", false); st == valid {
		req.UpsellExit = v.upsell(&up, exitCodes)
	}
	top.unknown()
	if len(c.errs) > 0 {
		return nil, c.errs
	}
	return req, nil
}

// resolvePage finds the checkout page for a well-formed currency. It returns
// a fatal error (3120, 3125), or records 3010 market_id when market_id is
// needed and missing.
func resolvePage(cat Catalogue, top *object, req *Request, cur string, market int64, marketSt state) *Error {
	pages := cat.PagesSelling(cur)
	if len(pages) == 0 {
		e := errorAt(NoCartForCurrency, "currency")
		return &e
	}
	switch marketSt {
	case valid:
		if p, ok := cat.Page(market); !ok || !p.Sells(cur) {
			e := errorAt(CurrencyNotInCart, "market_id")
			return &e
		}
		req.MarketID = market
	case absent:
		if len(pages) > 1 {
			top.fail("market_id")
			return nil
		}
		req.MarketID = pages[0].ID
	}
	return nil
}

// validation holds what the checks of later fields need from earlier ones.
type validation struct {
	c   *checker
	cat Catalogue
	// cart holds the valid products.id values; cartComplete is false when
	// some product or its id could not be read, so cart checks are skipped.
	cart         map[int64]bool
	cartComplete bool
}

func (v *validation) products(top *object, req *Request) {
	arr, st := top.array("products", true)
	if st != valid {
		return
	}
	if arr.Len() == 0 {
		top.fail("products")
		return
	}
	allObjects := top.allObjects("products", arr)
	v.cartComplete = allObjects
	allPriced := allObjects
	for i, el := range arr.Elements() {
		if el.Kind() != jsontree.Object {
			continue
		}
		o := top.child("products", i, el)
		p, idOK, priced := v.product(&o)
		if !idOK {
			v.cartComplete = false
		}
		allPriced = allPriced && priced
		req.Products = append(req.Products, p)
	}
	if allPriced && allFree(req.Products) {
		v.c.add(errorAt(ZeroOrderPrice, "products"))
	}
}

// allFree reports whether every product costs nothing.
func allFree(products []Product) bool {
	for _, p := range products {
		if !p.Price.IsZero() && (p.DiscountPercent == nil || p.DiscountPercent.LessThan(hundred)) {
			return false
		}
	}
	return true
}

// product reads one products[] element. It reports whether the id was
// valid and whether price and discount were.
func (v *validation) product(o *object) (p Product, idOK, priced bool) {
	id, st := o.id("id", true)
	if st == valid {
		idOK = true
		if _, known := v.cat.Product(id); !known {
			v.c.add(errorAt(ProductNotSold, o.at("id")))
		}
		if v.cart[id] {
			v.c.add(errorAt(DuplicateProduct, o.at("id")))
		}
		v.cart[id] = true
	}
	p.ID = id
	p.SKU, _ = o.optStr("sku", 40)
	p.VendorCode, _ = o.optStr("vendor_code", 255)
	p.Name, _ = o.str("name", true, 0)
	p.NameForInvoice, _ = o.optStr("name_for_invoice", 0)
	var priceSt, discSt state
	p.Price, priceSt = o.price("price", true)
	p.DiscountPercent, discSt = o.percent("discount_percent")
	p.Quantity, _ = o.quantity("quantity")
	p.IsDeliveryNeeded, _ = o.boolean("is_delivery_needed")
	p.IsInstallmentsUnavailable, _ = o.boolean("is_installments_unavailable")
	p.IsService, _ = o.boolean("is_service")
	p.Subscription = v.subscription(o, id, idOK)
	o.unknown()
	return p, idOK, priceSt == valid && discSt != invalid
}

// subscription reads products[].subscription (or upsell's) and checks that
// the original product can be sold with auto-renewal.
func (v *validation) subscription(parent *object, productID int64, idOK bool) *Subscription {
	sub, st := parent.object("subscription", false)
	if st != valid {
		return nil
	}
	s := &Subscription{}
	o := &sub
	if raw, st := o.str("period", true, 0); st == valid {
		p, err := iso.ParsePeriod(raw)
		if err != nil {
			o.fail("period")
		}
		s.Period = p
	}
	s.Name, _ = o.optStr("name", 0)
	s.Price, _ = o.optPrice("price")
	o.unknown()
	if idOK {
		if orig, ok := v.cat.Product(productID); ok && orig.AutoRenewal == nil {
			v.c.add(errorAt(SubscriptionNotSold, parent.at("subscription")))
		}
	}
	return s
}

func customer(o *object) *Customer {
	c := &Customer{}
	if t, st := o.str("type", false, 0); st == valid {
		if t != "physical" && t != "juridical" {
			o.fail("type")
		}
		c.Type = t
	}
	if e, st := o.str("email", false, 72); st == valid {
		if !ValidEmail(e) {
			o.c.add(errorAt(InvalidEmail, o.at("email")))
		}
		c.Email = e
	}
	c.FirstName, _ = o.str("first_name", false, 255)
	c.LastName, _ = o.str("last_name", false, 255)
	c.Phone, _ = o.str("phone", false, 64)
	c.VatNumber, _ = o.str("vat_number", false, 255)
	c.CompanyName, _ = o.str("company_name", false, 255)
	c.CompanyBillingAddress, _ = o.str("company_billing_address", false, 255)
	c.CompanyDeliveryAddress, _ = o.str("company_delivery_address", false, 255)
	if country, st := o.str("country", false, 0); st == valid {
		if !iso.IsCountry(country) {
			o.fail("country")
		}
		c.Country = country
	}
	o.unknown()
	return c
}

func referers(o *object) Referers {
	r := Referers{}
	for _, k := range RefererKeys {
		if s, st := o.str(k, false, 255); st == valid {
			r[k] = s
		}
	}
	o.unknown()
	return r
}

// upsellCodes are the codes of one kind of up-sell offer.
type upsellCodes struct {
	unknownProduct, productInCart, zeroPrice, count Code
}

var (
	entryCodes = upsellCodes{UpsellUnknownProduct, UpsellProductInCart, UpsellZeroPrice, UpsellProductCount}
	exitCodes  = upsellCodes{ExitUnknownProduct, ExitProductInCart, ExitZeroPrice, ExitProductCount}
)

func (v *validation) upsell(o *object, codes upsellCodes) *Upsell {
	u := &Upsell{}
	pid, pidSt := o.id("product_id", true)
	if pidSt == valid && v.cartComplete && !v.cart[pid] {
		v.c.add(errorAt(codes.unknownProduct, o.at("product_id")))
	}
	u.ProductID = pid
	u.Name, _ = o.str("name", true, 255)
	u.Description, _ = o.str("description", false, 0)
	if pic, st := o.str("picture_url", false, 255); st == valid {
		if !validPicture(pic) {
			o.fail("picture_url")
		}
		u.PictureURL = pic
	}
	if arr, st := o.array("products", true); st == valid {
		if arr.Len() == 0 || arr.Len() > 3 {
			v.c.add(errorAt(codes.count, o.at("products")))
		}
		o.allObjects("products", arr)
		for i, el := range arr.Elements() {
			if el.Kind() == jsontree.Object {
				po := o.child("products", i, el)
				u.Products = append(u.Products, v.upsellProduct(&po, codes, pid, pidSt == valid))
			}
		}
	}
	o.unknown()
	return u
}

func (v *validation) upsellProduct(o *object, codes upsellCodes, replaced int64, replacedOK bool) UpsellProduct {
	var p UpsellProduct
	id, st := o.id("id", true)
	if st == valid {
		if _, known := v.cat.Product(id); !known {
			v.c.add(errorAt(ProductNotSold, o.at("id")))
		}
		if replacedOK && v.cart[id] && id != replaced {
			v.c.add(errorAt(codes.productInCart, o.at("id")))
		}
	}
	p.ID = id
	p.SKU, _ = o.optStr("sku", 40)
	p.VendorCode, _ = o.optStr("vendor_code", 255)
	p.Name, _ = o.str("name", true, 0)
	p.NameForUpsell, _ = o.str("name_for_upsell", true, 0)
	p.NameForInvoice, _ = o.optStr("name_for_invoice", 0)
	var priceSt state
	if p.Price, priceSt = o.price("price", true); priceSt == valid && p.Price.IsZero() {
		v.c.add(errorAt(codes.zeroPrice, o.at("price")))
	}
	p.Benefit, _ = o.optPrice("benefit")
	p.Quantity, _ = o.quantity("quantity")
	p.Subscription = v.subscription(o, id, st == valid)
	if ad, st := o.object("additional_data", false); st == valid {
		p.AdditionalData = referers(&ad)
	}
	o.unknown()
	return p
}

var pictureExts = []string{".gif", ".jpg", ".jpeg", ".png"}

// validPicture checks picture_url: an https URL with a host whose path ends
// in an image extension (any letter case); the 255-character limit is
// checked by the caller.
func validPicture(s string) bool {
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return false
	}
	p := strings.ToLower(u.Path)
	for _, ext := range pictureExts {
		if strings.HasSuffix(p, ext) {
			return true
		}
	}
	return false
}
