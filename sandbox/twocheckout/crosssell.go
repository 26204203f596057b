package twocheckout

import (
	"encoding/base64"
	"encoding/hex"
	"slices"
	"strings"
	"time"

	"github.com/flashcart/flashcart/sandbox/schema"
	"github.com/shopspring/decimal"
)

// campaignRules refine the CrossSellCampaign object's table.
var campaignRules = map[string]rule{
	"MasterProducts":          {required: true, doc: "The product codes the campaign is shown with."},
	"DisplayType":             {required: true, enum: []string{"cart", "review", "finish"}},
	"DisplayInEmail":          {required: true},
	"Products":                {required: true, doc: "The recommended products."},
	"Products[].ProductCode":  {required: true},
	"Products[].Discount":     {required: true, doc: "Percent, 0 to 100."},
	"Products[].DiscountType": {required: true, enum: []string{"PERCENT"}},
	"Products[].Type":         {doc: "Read-only; \"Own\" for the merchant's products."},
	"CampaignCode":            {doc: "System-generated; identifies the campaign on update."},
	"Name":                    {required: true},
	"StartDate":               {format: "date", doc: "YYYY-MM-DD; null: now."},
	"EndDate":                 {format: "date", doc: "YYYY-MM-DD; null: open-ended."},
	"CampaignStatus":          {enum: []string{"ACTIVE", "INACTIVE"}, def: `"ACTIVE"`},
	"CampaignOwnerType":       {enum: []string{"MERCH", "AFF"}, def: `"MERCH"`},
}

var campaignCodes = vendorCodes{"CrossSellCampaign.": named(ErrCampaignInvalid)}

func campaignParam(doc string) *schema.Field {
	return objectParam[CrossSellCampaign]("CrossSellCampaign", true, doc, campaignRules)
}

var crossSellMethods = []*method{
	{
		body:    session(MethodGetCrossSellCampaign, "Answers a cross-sell campaign.", param("CampaignCode", schema.String, true, "The campaign code.")),
		session: true,
		run: func(c *call) (any, error) {
			cs, err := c.campaign(c.str(1))
			if err != nil {
				return nil, err
			}
			return c.decorate(cs), nil
		},
	},
	{
		body:    session(MethodGetProductCrossSellCampaigns, "Answers the campaigns shown with a product (it is a master product).", param("ProductCode", schema.String, true, "The product's code.")),
		session: true,
		run:     productCampaigns,
	},
	{
		body: session(MethodSearchCrossSellCampaigns, "Answers a page of the campaigns matching every option given.",
			objectParam[CrossSellSearch]("SearchOptions", true, "The filters.", map[string]rule{
				"Status":           {enum: []string{"ACTIVE", "INACTIVE"}},
				"StartDate":        {format: "date", doc: "Campaigns starting on or after it."},
				"EndDate":          {format: "date", doc: "Campaigns ending on or before it."},
				"Type":             {enum: []string{"MERCH", "AFF"}},
				"Pagination.Page":  {min: schema.Bound(1), def: "1"},
				"Pagination.Limit": {min: schema.Bound(1), max: schema.Bound(200), def: "10"},
			})),
		session: true,
		run:     searchCampaigns,
	},
	{
		body:  session(MethodCreateCrossSellCampaign, "Creates a campaign; answers it with its CampaignCode.", campaignParam("The campaign.")),
		codes: campaignCodes, write: true, session: true,
		run: func(c *call) (any, error) { return saveCampaign(c, false) },
	},
	{
		body:  session(MethodUpdateCrossSellCampaign, "Replaces a campaign, found by its CampaignCode; answers it.", campaignParam("The campaign, with its CampaignCode.")),
		codes: campaignCodes, write: true, session: true,
		run: func(c *call) (any, error) { return saveCampaign(c, true) },
	},
}

