package twocheckout

import (
	"encoding/base64"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func campaign() map[string]any {
	return map[string]any{
		"MasterProducts": []any{"FLASH_ANTIVIRUS"},
		"DisplayType":    "review",
		"DisplayInEmail": true,
		"Products":       []any{map[string]any{"ProductCode": "FLASH_USB_KEY", "Discount": 12.5, "DiscountType": "PERCENT"}},
		"Name":           "Recovery key",
		"StartDate":      "2026-03-01",
		"EndDate":        nil,
	}
}

func TestCrossSell(t *testing.T) {
	e := newEnv(t)
	sid := e.login()
	invalid := func(field string) func() string {
		return func() string {
			return errBody(e.nextID, 10400, "Invalid cross-sell campaign: "+field+".", "CROSS_SELL_CAMPAIGN_INVALID")
		}
	}
	created := e.call(MethodCreateCrossSellCampaign, sid, campaign())
	golden(t, "campaign_created", created)
	var cs CrossSellCampaign
	e.result(created, &cs)
	if raw, err := base64.StdEncoding.DecodeString(cs.CampaignCode); err != nil || len(raw) != 16 {
		t.Fatalf("CampaignCode %q does not look like base64: %v", cs.CampaignCode, err)
	}
	if got := e.call(MethodGetCrossSellCampaign, sid, cs.CampaignCode); got != strings.Replace(created, `"id":2,`, `"id":3,`, 1) {
		t.Fatalf("getCrossSellCampaign: %s", got)
	}
	for _, s := range []struct {
		name   string
		method string
		params []any
		want   func() string
	}{
		{"get unknown", MethodGetCrossSellCampaign, []any{sid, "2Xrl83GEpeuCr3G3c6+9cg=="}, func() string {
			return errBody(e.nextID, 10400, "Cross-sell campaign [2Xrl83GEpeuCr3G3c6+9cg==] was not found.", "CROSS_SELL_CAMPAIGN_NOT_FOUND")
		}},
		{"no name", MethodCreateCrossSellCampaign, []any{sid, With(campaign(), "Name", "")}, invalid("Name")},
		{"no master", MethodCreateCrossSellCampaign, []any{sid, With(campaign(), "MasterProducts", []any{})}, invalid("MasterProducts")},
		{"unknown master", MethodCreateCrossSellCampaign, []any{sid, With(campaign(), "MasterProducts", []any{"NOPE"})}, invalid("MasterProducts")},
		{"no products", MethodCreateCrossSellCampaign, []any{sid, With(campaign(), "Products", []any{})}, invalid("Products")},
		{"unknown product", MethodCreateCrossSellCampaign, []any{sid, With(campaign(), "Products.0.ProductCode", "NOPE")}, invalid("Products")},
		{"discount over 100", MethodCreateCrossSellCampaign, []any{sid, With(campaign(), "Products.0.Discount", 101)}, invalid("Discount")},
		{"fixed discount", MethodCreateCrossSellCampaign, []any{sid, With(campaign(), "Products.0.DiscountType", "FIXED")}, invalid("DiscountType")},
		{"display type", MethodCreateCrossSellCampaign, []any{sid, With(campaign(), "DisplayType", "popup")}, invalid("DisplayType")},
		{"no DisplayInEmail", MethodCreateCrossSellCampaign, []any{sid, With(campaign(), "DisplayInEmail", nil)}, invalid("DisplayInEmail")},
		{"bad date", MethodCreateCrossSellCampaign, []any{sid, With(campaign(), "EndDate", "soon")}, invalid("EndDate")},
		{"dates reversed", MethodCreateCrossSellCampaign, []any{sid, With(campaign(), "EndDate", "2026-01-01")}, invalid("EndDate")},
		{"update unknown", MethodUpdateCrossSellCampaign, []any{sid, With(campaign(), "CampaignCode", "nope")}, func() string {
			return errBody(e.nextID, 10400, "Cross-sell campaign [nope] was not found.", "CROSS_SELL_CAMPAIGN_NOT_FOUND")
		}},
		{"update", MethodUpdateCrossSellCampaign, []any{sid, With(With(campaign(), "CampaignCode", cs.CampaignCode), "CampaignStatus", "INACTIVE")}, nil},
		{"of a product", MethodGetProductCrossSellCampaigns, []any{sid, "FLASH_OFFICE"}, nil},
		{"of no product", MethodGetProductCrossSellCampaigns, []any{sid, "NOPE"}, func() string {
			return errBody(e.nextID, 10400, "Product [NOPE] was not found.", "PRODUCT_NOT_FOUND")
		}},
		{"of a product without", MethodGetProductCrossSellCampaigns, []any{sid, "FLASH_USB_KEY"}, func() string {
			return `{"jsonrpc":"2.0","id":` + strconv.Itoa(e.nextID) + `,"result":[]}`
		}},
	} {
		got := e.call(s.method, s.params...)
		if s.want == nil {
			golden(t, "campaign_"+strings.ReplaceAll(s.name, " ", "_"), got)
			continue
		}
		if want := s.want(); got != want {
			t.Errorf("%s:\ngot  %s\nwant %s", s.name, got, want)
		}
	}
	for _, s := range []struct {
		options map[string]any
		want    string
	}{
		{map[string]any{}, "2 Protect your office,Recovery key"},
		{map[string]any{"CampaignName": "office"}, "1 Protect your office"},
		{map[string]any{"Status": "INACTIVE"}, "1 Recovery key"},
		{map[string]any{"Products": []any{"FLASH_OFFICE"}}, "1 Protect your office"},
		{map[string]any{"RecommendedProducts": []any{"FLASH_USB_KEY", "NOPE"}}, "1 Recovery key"},
		{map[string]any{"StartDate": "2026-02-01"}, "1 Recovery key"},
		{map[string]any{"Type": "AFF"}, "0 "},
		{map[string]any{"Pagination": map[string]any{"Page": 2, "Limit": 1}}, "2 Recovery key"},
	} {
		var page Page[CrossSellCampaign]
		e.result(e.call(MethodSearchCrossSellCampaigns, sid, s.options), &page)
		var names []string
		for _, c := range page.Items {
			names = append(names, c.Name)
		}
		if got := strconv.Itoa(page.Pagination.Count) + " " + strings.Join(slices.Sorted(slices.Values(names)), ","); got != s.want {
			t.Errorf("searchCrossSellCampaigns %v = %q, want %q", s.options, got, s.want)
		}
	}
	// An inactive campaign gives no discount: the order is refused.
	order := With(SampleOrder(), "Items", []any{
		map[string]any{"Code": "FLASH_ANTIVIRUS", "Quantity": 1},
		map[string]any{"Code": "FLASH_USB_KEY", "Quantity": 1, "CrossSell": map[string]any{"CampaignCode": cs.CampaignCode, "ParentCode": "FLASH_ANTIVIRUS"}},
	})
	if got := e.call(MethodPlaceOrder, sid, order); got != errBody(e.nextID, 55201, "Invalid cross-sell campaign ["+cs.CampaignCode+"].", "ORDER_CROSS_SELL_INVALID") {
		t.Errorf("an order through an inactive campaign: %s", got)
	}
	e.result(e.call(MethodUpdateCrossSellCampaign, sid, With(campaign(), "CampaignCode", cs.CampaignCode)), &cs)
	var o Order
	e.result(e.call(MethodPlaceOrder, sid, order), &o)
	if o.Items[1].Price.Discount.String() != "3" || o.Items[1].Price.NetDiscountedPrice.String() != "21" {
		t.Errorf("12.5%% of 24.00: %+v", o.Items[1].Price)
	}
}
