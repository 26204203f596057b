package twocheckout

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// seedPromotion is a Promotion object with every field of the seed's
// table, as a PHP client fills it.
func seedPromotion() map[string]any {
	return map[string]any{
		"Name":                "Summer sale",
		"Description":         "Twelve percent off Flash Antivirus",
		"StartDate":           "2026-03-01",
		"EndDate":             "2026-09-30",
		"MaximumOrdersNumber": 100,
		"MaximumQuantity":     3,
		"InstantDiscount":     false,
		"Coupon":              map[string]any{"Type": "MULTIPLE", "Codes": []any{"SUMMER-1", "SUMMER-2"}},
		"Enabled":             true,
		"ChannelType":         "ECOMMERCE",
		"Type":                "REGULAR",
		"Discount":            map[string]any{"Type": "PERCENT", "Value": 12},
		// The seed types Products[].Code as an Integer.
		"Products":                   []any{map[string]any{"Code": "FLASH_ANTIVIRUS", "PricingConfigurationCode": nil, "PricingOptionCodes": []any{}}},
		"PriceThreshold":             map[string]any{"Amount": 10.5, "Currency": "usd"},
		"Translations":               []any{map[string]any{"Name": "Soldes d'été", "Language": "FR"}},
		"Sources":                    []any{"newsletter"},
		"PublishToAffiliatesNetwork": 0,
		"ApplyRecurring":             "NONE",
		"RecurringChargesNumber":     nil,
	}
}

