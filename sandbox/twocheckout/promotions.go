package twocheckout

import (
	"slices"
	"strings"
	"time"

	"github.com/flashcart/flashcart/internal/iso"
	"github.com/flashcart/flashcart/sandbox/schema"
	"github.com/shopspring/decimal"
)

// promotionState is a promotion with what orders consumed of it.
type promotionState struct {
	Promotion Promotion `json:"promotion"`
	// Orders counts the orders the promotion discounted.
	Orders int `json:"orders"`
	// Used lists the MULTIPLE coupon codes already redeemed.
	Used []string `json:"used"`
}

var (
	couponTypes   = []string{"SINGLE", "MULTIPLE"}
	discountTypes = []string{"PERCENT", "FIXED"}
)

// promotionRules refine the Promotion object's table.
var promotionRules = map[string]rule{
	"Code":                       {doc: "System-generated on addPromotion; identifies the promotion on updatePromotion."},
	"Name":                       {required: true},
	"StartDate":                  {format: "date", doc: "Y-m-d; null: immediately."},
	"EndDate":                    {format: "date", doc: "Y-m-d; null: open-ended."},
	"MaximumOrdersNumber":        {min: schema.Bound(0), doc: "0 or null: unlimited."},
	"MaximumQuantity":            {min: schema.Bound(0), doc: "Units discounted per item; 0 or null: unlimited."},
	"InstantDiscount":            {doc: "Applies the discount without a coupon."},
	"Coupon.Type":                {required: true, enum: couponTypes},
	"ChannelType":                {required: true, enum: []string{"ECOMMERCE", "CHANNEL_MANAGER", "ALL"}},
	"Type":                       {required: true, enum: []string{"REGULAR", "GLOBAL", "SPECIAL_PRICE"}},
	"Discount":                   {required: true},
	"Discount.Type":              {required: true, enum: discountTypes},
	"Discount.Value":             {doc: "PERCENT: above 0, at most 100."},
	"Discount.Values[].Currency": {required: true, format: "iso4217"},
	"Discount.Values[].Amount":   {required: true},
	"Products[].Code":            {doc: "A product code (the seed types it Integer; a string or an integer is accepted)."},
	"PublishToAffiliatesNetwork": {min: schema.Bound(0), max: schema.Bound(1)},
	"ApplyRecurring":             {required: true, enum: []string{"NONE", "ALL", "CUSTOM"}},
	"RecurringChargesNumber":     {min: schema.Bound(1)},
}

var promotionCodes = vendorCodes{
	"Promotion.": named(ErrPromotionInvalid),
	"Coupon.":    named(ErrPromotionInvalid),
	"Discount.":  named(ErrPromotionInvalid),
}

func promotionCode(doc string) *schema.Field {
	return param("promotionCode", schema.String, true, doc)
}

