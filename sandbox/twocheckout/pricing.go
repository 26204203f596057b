package twocheckout

import (
	"fmt"
	"net/mail"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/flashcart/flashcart/internal/iso"
	"github.com/shopspring/decimal"
)

var (
	hundred = decimal.NewFromInt(100)
	one     = decimal.NewFromInt(1)
	// subscriptionRefRE is the shape of a subscription reference.
	subscriptionRefRE = regexp.MustCompile(`^[A-Z0-9]{10}$`)
	digitsRE          = regexp.MustCompile(`[^0-9]`)
)

// split returns the net amount and the VAT of an amount, rounded half up
// to cents: a GROSS amount includes VAT at rate percent, a NET one gets it
// added.
func split(amount decimal.Decimal, gross bool, rate decimal.Decimal) (net, vat decimal.Decimal) {
	r := rate.Div(hundred)
	if gross {
		net = amount.Div(one.Add(r)).Round(2)
		return net, amount.Sub(net)
	}
	return amount, amount.Mul(r).Round(2)
}

// cart is an order's items checked and priced, before payment.
type cart struct {
	in       OrderInput
	currency string
	country  string
	lines    []*line
	// renewal is the subscription a renewal order renews.
	renewal *subscriptionState
	// promotions are the promotions that discounted some line; coupons the
	// valid coupons sent.
	promotions map[string]*promotionState
	coupons    []string
	fields     []AdditionalFieldValue
	total      ItemPrice
}

// line is one priced item.
type line struct {
	in      ItemInput
	product *Product // nil for a dynamic item
	name    string
	kind    string // PurchaseType
	qty     int
	// base is the line's amount before discounts; gross says whether it
	// includes VAT.
	base, unit decimal.Decimal
	gross      bool
	discount   decimal.Decimal
	promotion  *ItemPromotion
	fields     []AdditionalFieldValue
	price      ItemPrice
}

// priceCart checks an order's items, currency, billing details, coupons,
// cross-sell and additional fields, and prices it.
func (c *call) priceCart(in OrderInput) (*cart, error) { return c.price(in, false) }

// price is priceCart; a preview (the InLine cart's, before the shopper has
// given billing details and filled the fields) checks neither the billing
// details nor the additional fields.
func (c *call) price(in OrderInput, preview bool) (*cart, error) {
	k := &cart{in: in, promotions: map[string]*promotionState{}}
	if len(in.Items) == 0 {
		return nil, fail(ErrProductsEmpty)
	}
	dynamic := 0
	for _, it := range in.Items {
		if it.IsDynamic {
			dynamic++
		}
		if it.RenewalInformation != nil && len(in.Items) > 1 {
			return nil, fail(ErrRenewalNotAllowed)
		}
	}
	if dynamic > 0 && dynamic < len(in.Items) {
		return nil, fail(ErrItemsInvalid)
	}
	k.currency = strings.ToUpper(in.Currency)
	if !iso.IsCurrency(k.currency) {
		return nil, fail(ErrOrderCurrencyInvalid).hint("Currency %q is not an ISO 4217 code", in.Currency)
	}
	for i, it := range in.Items {
		l, err := c.line(k, i, it)
		if err != nil {
			return nil, err
		}
		k.lines = append(k.lines, l)
	}
	if !preview {
		if err := k.billing(); err != nil {
			return nil, err
		}
	}
	if err := c.discount(k); err != nil {
		return nil, err
	}
	if !preview {
		if err := c.orderFields(k); err != nil {
			return nil, err
		}
	}
	k.totals(c.merchant.VAT())
	if k.total.GrossDiscountedPrice.IsNegative() {
		return nil, fail(ErrPriceAmountInvalid).hint("the COUPON items exceed the order: the total is %s", k.total.GrossDiscountedPrice)
	}
	return k, nil
}

