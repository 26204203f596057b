package twocheckout

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strings"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/shopspring/decimal"
)

// merchantState is what the store keeps of a merchant besides its
// catalogue: that the world's catalogue was copied, the last order
// reference drawn and the number of orders.
type merchantState struct {
	LastRefNo int64 `json:"last_ref_no"`
	Orders    int   `json:"orders"`
}

// seed copies the world's catalogue of a merchant into the store, once:
// from then on the store is the catalogue, until the account is reset.
func seed(tx store.Tx, m *fixtures.TwoCheckoutMerchant) error {
	if exists(tx, bucketMerchants, m.Code) {
		return nil
	}
	if err := save(tx, bucketMerchants, m.Code, m.Code, merchantState{}); err != nil {
		return err
	}
	fields := map[string]*fixtures.TwoCheckoutField{}
	for i := range m.AdditionalFields {
		f := &m.AdditionalFields[i]
		fields[f.Code] = f
		if err := save(tx, bucketFields, key(m.Code, f.Code), m.Code, fieldFromWorld(f)); err != nil {
			return err
		}
	}
	ids := map[string]string{}
	for _, p := range m.Products {
		ids[p.Code] = p.ID
	}
	for i := range m.Products {
		p := productFromWorld(m.Code, &m.Products[i], fields, ids)
		if err := save(tx, bucketProducts, key(m.Code, p.ProductCode), m.Code, p); err != nil {
			return err
		}
	}
	for i := range m.Promotions {
		p := promotionFromWorld(m.Code, &m.Promotions[i])
		if err := save(tx, bucketPromotions, key(m.Code, p.Code), m.Code, promotionState{Promotion: p}); err != nil {
			return err
		}
	}
	for i := range m.CrossSellCampaigns {
		cs := campaignFromWorld(&m.CrossSellCampaigns[i])
		if err := save(tx, bucketCampaigns, key(m.Code, cs.CampaignCode), m.Code, cs); err != nil {
			return err
		}
	}
	return nil
}

func fieldFromWorld(f *fixtures.TwoCheckoutField) AdditionalField {
	out := AdditionalField{Label: f.Label, Code: f.Code, Type: f.Type, ApplyTo: f.ApplyTo,
		Values: orEmpty(f.Values), Translations: []AdditionalFieldTranslation{}}
	if f.ValidationRule != "" {
		out.ValidationRule = &f.ValidationRule
	}
	return out
}

// pricingCode is the code of a world product's pricing configuration: the
// vendor generates it; the sandbox derives it from the product.
func pricingCode(account, product string) string {
	h := fnv.New64a()
	h.Write([]byte(key(account, product)))
	return fmt.Sprintf("%010X", h.Sum64()%(1<<40))
}

func productFromWorld(account string, p *fixtures.TwoCheckoutProduct, fields map[string]*fixtures.TwoCheckoutField, ids map[string]string) Product {
	out := Product{
		AvangateID:            p.ID,
		ProductCode:           p.Code,
		ProductType:           or(p.Type, "REGULAR"),
		ProductName:           p.Name,
		ProductVersion:        p.Version,
		GroupName:             p.Group,
		PurchaseMultipleUnits: !p.SingleUnit,
		Tangible:              p.Tangible,
		ShortDescription:      p.Description,
		Enabled:               !p.Disabled,
		Fulfillment:           "NO_DELIVERY",
		PricingConfigurations: []PricingConfiguration{{
			Name:            p.Name,
			Code:            pricingCode(account, p.Code),
			Default:         true,
			PricingSchema:   "FLAT",
			PriceType:       or(p.PriceType, "NET"),
			DefaultCurrency: firstCurrency(p.Prices),
			Prices:          PricingPrices{Regular: pricesFromWorld(p.Prices), Renewal: pricesFromWorld(p.RenewalPrices)},
		}},
	}
	if p.Tangible {
		out.Fulfillment = "BY_VENDOR"
	}
	for _, a := range p.AdditionalFields {
		label := a.Code
		if f := fields[a.Code]; f != nil {
			label = f.Label
		}
		out.AdditionalFields = append(out.AdditionalFields, assigned(label, a.Code, a.Required))
	}
	for _, code := range p.Bundle {
		out.BundleProducts = append(out.BundleProducts, BundleProduct{ProductID: ids[code], ProductCode: code})
	}
	generates := p.Subscription != nil
	out.GeneratesSubscription = &generates
	if s := p.Subscription; s != nil {
		out.SubscriptionInformation = &SubscriptionInformation{
			BillingCycle:      fmt.Sprint(s.BillingCycle),
			BillingCycleUnits: s.BillingCycleUnits,
			ContractPeriod:    &ContractPeriod{Period: -1, PeriodUnits: "months", IsUnlimited: true, Action: "RESTART"},
		}
	}
	normalize(&out)
	return out
}