var promotionMethods = []*method{
	{
		body:  session(MethodAddPromotion, "Creates a promotion; answers it with its Code.", objectParam[Promotion]("Promotion", true, "The promotion.", promotionRules)),
		codes: promotionCodes, write: true, session: true,
		run: func(c *call) (any, error) { return savePromotion(c, false) },
	},
	{
		body:    session(MethodGetPromotion, "Answers a promotion.", promotionCode("The promotion's code.")),
		session: true,
		run: func(c *call) (any, error) {
			ps, err := c.promotion(c.str(1))
			return ps.Promotion, err
		},
	},
	{
		body:  session(MethodUpdatePromotion, "Replaces a promotion, found by its Code; answers it.", objectParam[Promotion]("Promotion", true, "The whole promotion, as getPromotion answers it, edited.", promotionRules)),
		codes: promotionCodes, write: true, session: true,
		run: func(c *call) (any, error) { return savePromotion(c, true) },
	},
	{
		body: session(MethodSearchPromotions, "Answers the promotions that match every option given.",
			objectParam[PromotionSearch]("SearchOptions", true, "The filters.", map[string]rule{
				"Coupons": {doc: "Comma-separated coupon codes."},
				"Page":    {min: schema.Bound(1), def: "1"},
				"Limit":   {min: schema.Bound(1), max: schema.Bound(200), def: "10"},
			})),
		session: true,
		run:     searchPromotions,
	},
	{
		body: session(MethodAddPromotionCoupon, "Sets a promotion's coupon (SINGLE) or adds single-use codes (MULTIPLE); answers the promotion.",
			promotionCode("The promotion's code."),
			objectParam[PromotionCoupon]("Coupon", true, "{Type:SINGLE, Code} or {Type:MULTIPLE, Codes}.", map[string]rule{"Type": {required: true, enum: couponTypes}})),
		codes: promotionCodes, write: true, session: true,
		run: addPromotionCoupon,
	},
	{
		body: session(MethodSetPromotionDiscount, "Replaces a promotion's discount; answers the promotion.",
			promotionCode("The promotion's code."),
			objectParam[PromotionDiscount]("Discount", true, "{Type:PERCENT, Value} or {Type:FIXED, Values[{Currency, Amount}], DefaultCurrency}.", map[string]rule{
				"Type":              {required: true, enum: discountTypes},
				"Values[].Currency": {required: true},
				"Values[].Amount":   {required: true},
				"DefaultCurrency":   {format: "iso4217"},
			})),
		codes: promotionCodes, write: true, session: true,
		run: setPromotionDiscount,
	},
}

func savePromotion(c *call, update bool) (any, error) {
	var p Promotion
	if err := c.decode(1, &p); err != nil {
		return nil, err
	}
	ps := promotionState{Used: []string{}}
	if update {
		old, err := c.promotion(p.Code)
		if err != nil {
			return nil, err
		}
		ps = old
	} else {
		code, err := unique(c.tx, bucketPromotions, func() string {
			return key(c.merchant.Code, strings.ToUpper(c.v.env.IDs.Hex("twocheckout.promotion", 10)))
		})
		if err != nil {
			return nil, err
		}
		_, p.Code, _ = strings.Cut(code, "/")
	}
	if err := c.checkPromotion(&p); err != nil {
		return nil, err
	}
	ps.Promotion = p
	return p, put(c, bucketPromotions, p.Code, ps)
}

// checkPromotion checks what the table cannot, and fills defaults.
func (c *call) checkPromotion(p *Promotion) error {
	bad := func(field, format string, args ...any) error {
		return fail(ErrPromotionInvalid, field).hint(format, args...)
	}
	switch {
	case strings.TrimSpace(p.Name) == "":
		return bad("Name", "Name is empty")
	case p.Type == "SPECIAL_PRICE":
		return bad("Type", "special-price promotions take a PriceMatrix (AddSpecialPricePromotion), which the sandbox does not emulate")
	case p.Coupon == nil && !p.InstantDiscount:
		return bad("Coupon", "a promotion needs a Coupon unless InstantDiscount is true")
	case p.ApplyRecurring == "CUSTOM" && (p.RecurringChargesNumber == nil || *p.RecurringChargesNumber < 1):
		return bad("RecurringChargesNumber", "ApplyRecurring CUSTOM needs RecurringChargesNumber of at least 1")
	}
	for _, d := range []struct {
		name string
		v    *string
	}{{"StartDate", p.StartDate}, {"EndDate", p.EndDate}} {
		if d.v != nil && *d.v != "" {
			if _, err := time.Parse(time.DateOnly, *d.v); err != nil {
				return bad(d.name, "%q is not a Y-m-d date", *d.v)
			}
		}
	}
	if p.StartDate != nil && p.EndDate != nil && *p.StartDate != "" && *p.EndDate != "" && *p.EndDate < *p.StartDate {
		return bad("EndDate", "EndDate %s is before StartDate %s", *p.EndDate, *p.StartDate)
	}
	if err := checkDiscount(p.Discount); err != nil {
		return err
	}
	if p.Coupon != nil {
		if err := c.checkCoupon(p.Code, p.Coupon, nil); err != nil {
			return err
		}
	}
	for _, pp := range p.Products {
		if _, err := c.product(string(pp.Code)); err != nil {
			return bad("Products", "product %q: %v", pp.Code, err)
		}
	}
	if t := p.PriceThreshold; t != nil {
		t.Currency = strings.ToUpper(t.Currency)
		if !iso.IsCurrency(t.Currency) || t.Amount.IsNegative() {
			return bad("PriceThreshold", "needs an ISO 4217 Currency and an Amount of at least 0")
		}
	}
	p.Products, p.Translations, p.Sources = orEmpty(p.Products), orEmpty(p.Translations), orEmpty(p.Sources)
	return nil
}