// line checks and prices one item.
func (c *call) line(k *cart, i int, it ItemInput) (*line, error) {
	l := &line{in: it, qty: it.Quantity, kind: or(it.PurchaseType, "PRODUCT")}
	at := fmt.Sprintf("Items[%d]", i)
	if it.IsDynamic {
		if strings.TrimSpace(it.Name) == "" {
			return nil, fail(ErrProductNameInvalid).hint("%s.Name is empty", at)
		}
		if it.Price == nil {
			return nil, fail(ErrPriceStructureInvalid).hint("%s: a dynamic item needs Price{Amount, Type:\"CUSTOM\"}", at)
		}
		if t := or(it.Price.Type, "CUSTOM"); t != "CUSTOM" {
			return nil, fail(ErrPriceTypeInvalid).hint("%s.Price.Type %s: a dynamic item has no catalogue price", at, t)
		}
		amount, err := customAmount(it.Price, at)
		if err != nil {
			return nil, err
		}
		l.name, l.unit, l.gross = it.Name, amount, or(it.PriceType, "GROSS") == "GROSS"
		l.base = amount.Mul(decimal.NewFromInt(int64(l.qty)))
		return l, nil
	}
	if it.Code == nil || *it.Code == "" {
		return nil, fail(ErrProductCodeInvalid).hint("%s.Code is missing", at)
	}
	p, ok, err := get[Product](c, bucketProducts, *it.Code)
	switch {
	case err != nil:
		return nil, err
	case !ok:
		return nil, fail(ErrProductNotFoundInOrder, *it.Code)
	case !p.Enabled:
		return nil, fail(ErrOrderProductInvalid).hint("product %q is disabled", p.ProductCode)
	case l.qty > 1 && !p.PurchaseMultipleUnits:
		return nil, fail(ErrQuantityInvalid).hint("product %q sells one unit per order", p.ProductCode)
	}
	l.product, l.name = &p, p.ProductName
	if it.RenewalInformation != nil {
		return l, c.renewalLine(k, l, at)
	}
	if pr := it.Price; pr != nil && pr.Amount != nil {
		switch or(pr.Type, "CUSTOM") {
		case "BASE":
			return nil, fail(ErrPriceTypeBaseInvalid)
		case "DEFAULT":
			return nil, fail(ErrPriceTypeDefaultInvalid)
		}
		amount, err := customAmount(pr, at)
		if err != nil {
			return nil, err
		}
		l.unit, l.gross = amount, or(it.PriceType, "GROSS") == "GROSS"
	} else {
		if pr != nil && pr.Type == "CUSTOM" {
			return nil, fail(ErrPriceTypeCustomInvalid)
		}
		unit, gross, ok := unitPrice(&p, k.currency, l.qty, false)
		if !ok {
			return nil, fail(ErrOrderProductCurrencyInvalid, p.ProductCode).hint("product %q has no %s price for quantity %d", p.ProductCode, k.currency, l.qty)
		}
		l.unit, l.gross = unit, gross
	}
	l.base = l.unit.Mul(decimal.NewFromInt(int64(l.qty)))
	return l, nil
}

// customAmount reads a custom price: a non-negative amount with at most
// two decimals.
func customAmount(p *PriceInput, at string) (decimal.Decimal, error) {
	if p.Amount == nil {
		return decimal.Decimal{}, fail(ErrPriceTypeCustomInvalid)
	}
	if a := p.Amount.Decimal; a.IsNegative() || !a.Equal(a.Round(2)) {
		return decimal.Decimal{}, fail(ErrPriceAmountInvalid).hint("%s.Price.Amount %s must be at least 0 with at most 2 decimals", at, a)
	}
	return p.Amount.Decimal, nil
}

// renewalLine prices the renewal of a subscription: its next renewal price.
func (c *call) renewalLine(k *cart, l *line, at string) error {
	ref := l.in.RenewalInformation.SubscriptionReference
	switch {
	case ref == "":
		return fail(ErrRenewalReferenceEmpty)
	case !subscriptionRefRE.MatchString(ref):
		return fail(ErrRenewalReferenceInvalid).hint("%q is not 10 upper-case letters or digits", ref)
	}
	rec, ok, err := load[subscriptionState](c.tx, bucketSubscriptions, ref)
	switch {
	case err != nil:
		return err
	case !ok || rec.Account != c.merchant.Code:
		return fail(ErrRenewalReferenceNotFound).hint("no subscription %q", ref)
	case rec.Data.ProductCode != l.product.ProductCode:
		return fail(ErrRenewalReferenceInvalid).hint("subscription %q is of product %q, not %q", ref, rec.Data.ProductCode, l.product.ProductCode)
	case rec.Data.Quantity != l.qty:
		return fail(ErrQuantityInvalid).hint("%s renews subscription %q of quantity %d", at, ref, rec.Data.Quantity)
	}
	amount, cur, gross, err := c.nextRenewal(rec.Data, k.currency)
	if err != nil {
		return fail(ErrOrderProductCurrencyInvalid, l.product.ProductCode).hint("no %s renewal price: %s", k.currency, err)
	}
	if cur != k.currency {
		return fail(ErrOrderProductCurrencyInvalid, l.product.ProductCode).hint("the custom renewal price of %q is in %s", ref, cur)
	}
	s := rec.Data
	k.renewal = &s
	l.base, l.gross = amount, gross
	l.unit = amount.Div(decimal.NewFromInt(int64(l.qty))).Round(2)
	return nil
}

