package twocheckout

import (
	"cmp"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/flashcart/flashcart/internal/iso"
	"github.com/flashcart/flashcart/sandbox/schema"
)

// productCodeRE is the syntax the sandbox accepts for product codes.
var productCodeRE = regexp.MustCompile(`^[A-Za-z0-9_.\-]{1,100}$`)

// productRules refine the Product object's table.
var productRules = map[string]rule{
	"AvangateId":                                        {doc: "Read-only: system-generated."},
	"ProductCode":                                       {required: true},
	"ProductType":                                       {enum: []string{"REGULAR", "BUNDLE"}, def: `"REGULAR"`},
	"ProductName":                                       {required: true},
	"GroupName":                                         {doc: "Read-only; the 6.0 samples set ProductGroupCode."},
	"PricingConfigurations":                             {required: true},
	"PricingConfigurations[].PricingSchema":             {enum: []string{"DYNAMIC", "FLAT"}},
	"PricingConfigurations[].PriceType":                 {enum: []string{"NET", "GROSS"}, def: `"NET"`},
	"PricingConfigurations[].DefaultCurrency":           {format: "iso4217"},
	"PricingConfigurations[].Prices.Regular":            {required: true},
	"PricingConfigurations[].Prices.Regular[].Amount":   {required: true},
	"PricingConfigurations[].Prices.Regular[].Currency": {required: true, format: "iso4217"},
	"PricingConfigurations[].Prices.Renewal[].Amount":   {required: true},
	"PricingConfigurations[].Prices.Renewal[].Currency": {required: true, format: "iso4217"},
	"SubscriptionInformation.BillingCycle":              {doc: "A number of BillingCycleUnits, as a string."},
	"SubscriptionInformation.BillingCycleUnits":         {enum: []string{"M", "D"}},
	"Fulfillment":                                       {enum: []string{"BY_AVANGATE", "NO_DELIVERY", "BY_VENDOR"}},
}

var productMethods = []*method{
	{
		body:  session(MethodAddProduct, "Adds a product to the catalogue; answers true.", objectParam[Product]("Product", true, "The product.", productRules)),
		codes: vendorCodes{"Product.": named(ErrProductInvalid)}, write: true, session: true,
		run: addProduct,
	},
	{
		body:    session(MethodGetProductByCode, "Answers a product.", param("ProductCode", schema.String, true, "The product's code.")),
		session: true,
		run: func(c *call) (any, error) {
			p, err := c.product(c.str(1))
			return p, err
		},
	},
	{
		body: session(MethodSearchProducts, "Answers a page of the products matching every option given.",
			objectParam[ProductSearch]("SearchOptions", true, "The filters.", map[string]rule{
				"Name":              {doc: "Part of the product name, any case."},
				"Types":             {doc: "REGULAR, BUNDLE."},
				"Limit":             {min: schema.Bound(1), max: schema.Bound(200), def: "10"},
				"Page":              {min: schema.Bound(1), def: "1"},
				"OrderBy.Field":     {enum: []string{"ProductStatus", "ProductName", "ProductCode", "UpdateDatetime", "AvangateId"}},
				"OrderBy.Direction": {enum: []string{"asc", "desc"}, def: `"desc"`},
			})),
		session: true,
		run:     searchProducts,
	},
}

func addProduct(c *call) (any, error) {
	var p Product
	if err := c.decode(1, &p); err != nil {
		return nil, err
	}
	bad := func(field, format string, args ...any) error {
		return fail(ErrProductInvalid, field).hint(format, args...)
	}
	switch {
	case !productCodeRE.MatchString(p.ProductCode):
		return nil, bad("ProductCode", "%q: use 1 to 100 letters, digits, '_', '-' or '.'", p.ProductCode)
	case strings.TrimSpace(p.ProductName) == "":
		return nil, bad("ProductName", "ProductName is empty")
	case len(p.PricingConfigurations) == 0:
		return nil, bad("PricingConfigurations", "at least one pricing configuration is needed")
	case p.ProductType == "BUNDLE" && len(p.BundleProducts) == 0:
		return nil, bad("BundleProducts", "a BUNDLE needs BundleProducts")
	}
	all, err := list[Product](c.tx, bucketProducts, c.merchant.Code)
	if err != nil {
		return nil, err
	}
	if slices.ContainsFunc(all, func(o Product) bool { return o.ProductCode == p.ProductCode }) {
		return nil, fail(ErrProductCodeExists, p.ProductCode)
	}
	if err := c.checkPricing(&p); err != nil {
		return nil, err
	}
	for i := range p.BundleProducts {
		b := &p.BundleProducts[i]
		o, err := c.product(b.ProductCode)
		if err != nil {
			return nil, bad("BundleProducts", "bundled product %q: %v", b.ProductCode, err)
		}
		b.ProductID = o.AvangateID
	}
	for i := range p.AdditionalFields {
		a := &p.AdditionalFields[i]
		f, err := c.field(a.Code)
		if err != nil || f.ApplyTo != "PRODUCT" {
			return nil, bad("AdditionalFields", "%q is not a PRODUCT additional field", a.Code)
		}
		*a = assigned(f.Label, f.Code, a.Required)
	}
	if p.GeneratesSubscription != nil && *p.GeneratesSubscription {
		si := p.SubscriptionInformation
		if si == nil || si.BillingCycleUnits == "" {
			return nil, bad("SubscriptionInformation", "a product that generates subscriptions needs BillingCycle and BillingCycleUnits")
		}
		if n, err := strconv.Atoi(si.BillingCycle); err != nil || n < 1 {
			return nil, bad("BillingCycle", "BillingCycle %q is not a positive number", si.BillingCycle)
		}
	}
	id := c.v.env.IDs.Digits("twocheckout.product", 7)
	for slices.ContainsFunc(all, func(o Product) bool { return o.AvangateID == id }) {
		id = c.v.env.IDs.Digits("twocheckout.product", 7)
	}
	p.AvangateID, p.ProductType, p.GroupName = id, or(p.ProductType, "REGULAR"), ""
	normalize(&p)
	return true, put(c, bucketProducts, p.ProductCode, p)
}