// checkDiscount checks a discount: PERCENT above 0 and at most 100, FIXED
// with positive amounts in ISO currencies and a default among them.
func checkDiscount(d *PromotionDiscount) error {
	bad := func(field, format string, args ...any) error {
		return fail(ErrPromotionInvalid, field).hint(format, args...)
	}
	if d.Type == "PERCENT" {
		if d.Value == nil || !d.Value.IsPositive() || d.Value.GreaterThan(hundred) {
			return bad("Value", "a PERCENT discount needs a Value above 0 and at most 100")
		}
		d.Values, d.DefaultCurrency = nil, ""
		return nil
	}
	if len(d.Values) == 0 {
		return bad("Values", "a FIXED discount needs Values[{Currency, Amount}]")
	}
	for i := range d.Values {
		v := &d.Values[i]
		v.Currency = strings.ToUpper(v.Currency)
		if !iso.IsCurrency(v.Currency) || !v.Amount.IsPositive() {
			return bad("Values", "%s %s: needs an ISO 4217 Currency and a positive Amount", v.Currency, v.Amount)
		}
	}
	d.DefaultCurrency = strings.ToUpper(or(d.DefaultCurrency, d.Values[0].Currency))
	if !slices.ContainsFunc(d.Values, func(v CurrencyAmount) bool { return v.Currency == d.DefaultCurrency }) {
		return bad("DefaultCurrency", "%s is not among the Values' currencies", d.DefaultCurrency)
	}
	d.Value = nil
	return nil
}

// checkCoupon checks a coupon's codes: the right field for its Type, the
// allowed characters, and no code of another promotion. extra are codes
// the promotion already has (MULTIPLE additions).
func (c *call) checkCoupon(promotion string, cp *PromotionCoupon, extra []string) error {
	codes := cp.Codes
	if cp.Type == "SINGLE" {
		if cp.Code == nil || *cp.Code == "" {
			return fail(ErrPromotionInvalid, "Code").hint("a SINGLE coupon needs a Code")
		}
		codes, cp.Codes = []string{*cp.Code}, nil
	} else if len(codes) == 0 {
		return fail(ErrPromotionInvalid, "Codes").hint("a MULTIPLE coupon needs Codes")
	} else {
		cp.Code = nil
	}
	all, err := list[promotionState](c.tx, bucketPromotions, c.merchant.Code)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, code := range extra {
		seen[strings.ToUpper(code)] = true
	}
	for _, code := range codes {
		if !codeRE.MatchString(code) || seen[strings.ToUpper(code)] {
			return fail(ErrPromotionInvalid, "Coupon").hint("coupon code %q is malformed or repeated", code)
		}
		seen[strings.ToUpper(code)] = true
		for _, other := range all {
			if other.Promotion.Code != promotion && slices.ContainsFunc(couponsOf(other.Promotion), func(s string) bool { return strings.EqualFold(s, code) }) {
				return fail(ErrPromotionInvalid, "Coupon").hint("coupon code %q belongs to promotion %s", code, other.Promotion.Code)
			}
		}
	}
	return nil
}

// couponsOf lists a promotion's coupon codes.
func couponsOf(p Promotion) []string {
	switch {
	case p.Coupon == nil:
		return nil
	case p.Coupon.Code != nil:
		return []string{*p.Coupon.Code}
	}
	return p.Coupon.Codes
}