// billing checks the billing details a card order needs.
func (k *cart) billing() error {
	b := k.in.BillingDetails
	if b == nil {
		return fail(ErrBillingDetailsInvalid, "BillingDetails").hint("BillingDetails is missing")
	}
	for _, f := range []struct{ name, value string }{
		{"FirstName", b.FirstName}, {"LastName", b.LastName}, {"Email", b.Email},
		{"CountryCode", b.CountryCode}, {"Address1", b.Address1}, {"City", b.City}, {"Zip", b.Zip},
	} {
		if strings.TrimSpace(f.value) == "" {
			return fail(ErrBillingDetailsInvalid, f.name).hint("BillingDetails.%s is empty", f.name)
		}
	}
	if !validEmail(b.Email) {
		return fail(ErrBillingDetailsInvalid, "Email").hint("%q is not an e-mail address", b.Email)
	}
	k.country = strings.ToUpper(b.CountryCode)
	if !iso.IsCountry(k.country) {
		return fail(ErrBillingDetailsInvalid, "CountryCode").hint("%q is not an ISO 3166-1 alpha-2 code", b.CountryCode)
	}
	return nil
}

// validEmail reports whether s is a bare address with a dotted domain.
func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s {
		return false
	}
	_, domain, _ := strings.Cut(s, "@")
	return strings.Contains(domain, ".")
}

// orderFields checks the additional field values of the order and of each
// item.
func (c *call) orderFields(k *cart) error {
	values, err := c.fieldValues(k.in.AdditionalFields, nil)
	if err != nil {
		return err
	}
	k.fields = values
	for _, l := range k.lines {
		if l.fields, err = c.fieldValues(l.in.AdditionalFields, l); err != nil {
			return err
		}
	}
	return nil
}

// fieldValues checks the values of ORDER fields (l nil) or of the fields
// assigned to a line's product, every required one among them, and returns
// them as answered.
func (c *call) fieldValues(in []AdditionalFieldValue, l *line) ([]AdditionalFieldValue, error) {
	out, err := c.checkFieldValues(in, l)
	if err != nil {
		return nil, err
	}
	if missing := missingFields(in, l); len(missing) > 0 {
		return nil, fail(ErrOrderAdditionalFieldInvalid, missing[0]).hint("product %q requires field %q", l.product.ProductCode, missing[0])
	}
	return out, nil
}

// checkFieldValues checks the values given, as fieldValues does, without
// asking for the required fields.
func (c *call) checkFieldValues(in []AdditionalFieldValue, l *line) ([]AdditionalFieldValue, error) {
	out := []AdditionalFieldValue{}
	seen := map[string]bool{}
	for _, v := range in {
		f, ok, err := get[AdditionalField](c, bucketFields, v.Code)
		if err != nil {
			return nil, err
		}
		bad := fail(ErrOrderAdditionalFieldInvalid, v.Code)
		switch {
		case !ok:
			return nil, bad.hint("no additional field %q", v.Code)
		case seen[v.Code]:
			return nil, bad.hint("field %q is sent twice", v.Code)
		case l == nil && f.ApplyTo != "ORDER":
			return nil, bad.hint("field %q applies to %s, not to the order", v.Code, f.ApplyTo)
		case l != nil && (l.product == nil || !slices.ContainsFunc(l.product.AdditionalFields, func(a AdditionalFieldAssigned) bool { return a.Code == v.Code && a.Enabled })):
			return nil, bad.hint("field %q is not assigned to the item's product", v.Code)
		}
		seen[v.Code] = true
		value, why := fieldValue(f, v.Value)
		if why != "" {
			return nil, bad.hint("field %q: %s", v.Code, why)
		}
		out = append(out, AdditionalFieldValue{Code: f.Code, Text: f.Label, Value: value})
	}
	return out, nil
}

// missingFields lists the codes of the required fields of a line's product
// that the values do not give.
func missingFields(in []AdditionalFieldValue, l *line) []string {
	if l == nil || l.product == nil {
		return nil
	}
	var missing []string
	for _, a := range l.product.AdditionalFields {
		if a.Enabled && a.Required && !slices.ContainsFunc(in, func(v AdditionalFieldValue) bool { return v.Code == a.Code }) {
			missing = append(missing, a.Code)
		}
	}
	return missing
}