func saveCampaign(c *call, update bool) (any, error) {
	var cs CrossSellCampaign
	if err := c.decode(1, &cs); err != nil {
		return nil, err
	}
	if update {
		if _, err := c.campaign(cs.CampaignCode); err != nil {
			return nil, err
		}
	} else {
		code, err := unique(c.tx, bucketCampaigns, func() string {
			raw, _ := hex.DecodeString(c.v.env.IDs.Hex("twocheckout.campaign", 32))
			return key(c.merchant.Code, base64.StdEncoding.EncodeToString(raw))
		})
		if err != nil {
			return nil, err
		}
		_, cs.CampaignCode, _ = strings.Cut(code, "/")
	}
	if err := c.checkCampaign(&cs); err != nil {
		return nil, err
	}
	if err := put(c, bucketCampaigns, cs.CampaignCode, cs); err != nil {
		return nil, err
	}
	return c.decorate(cs), nil
}

// checkCampaign checks what the table cannot, and fills defaults.
func (c *call) checkCampaign(cs *CrossSellCampaign) error {
	bad := func(field, format string, args ...any) error {
		return fail(ErrCampaignInvalid, field).hint(format, args...)
	}
	switch {
	case strings.TrimSpace(cs.Name) == "":
		return bad("Name", "Name is empty")
	case len(cs.MasterProducts) == 0:
		return bad("MasterProducts", "at least one master product is needed")
	case len(cs.Products) == 0:
		return bad("Products", "at least one recommended product is needed")
	}
	for _, code := range cs.MasterProducts {
		if _, err := c.product(code); err != nil {
			return bad("MasterProducts", "master product %q: %v", code, err)
		}
	}
	for i := range cs.Products {
		p := &cs.Products[i]
		if _, err := c.product(p.ProductCode); err != nil {
			return bad("Products", "recommended product %q: %v", p.ProductCode, err)
		}
		if p.Discount.IsNegative() || p.Discount.GreaterThan(hundred) {
			return bad("Discount", "the discount of %q must be a percentage from 0 to 100", p.ProductCode)
		}
		p.BasePrice, p.DiscountedPrice = nil, nil
	}
	for _, d := range []struct {
		name string
		v    *string
	}{{"StartDate", cs.StartDate}, {"EndDate", cs.EndDate}} {
		if d.v != nil && *d.v != "" {
			if _, err := time.Parse(time.DateOnly, *d.v); err != nil {
				return bad(d.name, "%q is not a YYYY-MM-DD date", *d.v)
			}
		}
	}
	if cs.StartDate != nil && cs.EndDate != nil && *cs.EndDate != "" && *cs.EndDate < *cs.StartDate {
		return bad("EndDate", "EndDate %s is before StartDate %s", *cs.EndDate, *cs.StartDate)
	}
	cs.CampaignStatus = or(cs.CampaignStatus, "ACTIVE")
	cs.CampaignOwnerType = or(cs.CampaignOwnerType, "MERCH")
	return nil
}

// decorate fills each recommended product's base and discounted prices
// (one unit, per currency) from the current catalogue.
func (c *call) decorate(cs CrossSellCampaign) CrossSellCampaign {
	cs.Products = slices.Clone(cs.Products)
	for i := range cs.Products {
		p := &cs.Products[i]
		p.Type, p.BasePrice, p.DiscountedPrice = "Own", []CurrencyPrice{}, []CurrencyPrice{}
		prod, ok, err := get[Product](c, bucketProducts, p.ProductCode)
		pc := defaultPricing(&prod)
		if err != nil || !ok || pc == nil {
			continue
		}
		for _, pr := range pc.Prices.Regular {
			if pr.MinQuantity > 1 {
				continue
			}
			off := pr.Amount.Mul(p.Discount.Decimal).Div(hundred).Round(2)
			p.BasePrice = append(p.BasePrice, CurrencyPrice{Currency: pr.Currency, Price: pr.Amount})
			p.DiscountedPrice = append(p.DiscountedPrice, CurrencyPrice{Currency: pr.Currency, Price: A(pr.Amount.Sub(off))})
		}
	}
	return cs
}

func productCampaigns(c *call) (any, error) {
	code := c.str(1)
	if _, err := c.product(code); err != nil {
		return nil, err
	}
	all, err := list[CrossSellCampaign](c.tx, bucketCampaigns, c.merchant.Code)
	if err != nil {
		return nil, err
	}
	out := []CrossSellCampaign{}
	for _, cs := range all {
		if slices.Contains(cs.MasterProducts, code) {
			out = append(out, c.decorate(cs))
		}
	}
	return out, nil
}