// checkPricing checks the pricing configurations: ISO currencies, amounts
// of at least 0 with 2 decimals, quantity ranges; it marks the first
// configuration default when none is, and draws missing codes.
func (c *call) checkPricing(p *Product) error {
	def := slices.IndexFunc(p.PricingConfigurations, func(pc PricingConfiguration) bool { return pc.Default })
	if def < 0 {
		p.PricingConfigurations[0].Default = true
	}
	for i := range p.PricingConfigurations {
		pc := &p.PricingConfigurations[i]
		pc.Default = i == max(def, 0)
		if pc.Code == "" {
			pc.Code = strings.ToUpper(c.v.env.IDs.Hex("twocheckout.pricing", 10))
		}
		pc.PriceType, pc.PricingSchema = or(pc.PriceType, "NET"), or(pc.PricingSchema, "FLAT")
		for _, prices := range []*[]Price{&pc.Prices.Regular, &pc.Prices.Renewal} {
			for j := range *prices {
				pr := &(*prices)[j]
				pr.Currency = strings.ToUpper(pr.Currency)
				if pr.MinQuantity == 0 {
					pr.MinQuantity = 1
				}
				if pr.MaxQuantity == 0 {
					pr.MaxQuantity = maxQuantity
				}
				switch {
				case !iso.IsCurrency(pr.Currency):
					return fail(ErrProductInvalid, "Currency").hint("%q is not an ISO 4217 code", pr.Currency)
				case pr.Amount.IsNegative() || !pr.Amount.Equal(pr.Amount.Round(2)):
					return fail(ErrProductInvalid, "Amount").hint("%s: at least 0, at most 2 decimals", pr.Amount)
				case pr.MinQuantity < 1 || pr.MaxQuantity > maxQuantity || pr.MinQuantity > pr.MaxQuantity:
					return fail(ErrProductInvalid, "MinQuantity").hint("quantities must satisfy 1 <= MinQuantity <= MaxQuantity <= 99999")
				}
				pr.OptionCodes = orEmpty(pr.OptionCodes)
			}
		}
		if len(pc.Prices.Regular) == 0 {
			return fail(ErrProductInvalid, "Prices").hint("pricing configuration %d has no regular price", i)
		}
		pc.DefaultCurrency = strings.ToUpper(or(pc.DefaultCurrency, pc.Prices.Regular[0].Currency))
	}
	return nil
}

func searchProducts(c *call) (any, error) {
	var s ProductSearch
	if err := c.decode(1, &s); err != nil {
		return nil, err
	}
	all, err := list[Product](c.tx, bucketProducts, c.merchant.Code)
	if err != nil {
		return nil, err
	}
	var found []Product
	for _, p := range all {
		switch {
		case s.Name != "" && !strings.Contains(strings.ToLower(p.ProductName), strings.ToLower(s.Name)):
		case len(s.Codes) > 0 && !slices.Contains(s.Codes, p.ProductCode):
		case len(s.Types) > 0 && !containsFold(s.Types, p.ProductType):
		case s.Enabled != nil && *s.Enabled != p.Enabled:
		case s.GroupName != "" && !strings.EqualFold(s.GroupName, p.GroupName):
		default:
			found = append(found, p)
		}
	}
	// Without OrderBy the sandbox sorts by ProductCode, ascending; with it,
	// the direction defaults to desc, as the reference says.
	if ob := s.OrderBy; ob != nil && ob.Field != "" {
		slices.SortStableFunc(found, func(a, b Product) int {
			n := compareBy(ob.Field, a, b)
			if ob.Direction != "asc" {
				n = -n
			}
			return n
		})
	}
	return pageOf(found, s.Page, s.Limit), nil
}

// compareBy compares two products on a searchProducts OrderBy field. The
// sandbox keeps no update time, so UpdateDatetime keeps the code order.
func compareBy(field string, a, b Product) int {
	switch field {
	case "ProductStatus":
		return cmp.Compare(boolRank(a.Enabled), boolRank(b.Enabled))
	case "ProductName":
		return cmp.Compare(a.ProductName, b.ProductName)
	case "ProductCode":
		return cmp.Compare(a.ProductCode, b.ProductCode)
	case "AvangateId":
		x, _ := strconv.ParseInt(a.AvangateID, 10, 64)
		y, _ := strconv.ParseInt(b.AvangateID, 10, 64)
		return cmp.Compare(x, y)
	}
	return 0
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}