func pricesFromWorld(prices []fixtures.TwoCheckoutPrice) []Price {
	out := []Price{}
	for _, p := range prices {
		lo, hi := p.MinQuantity, p.MaxQuantity
		if lo == 0 {
			lo = 1
		}
		if hi == 0 {
			hi = maxQuantity
		}
		out = append(out, Price{Amount: A(p.Decimal()), Currency: p.Currency, MinQuantity: lo, MaxQuantity: hi, OptionCodes: []PriceOptionCode{}})
	}
	return out
}

// assigned is an additional field as assigned to a product. URLParameter
// is the sandbox's own: the vendor's format is not documented.
func assigned(label, code string, required bool) AdditionalFieldAssigned {
	return AdditionalFieldAssigned{Label: label, Code: code, Enabled: true, Required: required, URLParameter: "ADDITIONAL_" + code}
}

// normalize answers empty lists as [] rather than null, as the vendor's
// samples show them.
func normalize(p *Product) {
	p.Platforms, p.ProductImages = orEmpty(p.Platforms), orEmpty(p.ProductImages)
	p.AdditionalFields, p.Translations = orEmpty(p.AdditionalFields), orEmpty(p.Translations)
	p.BundleProducts, p.Prices = orEmpty(p.BundleProducts), orEmpty(p.Prices)
	p.PricingConfigurations = orEmpty(p.PricingConfigurations)
	for i := range p.PricingConfigurations {
		pc := &p.PricingConfigurations[i]
		pc.BillingCountries, pc.PriceOptions = orEmpty(pc.BillingCountries), orEmpty(pc.PriceOptions)
		pc.Prices.Regular, pc.Prices.Renewal = orEmpty(pc.Prices.Regular), orEmpty(pc.Prices.Renewal)
	}
}

func promotionFromWorld(account string, p *fixtures.TwoCheckoutPromo) Promotion {
	out := Promotion{
		Code:            p.Code,
		Name:            p.Name,
		Description:     p.Description,
		StartDate:       optional(p.StartDate),
		EndDate:         optional(p.EndDate),
		InstantDiscount: p.InstantDiscount,
		Enabled:         !p.Disabled,
		ChannelType:     "ECOMMERCE",
		Type:            or(p.Type, "REGULAR"),
		Discount:        &PromotionDiscount{Type: p.Discount.Type},
		Products:        []PromotionProduct{},
		Translations:    []PromotionName{},
		Sources:         []string{},
		ApplyRecurring:  "NONE",
	}
	if p.MaximumOrdersNumber > 0 {
		out.MaximumOrdersNumber = &p.MaximumOrdersNumber
	}
	if p.MaximumQuantity > 0 {
		out.MaximumQuantity = &p.MaximumQuantity
	}
	if c := p.Coupon; c != nil {
		out.Coupon = &PromotionCoupon{Type: c.Type}
		if c.Type == "SINGLE" {
			out.Coupon.Code = &c.Code
		} else {
			out.Coupon.Codes = c.Codes
		}
	}
	if p.Discount.Type == "PERCENT" {
		v := A(parse(p.Discount.Value))
		out.Discount.Value = &v
	} else {
		for cur, amount := range p.Discount.Values {
			out.Discount.Values = append(out.Discount.Values, CurrencyAmount{Currency: cur, Amount: A(parse(amount))})
		}
		slices.SortFunc(out.Discount.Values, func(a, b CurrencyAmount) int { return strings.Compare(a.Currency, b.Currency) })
		out.Discount.DefaultCurrency = p.Discount.DefaultCurrency
	}
	for _, code := range p.Products {
		out.Products = append(out.Products, PromotionProduct{Code: Code(code), PricingConfigurationCode: pricingCode(account, code), PricingOptionCodes: []string{}})
	}
	return out
}