func searchCampaigns(c *call) (any, error) {
	var s CrossSellSearch
	if err := c.decode(1, &s); err != nil {
		return nil, err
	}
	all, err := list[CrossSellCampaign](c.tx, bucketCampaigns, c.merchant.Code)
	if err != nil {
		return nil, err
	}
	anyOf := func(want, have []string) bool {
		return len(want) == 0 || slices.ContainsFunc(want, func(w string) bool { return slices.Contains(have, w) })
	}
	var found []CrossSellCampaign
	for _, cs := range all {
		var recommended []string
		for _, p := range cs.Products {
			recommended = append(recommended, p.ProductCode)
		}
		switch {
		case s.CampaignName != "" && !strings.Contains(strings.ToLower(cs.Name), strings.ToLower(s.CampaignName)):
		case s.Status != "" && s.Status != cs.CampaignStatus:
		case s.Type != "" && s.Type != cs.CampaignOwnerType:
		case !anyOf(s.Products, cs.MasterProducts), !anyOf(s.RecommendedProducts, recommended):
		case s.StartDate != "" && (cs.StartDate == nil || *cs.StartDate < s.StartDate):
		case s.EndDate != "" && (cs.EndDate == nil || *cs.EndDate > s.EndDate):
		default:
			found = append(found, c.decorate(cs))
		}
	}
	var page, limit *int
	if s.Pagination != nil {
		page, limit = s.Pagination.Page, s.Pagination.Limit
	}
	return pageOf(found, page, limit), nil
}

// pageOf returns one page of items with its pagination.
func pageOf[T any](items []T, page, limit *int) Page[T] {
	out := Page[T]{Items: orEmpty(paginate(items, page, limit)), Pagination: Pagination{Page: 1, Limit: 10, Count: len(items)}}
	if page != nil {
		out.Pagination.Page = *page
	}
	if limit != nil {
		out.Pagination.Limit = *limit
	}
	return out
}

// campaign returns a campaign of the merchant, or its not-found error.
func (c *call) campaign(code string) (CrossSellCampaign, error) {
	cs, ok, err := get[CrossSellCampaign](c, bucketCampaigns, code)
	if err == nil && !ok {
		err = fail(ErrCampaignNotFound, code)
	}
	return cs, err
}

// crossSellDiscount checks a line's CrossSell and returns the campaign's
// discount on it: the campaign must be active and current, recommend the
// line's product, and name as ParentCode one of its master products that
// is in the cart.
func (c *call) crossSellDiscount(k *cart, l *line) (decimal.Decimal, error) {
	ref := l.in.CrossSell
	bad := fail(ErrOrderCrossSellInvalid, ref.CampaignCode)
	cs, ok, err := get[CrossSellCampaign](c, bucketCampaigns, ref.CampaignCode)
	today := c.now.Format(time.DateOnly)
	switch {
	case err != nil:
		return decimal.Zero, err
	case !ok:
		return decimal.Zero, bad.hint("no campaign %q", ref.CampaignCode)
	case cs.CampaignStatus != "ACTIVE",
		cs.StartDate != nil && *cs.StartDate != "" && today < *cs.StartDate,
		cs.EndDate != nil && *cs.EndDate != "" && today > *cs.EndDate:
		return decimal.Zero, bad.hint("campaign %q is inactive or out of its dates", ref.CampaignCode)
	case l.product == nil:
		return decimal.Zero, bad.hint("a dynamic item cannot be a cross-sell")
	case !slices.Contains(cs.MasterProducts, ref.ParentCode) || !slices.ContainsFunc(k.lines, func(o *line) bool {
		return o.product != nil && o.product.ProductCode == ref.ParentCode
	}):
		return decimal.Zero, bad.hint("ParentCode %q is not a master product of the campaign in the cart", ref.ParentCode)
	}
	i := slices.IndexFunc(cs.Products, func(p CrossSellProduct) bool { return p.ProductCode == l.product.ProductCode })
	if i < 0 {
		return decimal.Zero, bad.hint("campaign %q does not recommend %q", ref.CampaignCode, l.product.ProductCode)
	}
	per := l.unit.Mul(cs.Products[i].Discount.Decimal).Div(hundred).Round(2)
	return per.Mul(decimal.NewFromInt(int64(l.qty))), nil
}
