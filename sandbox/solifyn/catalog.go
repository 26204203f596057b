package solifyn

import (
	"cmp"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/shopspring/decimal"
)

// available returns the units of a product left to sell, or nil when its
// stock is unlimited: the world's stock less the units sold since.
func available(tx store.Tx, p *fixtures.SolifynProduct) (*int64, error) {
	if p.Stock == nil {
		return nil, nil
	}
	sold, err := countOf(tx, bucketSold, p.ID)
	if err != nil {
		return nil, err
	}
	left := max(*p.Stock-sold, 0)
	return &left, nil
}

// timesUsed returns a discount's redemptions: the world's count and those
// made since.
func timesUsed(tx store.Tx, d *fixtures.SolifynDiscount) (int64, error) {
	n, err := countOf(tx, bucketRedemptions, d.ID)
	return d.TimesUsed + n, err
}

// redeemable reports whether a discount can still be used at now: not
// expired and not used up.
func redeemable(tx store.Tx, d *fixtures.SolifynDiscount, now time.Time) (bool, error) {
	if at, ok := d.Expiry(); ok && !now.Before(at) {
		return false, nil
	}
	if d.UsageLimit == nil {
		return true, nil
	}
	used, err := timesUsed(tx, d)
	return used < *d.UsageLimit, err
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// productView is a product as the API shows it. The flags of deliveries
// the sandbox does not emulate (licence keys, files, GitHub, Discord) are
// false and their settings null.
func productView(tx store.Tx, b *fixtures.SolifynBusiness, p *fixtures.SolifynProduct) (Product, error) {
	stock, err := available(tx, p)
	if err != nil {
		return Product{}, err
	}
	fields := make([]ProductCustomField, len(p.CustomFields))
	for i, f := range p.CustomFields {
		fields[i] = ProductCustomField{ID: f.ID, Name: f.Name, Order: i, Required: f.Required, FieldType: "text", Placeholder: f.Placeholder}
	}
	price := p.PriceValue()
	zero := M(decimal.Zero)
	created := At(p.Created())
	return Product{
		ID: p.ID, Name: p.Name, Price: M(price), Currency: p.Currency,
		Description: nullable(p.Description), Status: p.StatusOrDefault(), ImageURL: nullable(p.ImageURL),
		TaxCategory: p.TaxCategoryOrDefault(), PricingType: p.PricingType, Discount: &zero,
		BillingPeriod: p.BillingPeriod, TrialPeriodDays: p.TrialPeriodDays,
		PayWhatYouWant: p.PayWhatYouWant, Metadata: p.Metadata, CustomFields: fields, Stock: stock,
		IsListed: !p.Unlisted, IsFree: price.IsZero(), CreatedAt: created, UpdatedAt: created,
		BusinessID: b.ID,
	}, nil
}

// The products list's sorting criteria.
var productSortings = []string{"created_at", "-created_at", "name", "-name", "price_amount", "-price_amount"}

// listProducts answers GET /v1/products for the business. Filters:
// pricingType (exact), is_recurring (true: renewal and usage-based, false:
// one-time), is_archived, query (case-insensitive substring of the name),
// id. With no sorting the newest come first; ties keep the world's order.
func listProducts(tx store.Tx, b *fixtures.SolifynBusiness, q url.Values) (*ProductList, error) {
	c := &queryCheck{q: q}
	sorting := c.oneOf("sorting", productSortings, "-created_at")
	limit, page := c.page()
	recurring := c.boolean("is_recurring")
	archived := c.boolean("is_archived")
	if err := c.err(); err != nil {
		return nil, err
	}
	var match []*fixtures.SolifynProduct
	for i := range b.Products {
		p := &b.Products[i]
		switch {
		case q.Has("pricingType") && p.PricingType != q.Get("pricingType"),
			recurring != nil && *recurring == (p.PricingType == fixtures.SolifynOneTime),
			archived != nil && *archived == p.Active(),
			q.Has("query") && !strings.Contains(strings.ToLower(p.Name), strings.ToLower(q.Get("query"))),
			q.Has("id") && p.ID != q.Get("id"):
			continue
		}
		match = append(match, p)
	}
	sortBy(match, sorting, map[string]func(a, b *fixtures.SolifynProduct) int{
		"created_at": func(a, b *fixtures.SolifynProduct) int { return a.Created().Compare(b.Created()) },
		"name": func(a, b *fixtures.SolifynProduct) int {
			return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
		},
		"price_amount": func(a, b *fixtures.SolifynProduct) int { return a.PriceValue().Cmp(b.PriceValue()) },
	})
	list := &ProductList{Items: []Product{}, Pagination: Pagination{TotalCount: len(match), MaxPage: maxPage(len(match), limit)}}
	for _, p := range pageOf(match, limit, page) {
		view, err := productView(tx, b, p)
		if err != nil {
			return nil, err
		}
		list.Items = append(list.Items, view)
	}
	return list, nil
}

// sortBy sorts stably by a criterion, descending with a "-" prefix.
func sortBy[T any](items []T, sorting string, by map[string]func(a, b T) int) {
	key, desc := strings.CutPrefix(sorting, "-")
	less := by[key]
	slices.SortStableFunc(items, func(a, b T) int {
		if desc {
			return less(b, a)
		}
		return less(a, b)
	})
}

func maxPage(total, limit int) int { return (total + limit - 1) / limit }

// pageOf returns page (from 1) of the items, limit a page.
func pageOf[T any](items []T, limit, page int) []T {
	if page > maxPage(len(items), limit) {
		return nil
	}
	from := (page - 1) * limit
	return items[from:min(from+limit, len(items))]
}

// collectionView is a collection with its products by reference.
func collectionView(b *fixtures.SolifynBusiness, c *fixtures.SolifynCollection) Collection {
	refs := make([]CollectionProductRef, len(c.Products))
	for i := range c.Products {
		refs[i] = CollectionProductRef{ID: c.Products[i].ID, Quantity: c.Products[i].Qty()}
	}
	return Collection{CollectionHeader: collectionHeader(b, c), Products: refs}
}

// collectionHeader is a collection without its products.
func collectionHeader(b *fixtures.SolifynBusiness, c *fixtures.SolifynCollection) CollectionHeader {
	created := At(c.Created())
	return CollectionHeader{
		ID: c.ID, Name: c.Name, Description: nullable(c.Description), ImageURL: nullable(c.ImageURL),
		Status: c.StatusOrDefault(), BusinessID: b.ID, CreatedAt: created, UpdatedAt: created,
	}
}

// listCollections answers GET /v1/collections: the active collections.
func listCollections(b *fixtures.SolifynBusiness) []Collection {
	out := []Collection{}
	for i := range b.Collections {
		if c := &b.Collections[i]; c.Active() {
			out = append(out, collectionView(b, c))
		}
	}
	return out
}

// collectionDetail answers GET /v1/collections/{id}, archived or not.
func collectionDetail(tx store.Tx, b *fixtures.SolifynBusiness, id string) (*CollectionDetail, error) {
	c, ok := b.Collection(id)
	if !ok {
		return nil, ErrCollectionNotFound
	}
	d := &CollectionDetail{CollectionHeader: collectionHeader(b, c), Products: []CollectionProduct{}}
	for _, cp := range c.Products {
		p, _ := b.Product(cp.ID) // the world validates collection products
		view, err := productView(tx, b, p)
		if err != nil {
			return nil, err
		}
		d.Products = append(d.Products, CollectionProduct{Product: view, Quantity: cp.Qty()})
	}
	return d, nil
}

// discountView is a discount as the API shows it: a percentage in basis
// points, a fixed amount in cents. The spec knows only the statuses active
// and expired, so a code that is used up is shown expired as well.
func discountView(tx store.Tx, b *fixtures.SolifynBusiness, d *fixtures.SolifynDiscount, now time.Time) (Discount, error) {
	used, err := timesUsed(tx, d)
	if err != nil {
		return Discount{}, err
	}
	ok, err := redeemable(tx, d, now)
	if err != nil {
		return Discount{}, err
	}
	status := "active"
	if !ok {
		status = "expired"
	}
	var expires *Time
	if at, set := d.Expiry(); set {
		t := At(at)
		expires = &t
	}
	created := At(d.Created())
	return Discount{
		ID: d.ID, DiscountID: d.ID, Code: d.Code, Name: d.Name, Type: d.Type,
		Amount:     toCents(d.AmountValue()), // basis points and cents are both hundredths
		UsageLimit: d.UsageLimit, TimesUsed: used, ExpiresAt: expires, Status: status,
		BusinessID: b.ID, CreatedAt: created, UpdatedAt: created,
	}, nil
}

// The discounts list's sorting criteria.
var discountSortings = []string{"created_at", "-created_at"}

// listDiscounts answers GET /v1/discounts: query filters codes by
// case-insensitive substring, id by id; newest first unless sorted.
func listDiscounts(tx store.Tx, b *fixtures.SolifynBusiness, q url.Values, now time.Time) (*DiscountList, error) {
	c := &queryCheck{q: q}
	sorting := c.oneOf("sorting", discountSortings, "-created_at")
	limit, page := c.page()
	if err := c.err(); err != nil {
		return nil, err
	}
	var match []*fixtures.SolifynDiscount
	for i := range b.Discounts {
		d := &b.Discounts[i]
		if (q.Has("query") && !strings.Contains(strings.ToLower(d.Code), strings.ToLower(q.Get("query")))) ||
			(q.Has("id") && d.ID != q.Get("id")) {
			continue
		}
		match = append(match, d)
	}
	sortBy(match, sorting, map[string]func(a, b *fixtures.SolifynDiscount) int{
		"created_at": func(a, b *fixtures.SolifynDiscount) int { return a.Created().Compare(b.Created()) },
	})
	n := len(match)
	list := &DiscountList{Items: []Discount{}, Total: n, TotalCount: n,
		Pagination: DiscountPagination{Total: n, TotalCount: n, MaxPage: maxPage(n, limit)}}
	for _, d := range pageOf(match, limit, page) {
		view, err := discountView(tx, b, d, now)
		if err != nil {
			return nil, err
		}
		list.Items = append(list.Items, view)
	}
	return list, nil
}

// validateDiscount answers GET /v1/discounts/validate. The spec says it
// answers a Discount; the TypeScript SDK's test mocks {valid, discount}.
// The sandbox follows the spec, which is generated from the server: a
// usable code answers its Discount, an unknown one (or a businessId other
// than the key's) 404, an expired or used-up one 400 "Invalid discount
// code".
func validateDiscount(tx store.Tx, b *fixtures.SolifynBusiness, q url.Values, now time.Time) (*Discount, error) {
	c := &queryCheck{q: q}
	code := c.required("code")
	business := c.required("businessId")
	if err := c.err(); err != nil {
		return nil, err
	}
	d, ok := b.DiscountByCode(code)
	if !ok || business != b.ID {
		return nil, ErrDiscountNotFound
	}
	usable, err := redeemable(tx, d, now)
	if err != nil {
		return nil, err
	}
	if !usable {
		return nil, ErrInvalidDiscount
	}
	view, err := discountView(tx, b, d, now)
	return &view, err
}

// queryCheck validates query parameters as a NestJS query DTO with
// class-transformer's conversion would, collecting class-validator's
// messages in parameter order.
type queryCheck struct {
	q    url.Values
	msgs []string
}

func (c *queryCheck) fail(format string, args ...any) {
	c.msgs = append(c.msgs, fmt.Sprintf(format, args...))
}

func (c *queryCheck) err() error {
	if len(c.msgs) == 0 {
		return nil
	}
	return &ValidationError{Messages: c.msgs}
}

// page reads limit (default 10, at most 100) and page (default 1), both
// integers of at least 1, converted as JavaScript's Number() converts.
func (c *queryCheck) page() (limit, page int) {
	return c.integer("limit", 10, 100), c.integer("page", 1, 0)
}

// integer reads an integer parameter of at least 1 and, when max > 0, at
// most max (decorators IsInt, Min, Max: reported Max first).
func (c *queryCheck) integer(name string, def, max int) int {
	if !c.q.Has(name) {
		return def
	}
	n := jsNumberOf(c.q.Get(name))
	before := len(c.msgs)
	if max > 0 && !(n <= float64(max)) {
		c.fail(msgMax, name, strconv.Itoa(max))
	}
	if !(n >= 1) {
		c.fail(msgMin, name, "1")
	}
	if math.IsInf(n, 0) || math.Trunc(n) != n {
		c.fail(msgInt, name)
	}
	if len(c.msgs) > before {
		return def
	}
	return int(min(n, 1<<53)) // beyond, every page is empty anyway
}

// jsNumberOf converts a string as Number() does for decimal text: blank
// is 0, anything not a number is NaN.
func jsNumberOf(s string) float64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && f == 0 {
		return math.NaN()
	}
	return f
}

// boolean reads "true" or "false"; absent is nil.
func (c *queryCheck) boolean(name string) *bool {
	if !c.q.Has(name) {
		return nil
	}
	switch c.q.Get(name) {
	case "true":
		t := true
		return &t
	case "false":
		f := false
		return &f
	}
	c.fail(msgBoolean, name)
	return nil
}

// oneOf reads a parameter that must be one of values.
func (c *queryCheck) oneOf(name string, values []string, def string) string {
	if !c.q.Has(name) {
		return def
	}
	v := c.q.Get(name)
	if !slices.Contains(values, v) {
		c.fail(msgIn, name, strings.Join(values, ", "))
		return def
	}
	return v
}

// required reads a parameter that must be present and not empty
// (IsString, IsNotEmpty).
func (c *queryCheck) required(name string) string {
	if !c.q.Has(name) {
		c.fail(msgNotEmpty, name)
		c.fail(msgString, name)
		return ""
	}
	v := c.q.Get(name)
	if v == "" {
		c.fail(msgNotEmpty, name)
	}
	return v
}