func searchPromotions(c *call) (any, error) {
	var s PromotionSearch
	if err := c.decode(1, &s); err != nil {
		return nil, err
	}
	all, err := list[promotionState](c.tx, bucketPromotions, c.merchant.Code)
	if err != nil {
		return nil, err
	}
	var wanted []string
	if s.Coupons != "" {
		for code := range strings.SplitSeq(s.Coupons, ",") {
			wanted = append(wanted, strings.TrimSpace(code))
		}
	}
	out := []Promotion{}
	for _, ps := range all {
		p := ps.Promotion
		switch {
		case len(s.Types) > 0 && !slices.ContainsFunc(s.Types, func(t string) bool { return strings.EqualFold(t, p.Type) }):
		case s.Channel != "" && !strings.EqualFold(s.Channel, p.ChannelType):
		case s.ProductCode != "" && !slices.ContainsFunc(p.Products, func(pp PromotionProduct) bool { return string(pp.Code) == s.ProductCode }):
		case s.Enabled != nil && *s.Enabled != p.Enabled:
		case wanted != nil && !slices.ContainsFunc(couponsOf(p), func(code string) bool {
			return slices.ContainsFunc(wanted, func(w string) bool { return strings.EqualFold(w, code) })
		}):
		default:
			out = append(out, p)
		}
	}
	return paginate(out, s.Page, s.Limit), nil
}

// paginate returns one page of items: page from 1 (default 1), limit
// items (default 10).
func paginate[T any](items []T, page, limit *int) []T {
	p, l := 1, 10
	if page != nil {
		p = *page
	}
	if limit != nil {
		l = *limit
	}
	from := min((p-1)*l, len(items))
	return items[from:min(from+l, len(items))]
}

func addPromotionCoupon(c *call) (any, error) {
	ps, err := c.promotion(c.str(1))
	if err != nil {
		return nil, err
	}
	var cp PromotionCoupon
	if err := c.decode(2, &cp); err != nil {
		return nil, err
	}
	p := &ps.Promotion
	var existing []string
	if cp.Type == "MULTIPLE" && p.Coupon != nil && p.Coupon.Type == "MULTIPLE" {
		existing = p.Coupon.Codes
	}
	if err := c.checkCoupon(p.Code, &cp, existing); err != nil {
		return nil, err
	}
	cp.Codes = append(slices.Clone(existing), cp.Codes...)
	if cp.Type == "SINGLE" {
		cp.Codes = nil
	}
	p.Coupon = &cp
	// A coupon on an auto-applied promotion switches it to coupon entry.
	p.InstantDiscount = false
	return *p, put(c, bucketPromotions, p.Code, ps)
}

func setPromotionDiscount(c *call) (any, error) {
	ps, err := c.promotion(c.str(1))
	if err != nil {
		return nil, err
	}
	var d PromotionDiscount
	if err := c.decode(2, &d); err != nil {
		return nil, err
	}
	if err := checkDiscount(&d); err != nil {
		return nil, err
	}
	ps.Promotion.Discount = &d
	return ps.Promotion, put(c, bucketPromotions, ps.Promotion.Code, ps)
}

// promotion returns a promotion of the merchant, or its not-found error.
func (c *call) promotion(code string) (promotionState, error) {
	ps, ok, err := get[promotionState](c, bucketPromotions, code)
	if err == nil && !ok {
		err = fail(ErrPromotionNotFound, code)
	}
	return ps, err
}

// current reports whether the promotion may discount an order today: it
// is enabled, within its dates, and under its maximum number of orders.
func (ps *promotionState) current(now time.Time) bool {
	p, today := ps.Promotion, now.Format(time.DateOnly)
	switch {
	case !p.Enabled, p.Type == "SPECIAL_PRICE":
		return false
	case p.StartDate != nil && *p.StartDate != "" && today < *p.StartDate:
		return false
	case p.EndDate != nil && *p.EndDate != "" && today > *p.EndDate:
		return false
	}
	return p.MaximumOrdersNumber == nil || *p.MaximumOrdersNumber == 0 || ps.Orders < *p.MaximumOrdersNumber
}