func campaignFromWorld(c *fixtures.TwoCheckoutCampaign) CrossSellCampaign {
	out := CrossSellCampaign{
		MasterProducts:    c.MasterProducts,
		DisplayType:       or(c.DisplayType, "cart"),
		DisplayInEmail:    c.DisplayInEmail,
		CampaignCode:      c.Code,
		Name:              c.Name,
		StartDate:         optional(c.StartDate),
		EndDate:           optional(c.EndDate),
		CampaignStatus:    "ACTIVE",
		CampaignOwnerType: "MERCH",
	}
	if c.Inactive {
		out.CampaignStatus = "INACTIVE"
	}
	for _, p := range c.Products {
		out.Products = append(out.Products, CrossSellProduct{ProductCode: p.Code, Discount: A(parse(p.Discount)), DiscountType: "PERCENT"})
	}
	return out
}

// get reads a catalogue record of the call's merchant.
func get[T any](c *call, bucket, code string) (T, bool, error) {
	rec, ok, err := load[T](c.tx, bucket, key(c.merchant.Code, code))
	return rec.Data, ok, err
}

// put writes a catalogue record of the call's merchant.
func put[T any](c *call, bucket, code string, v T) error {
	return save(c.tx, bucket, key(c.merchant.Code, code), c.merchant.Code, v)
}

// maxQuantity is the largest quantity of an item.
const maxQuantity = 99999

// defaultPricing returns a product's default pricing configuration (the
// first when none is marked), or nil.
func defaultPricing(p *Product) *PricingConfiguration {
	for i := range p.PricingConfigurations {
		if p.PricingConfigurations[i].Default {
			return &p.PricingConfigurations[i]
		}
	}
	if len(p.PricingConfigurations) > 0 {
		return &p.PricingConfigurations[0]
	}
	return nil
}

// unitPrice returns a product's unit price for a quantity in a currency and
// whether the price includes VAT (GROSS). renewal reads the renewal prices,
// falling back to the regular ones when the product has none.
func unitPrice(p *Product, currency string, qty int, renewal bool) (price decimal.Decimal, gross, ok bool) {
	prices := p.Prices
	if pc := defaultPricing(p); pc != nil {
		prices, gross = pc.Prices.Regular, pc.PriceType == "GROSS"
		if renewal && len(pc.Prices.Renewal) > 0 {
			prices = pc.Prices.Renewal
		}
	}
	for _, pr := range prices {
		lo, hi := pr.MinQuantity, pr.MaxQuantity
		if hi == 0 {
			hi = maxQuantity
		}
		if strings.EqualFold(pr.Currency, currency) && lo <= qty && qty <= hi {
			return pr.Amount.Decimal, gross, true
		}
	}
	return decimal.Decimal{}, false, false
}

// parse reads a decimal of a validated world; anything else is zero.
func parse(s string) decimal.Decimal {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Zero
	}
	return d
}

func firstCurrency(prices []fixtures.TwoCheckoutPrice) string {
	if len(prices) == 0 {
		return ""
	}
	return prices[0].Currency
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