// fieldValue checks a value against its field: a CHECKBOX takes a boolean
// (or "true", "false", "1", "0"), the others a string; a LISTBOX one of its
// values; a rule must match. It answers the value as stored, or why not.
func fieldValue(f AdditionalField, v any) (any, string) {
	if f.Type == "CHECKBOX" {
		switch v := v.(type) {
		case bool:
			return v, ""
		case string:
			if b, err := strconv.ParseBool(v); err == nil && (v == "true" || v == "false" || v == "1" || v == "0") {
				return b, ""
			}
		}
		return nil, "a CHECKBOX takes true or false"
	}
	s, ok := v.(string)
	if !ok {
		return nil, "the value must be a string"
	}
	if f.Type == "LISTBOX" && !slices.Contains(f.Values, s) {
		return nil, fmt.Sprintf("%q is not one of %q", s, f.Values)
	}
	if f.ValidationRule != nil && *f.ValidationRule != "" {
		if re, err := regexp.Compile(*f.ValidationRule); err == nil && !re.MatchString(s) {
			return nil, fmt.Sprintf("%q does not match %s", s, *f.ValidationRule)
		}
	}
	return s, ""
}

// totals prices every line (net, VAT at rate percent, gross) and sums the
// order. A COUPON line counts negatively.
func (k *cart) totals(rate decimal.Decimal) {
	var t ItemPrice
	for _, l := range k.lines {
		netBase, vatBase := split(l.base, l.gross, rate)
		netDisc, vatDisc := split(l.base.Sub(l.discount), l.gross, rate)
		sign := one
		if l.kind == "COUPON" {
			sign = one.Neg()
		}
		q := decimal.NewFromInt(int64(l.qty))
		per := func(d decimal.Decimal) Amount { return A(d.Div(q).Round(2).Mul(sign)) }
		unitNet, unitVAT := split(l.base.Div(q).Round(2), l.gross, rate)
		p := ItemPrice{
			NetPrice:                 A(netBase.Mul(sign)),
			GrossPrice:               A(netBase.Add(vatBase).Mul(sign)),
			VAT:                      A(vatDisc.Mul(sign)),
			Discount:                 A(netBase.Sub(netDisc).Mul(sign)),
			UnitNetPrice:             A(unitNet.Mul(sign)),
			UnitGrossPrice:           A(unitNet.Add(unitVAT).Mul(sign)),
			UnitVAT:                  per(vatDisc),
			UnitDiscount:             per(netBase.Sub(netDisc)),
			UnitNetDiscountedPrice:   per(netDisc),
			UnitGrossDiscountedPrice: per(netDisc.Add(vatDisc)),
			NetDiscountedPrice:       A(netDisc.Mul(sign)),
			GrossDiscountedPrice:     A(netDisc.Add(vatDisc).Mul(sign)),
			UnitAffiliateCommission:  A(decimal.Zero),
		}
		l.price = p
		t.NetPrice.Decimal = t.NetPrice.Add(p.NetPrice.Decimal)
		t.GrossPrice.Decimal = t.GrossPrice.Add(p.GrossPrice.Decimal)
		t.VAT.Decimal = t.VAT.Add(p.VAT.Decimal)
		t.Discount.Decimal = t.Discount.Add(p.Discount.Decimal)
		t.NetDiscountedPrice.Decimal = t.NetDiscountedPrice.Add(p.NetDiscountedPrice.Decimal)
		t.GrossDiscountedPrice.Decimal = t.GrossDiscountedPrice.Add(p.GrossDiscountedPrice.Decimal)
	}
	k.total = t
}

// installments returns the installment options of a priced cart: only
// for Brazilian shoppers paying in BRL, never for a renewal, with a billing
// Phone and FiscalCode (an 11-digit CPF or a 14-digit CNPJ); 1 … min(6,
// ⌊total / 5 BRL⌋) options, each the total divided, rounded half up.
func (k *cart) installments() ([]InstallmentsOption, error) {
	if k.currency != "BRL" || k.country != "BR" || k.renewal != nil {
		return nil, fail(ErrInstallmentsNotAvailable).hint("the cart is %s/%s (renewal: %v); installments need BR, BRL and no renewal",
			k.country, k.currency, k.renewal != nil)
	}
	b := k.in.BillingDetails
	if strings.TrimSpace(b.Phone) == "" {
		return nil, fail(ErrBillingDetailsInvalid, "Phone").hint("installments need BillingDetails.Phone")
	}
	if n := len(digitsRE.ReplaceAllString(b.FiscalCode, "")); n != 11 && n != 14 {
		return nil, fail(ErrBillingDetailsInvalid, "FiscalCode").hint("FiscalCode %q is neither a CPF (11 digits) nor a CNPJ (14 digits)", b.FiscalCode)
	}
	total := k.total.GrossDiscountedPrice.Decimal
	n := min(6, total.Div(decimal.NewFromInt(5)).Floor().IntPart())
	out := []InstallmentsOption{}
	for i := int64(1); i <= n; i++ {
		out = append(out, InstallmentsOption{Number: int(i), Amount: A(total.Div(decimal.NewFromInt(i)).Round(2)), Currency: "BRL"})
	}
	return out, nil
}