// discountOn returns the discount a promotion gives a line (in the line's
// price basis) and its label; zero when it does not apply. MaximumQuantity
// limits the units discounted; a FIXED discount needs an amount in the
// order currency and never exceeds the unit price.
func (ps *promotionState) discountOn(l *line, currency string, threshold decimal.Decimal) (decimal.Decimal, string) {
	p := ps.Promotion
	// Promotions discount catalogue products only, never dynamic items.
	if l.product == nil || p.Discount == nil {
		return decimal.Zero, ""
	}
	if len(p.Products) > 0 && !slices.ContainsFunc(p.Products, func(pp PromotionProduct) bool { return string(pp.Code) == l.product.ProductCode }) {
		return decimal.Zero, ""
	}
	if t := p.PriceThreshold; t != nil && (t.Currency != currency || threshold.LessThan(t.Amount.Decimal)) {
		return decimal.Zero, ""
	}
	if l.in.RenewalInformation != nil && p.ApplyRecurring == "NONE" {
		return decimal.Zero, ""
	}
	units := l.qty
	if p.MaximumQuantity != nil && *p.MaximumQuantity > 0 {
		units = min(units, *p.MaximumQuantity)
	}
	var per decimal.Decimal
	var label string
	if p.Discount.Type == "PERCENT" {
		per, label = l.unit.Mul(p.Discount.Value.Decimal).Div(hundred).Round(2), p.Discount.Value.String()+"%"
	} else {
		i := slices.IndexFunc(p.Discount.Values, func(v CurrencyAmount) bool { return v.Currency == currency })
		if i < 0 {
			return decimal.Zero, ""
		}
		v := p.Discount.Values[i].Amount.Decimal
		per, label = decimal.Min(v, l.unit), v.StringFixed(2)+" "+currency
	}
	return per.Mul(decimal.NewFromInt(int64(units))), label
}

// discount applies the coupons sent, the instant promotions and the
// cross-sell campaigns: each catalogue line gets the largest discount it is
// offered (discounts do not stack).
func (c *call) discount(k *cart) error {
	all, err := list[promotionState](c.tx, bucketPromotions, c.merchant.Code)
	if err != nil {
		return err
	}
	couponOf := map[string]string{}
	for _, code := range k.in.Promotions {
		i := slices.IndexFunc(all, func(ps promotionState) bool {
			return slices.ContainsFunc(couponsOf(ps.Promotion), func(s string) bool { return strings.EqualFold(s, code) })
		})
		if i < 0 || !all[i].current(c.now) || slices.ContainsFunc(all[i].Used, func(s string) bool { return strings.EqualFold(s, code) }) {
			return fail(ErrOrderPromotionInvalid, code).hint("coupon %q is unknown, its promotion is disabled, out of its dates or exhausted, or the single-use code was used", code)
		}
		couponOf[all[i].Promotion.Code] = code
		k.coupons = append(k.coupons, code)
	}
	threshold := decimal.Zero
	for _, l := range k.lines {
		net, vat := split(l.base, l.gross, c.merchant.VAT())
		threshold = threshold.Add(net).Add(vat)
	}
	for _, l := range k.lines {
		for i := range all {
			ps := &all[i]
			coupon, sent := couponOf[ps.Promotion.Code]
			if !(ps.Promotion.InstantDiscount || sent) || !ps.current(c.now) {
				continue
			}
			if d, label := ps.discountOn(l, k.currency, threshold); d.GreaterThan(l.discount) {
				l.discount = d
				l.promotion = &ItemPromotion{Code: ps.Promotion.Code, Name: ps.Promotion.Name, Coupon: coupon, DiscountLabel: label}
			}
		}
		if l.in.CrossSell != nil {
			d, err := c.crossSellDiscount(k, l)
			if err != nil {
				return err
			}
			if d.GreaterThan(l.discount) {
				l.discount, l.promotion = d, nil
			}
		}
		if l.promotion != nil {
			k.promotions[l.promotion.Code] = &all[slices.IndexFunc(all, func(ps promotionState) bool { return ps.Promotion.Code == l.promotion.Code })]
		}
	}
	return nil
}