func TestPromotions(t *testing.T) {
	e := newEnv(t)
	sid := e.login()
	id := func() string { return strconv.Itoa(e.nextID) }
	invalid := func(field string) func() string {
		return func() string { return errBody(e.nextID, 10400, "Invalid promotion: "+field+".", "PROMOTION_INVALID") }
	}
	added := e.call(MethodAddPromotion, sid, seedPromotion())
	golden(t, "promotion_added", added)
	var p Promotion
	e.result(added, &p)
	if len(p.Code) != 10 || strings.ToUpper(p.Code) != p.Code {
		t.Fatalf("Code %q", p.Code)
	}
	got := e.call(MethodGetPromotion, sid, p.Code)
	if want := strings.Replace(added, `"id":2,`, `"id":3,`, 1); got != want {
		t.Fatalf("getPromotion:\n%s\n%s", got, want)
	}
	withCode := func(m map[string]any) map[string]any { return With(m, "Code", p.Code) }
	// fresh is the seed's promotion with a coupon no promotion has yet.
	fresh := func() map[string]any {
		return With(seedPromotion(), "Coupon", map[string]any{"Type": "SINGLE", "Code": "FRESH"})
	}
	numericCode := With(fresh(), "Products", []any{map[string]any{"Code": 4639324}})
	for _, s := range []struct {
		name   string
		method string
		params []any
		want   func() string
	}{
		{"get unknown", MethodGetPromotion, []any{sid, "NOPE"}, func() string {
			return errBody(e.nextID, 10400, "Promotion [NOPE] was not found.", "PROMOTION_NOT_FOUND")
		}},
		{"no name", MethodAddPromotion, []any{sid, With(fresh(), "Name", nil)}, invalid("Name")},
		{"blank name", MethodAddPromotion, []any{sid, With(fresh(), "Name", "  ")}, invalid("Name")},
		{"no ApplyRecurring", MethodAddPromotion, []any{sid, With(fresh(), "ApplyRecurring", nil)}, invalid("ApplyRecurring")},
		{"unknown channel", MethodAddPromotion, []any{sid, With(fresh(), "ChannelType", "SHOP")}, invalid("ChannelType")},
		{"special price", MethodAddPromotion, []any{sid, With(fresh(), "Type", "SPECIAL_PRICE")}, invalid("Type")},
		{"no coupon", MethodAddPromotion, []any{sid, With(fresh(), "Coupon", nil)}, invalid("Coupon")},
		{"coupon in use", MethodAddPromotion, []any{sid, With(fresh(), "Coupon", map[string]any{"Type": "SINGLE", "Code": "spring10"})}, invalid("Coupon")},
		{"single without code", MethodAddPromotion, []any{sid, With(fresh(), "Coupon", map[string]any{"Type": "SINGLE"})}, invalid("Code")},
		{"percent over 100", MethodAddPromotion, []any{sid, With(fresh(), "Discount.Value", 101)}, invalid("Value")},
		{"fixed without values", MethodAddPromotion, []any{sid, With(fresh(), "Discount", map[string]any{"Type": "FIXED"})}, invalid("Values")},
		{"fixed default currency", MethodAddPromotion, []any{sid, With(fresh(), "Discount", map[string]any{"Type": "FIXED", "Values": []any{map[string]any{"Currency": "USD", "Amount": 5}}, "DefaultCurrency": "EUR"})}, invalid("DefaultCurrency")},
		{"amount not a number", MethodAddPromotion, []any{sid, With(fresh(), "Discount", map[string]any{"Type": "FIXED", "Values": []any{map[string]any{"Currency": "USD", "Amount": "5"}}})}, invalid("Amount")},
		{"bad date", MethodAddPromotion, []any{sid, With(fresh(), "StartDate", "01/03/2026")}, invalid("StartDate")},
		{"dates reversed", MethodAddPromotion, []any{sid, With(fresh(), "EndDate", "2026-02-01")}, invalid("EndDate")},
		{"unknown product", MethodAddPromotion, []any{sid, With(fresh(), "Products", []any{map[string]any{"Code": "NOPE"}})}, invalid("Products")},
		{"numeric product code", MethodAddPromotion, []any{sid, numericCode}, invalid("Products")},
		{"code a boolean", MethodAddPromotion, []any{sid, With(fresh(), "Products", []any{map[string]any{"Code": true}})}, invalid("Code")},
		{"custom recurring", MethodAddPromotion, []any{sid, With(fresh(), "ApplyRecurring", "CUSTOM")}, invalid("RecurringChargesNumber")},
		{"threshold currency", MethodAddPromotion, []any{sid, With(fresh(), "PriceThreshold.Currency", "DOLLAR")}, invalid("PriceThreshold")},
		{"publish 2", MethodAddPromotion, []any{sid, With(fresh(), "PublishToAffiliatesNetwork", 2)}, invalid("PublishToAffiliatesNetwork")},
		{"update unknown", MethodUpdatePromotion, []any{sid, With(seedPromotion(), "Code", "NOPE")}, func() string {
			return errBody(e.nextID, 10400, "Promotion [NOPE] was not found.", "PROMOTION_NOT_FOUND")
		}},
		{"update keeps its own coupons", MethodUpdatePromotion, []any{sid, With(withCode(seedPromotion()), "Name", "Summer sale 2026")}, func() string {
			return `{"jsonrpc":"2.0","id":` + id() + `,"result":` + strings.Replace(resultOf(t, added), `"Summer sale"`, `"Summer sale 2026"`, 1) + `}`
		}},
		{"add MULTIPLE codes", MethodAddPromotionCoupon, []any{sid, p.Code, map[string]any{"Type": "MULTIPLE", "Codes": []any{"SUMMER-3"}}}, nil},
		{"add a repeated code", MethodAddPromotionCoupon, []any{sid, p.Code, map[string]any{"Type": "MULTIPLE", "Codes": []any{"summer-3"}}}, invalid("Coupon")},
		{"coupon type", MethodAddPromotionCoupon, []any{sid, p.Code, map[string]any{"Type": "SOME"}}, invalid("Type")},
		{"coupon of no promotion", MethodAddPromotionCoupon, []any{sid, "NOPE", map[string]any{"Type": "SINGLE", "Code": "X"}}, func() string {
			return errBody(e.nextID, 10400, "Promotion [NOPE] was not found.", "PROMOTION_NOT_FOUND")
		}},
		{"fixed discount", MethodSetPromotionDiscount, []any{sid, p.Code, map[string]any{"Type": "FIXED", "Values": []any{map[string]any{"Currency": "eur", "Amount": 3}, map[string]any{"Currency": "USD", "Amount": 4}}}}, nil},
		{"percent without value", MethodSetPromotionDiscount, []any{sid, p.Code, map[string]any{"Type": "PERCENT"}}, invalid("Value")},
	} {
		got := e.call(s.method, s.params...)
		if s.want == nil {
			golden(t, "promotion_"+strings.ReplaceAll(s.name, " ", "_"), got)
			continue
		}
		if want := s.want(); got != want {
			t.Errorf("%s:\ngot  %s\nwant %s", s.name, got, want)
		}
	}
	// A coupon on the instant promotion switches it to coupon entry.
	var instant Promotion
	e.result(e.call(MethodAddPromotionCoupon, sid, "F5OFFICE00", map[string]any{"Type": "SINGLE", "Code": "FIVE"}), &instant)
	if instant.InstantDiscount || *instant.Coupon.Code != "FIVE" {
		t.Errorf("addPromotionCoupon on an instant promotion: %+v", instant)
	}
	for _, s := range []struct {
		options map[string]any
		want    string
	}{
		{map[string]any{}, "AB3WMME0UA F5OFFICE00 " + p.Code},
		{map[string]any{"Coupons": "SPRING10, five"}, "AB3WMME0UA F5OFFICE00"},
		{map[string]any{"ProductCode": "FLASH_ANTIVIRUS"}, p.Code},
		{map[string]any{"Types": []any{"GLOBAL"}}, ""},
		{map[string]any{"Enabled": true, "Channel": "ecommerce", "Limit": 1, "Page": 2}, strings.Fields(sortedCodes("AB3WMME0UA F5OFFICE00 " + p.Code))[1]},
	} {
		var found []Promotion
		e.result(e.call(MethodSearchPromotions, sid, s.options), &found)
		var codes []string
		for _, f := range found {
			codes = append(codes, f.Code)
		}
		if got := strings.Join(codes, " "); got != sortedCodes(s.want) {
			t.Errorf("searchPromotions %v = %q, want %q", s.options, got, s.want)
		}
	}
}

// sortedCodes sorts promotion codes as the store lists them.
func sortedCodes(s string) string {
	codes := strings.Fields(s)
	slices.Sort(codes)
	return strings.Join(codes, " ")
}

// resultOf returns the raw result member of an answer.
func resultOf(t *testing.T, body string) string {
	t.Helper()
	i := strings.Index(body, `"result":`)
	if i < 0 {
		t.Fatalf("no result in %s", body)
	}
	return strings.TrimSuffix(body[i+len(`"result":`):], "}")
}
