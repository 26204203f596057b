package twocheckout

import (
	"strconv"
	"strings"
	"testing"
)

// seedProduct is a Product object with every field of the seed's table.
func seedProduct() map[string]any {
	days := map[string]any{"Before30Days": false, "Before15Days": true, "Before7Days": true, "Before1Day": false,
		"OnExpirationDate": true, "After5Days": false, "After15Days": false}
	return map[string]any{
		"AvangateId":            "ignored",
		"ProductCode":           "FLASH_VPN",
		"ExternalReference":     "VPN-1",
		"ProductType":           "REGULAR",
		"ProductName":           "Flash VPN",
		"ProductVersion":        "1.0",
		"PurchaseMultipleUnits": true,
		"Tangible":              false,
		"TangibleDetails":       map[string]any{"UnitDetails": []any{map[string]any{"Type": "WEIGHT", "Amount": "5"}}, "Fee": []any{map[string]any{"Currency": "USD", "Amount": "5"}}},
		"ProductGroup":          map[string]any{"Name": "Security", "Code": "5A2E", "TemplateName": "Default", "Description": "Security products"},
		"ShippingClass":         map[string]any{"Name": "Standard", "Amount": 4.5, "Currency": "USD", "ApplyTo": "ORDER", "Type": "FIXED"},
		"GiftOption":            true,
		"ShortDescription":      "A fast VPN.",
		"LongDescription":       "A fast VPN for five devices.",
		"SystemRequirements":    "Any",
		"ProductCategory":       "Security",
		"Platforms":             []any{map[string]any{"PlatformName": "Windows", "Category": "Desktop"}},
		"ProductImages":         []any{map[string]any{"Default": true, "URL": "https://merchant.example/vpn.png"}},
		"TrialUrl":              "https://merchant.example/vpn-trial",
		"TrialDescription":      "7 days",
		"Enabled":               true,
		"AdditionalFields":      []any{map[string]any{"Code": "LicenseHolder", "Required": true}},
		"Translations":          []any{map[string]any{"LongDescription": "Un VPN rapide.", "TrialUrl": "", "TrialDescription": "", "SystemRequirements": "", "Name": "Flash VPN", "Description": "VPN", "Language": "fr"}},
		"PricingConfigurations": []any{map[string]any{
			"Name": "VPN pricing", "Code": "", "Default": true, "BillingCountries": []any{}, "PricingSchema": "FLAT",
			"PriceType": "NET", "DefaultCurrency": "usd",
			"Prices": map[string]any{
				"Regular": []any{map[string]any{"Amount": 6, "Currency": "usd", "MinQuantity": 1, "MaxQuantity": 99999, "OptionCodes": []any{}},
					map[string]any{"Amount": 30, "Currency": "BRL"}},
				"Renewal": []any{map[string]any{"Amount": 5, "Currency": "USD"}},
			},
			"PriceOptions": []any{map[string]any{"Code": "DEVICES", "Required": false}},
		}},
		"BundleProducts":        []any{},
		"Fulfillment":           "NO_DELIVERY",
		"Prices":                []any{},
		"GeneratesSubscription": true,
		"SubscriptionInformation": map[string]any{
			"DeprecatedProducts": []any{}, "BundleRenewalManagement": nil, "BillingCycle": "1", "BillingCycleUnits": "M",
			"IsOneTimeFee":   false,
			"ContractPeriod": map[string]any{"Period": -1, "PeriodUnits": "months", "IsUnlimited": true, "Action": "RESTART", "EmailsDuringContract": false},
			"UsageBilling":   nil,
			"GracePeriod":    map[string]any{"Type": "CUSTOM", "Period": "5", "PeriodUnits": "D", "IsUnlimited": false},
			"RenewalEmails":  map[string]any{"Type": "CUSTOM", "Settings": map[string]any{"ManualRenewal": days, "AutomaticRenewal": days}},
		},
		"FulfillmentInformation": map[string]any{
			"IsStartAfterFulfillment": false, "IsElectronicCode": false, "IsDownloadLink": true, "IsBackupMedia": false,
			"IsDownloadInsuranceService": false, "IsInstantDeliveryThankYouPage": true, "IsDisplayInPartnersCPanel": false,
			"ReturnMethod": map[string]any{"Type": "redirect", "URL": "http://mySuccessURL.com"},
			"CodeList":     nil, "BackupMedia": nil,
			"ProductFile": map[string]any{"Code": "F1", "Name": "Installer", "File": "vpn.exe", "Version": "1.0", "Size": "10",
				"Type": "exe", "LastUpdate": "2026-01-01 10:00:00"},
			"AdditionalInformationByEmail": nil, "AdditionalInformationEmailTranslations": nil,
			"AdditionalThankYouPage": nil, "AdditionalThankYouPageTranslations": nil,
		},
	}
}

func TestProducts(t *testing.T) {
	e := newEnv(t)
	sid := e.login()
	invalid := func(field string) func() string {
		return func() string { return errBody(e.nextID, 10400, "Invalid product: "+field+".", "PRODUCT_INVALID") }
	}
	fresh := func() map[string]any { return With(seedProduct(), "ProductCode", "FLASH_NEW") }
	for _, s := range []struct {
		name   string
		method string
		params []any
		want   func() string
	}{
		{"add", MethodAddProduct, []any{sid, seedProduct()}, func() string { return `{"jsonrpc":"2.0","id":` + strconv.Itoa(e.nextID) + `,"result":true}` }},
		{"add again", MethodAddProduct, []any{sid, seedProduct()}, func() string {
			return errBody(e.nextID, 10400, "A product with the code [FLASH_VPN] already exists.", "PRODUCT_CODE_EXISTS")
		}},
		{"get", MethodGetProductByCode, []any{sid, "FLASH_VPN"}, nil},
		{"get unknown", MethodGetProductByCode, []any{sid, "NOPE"}, func() string {
			return errBody(e.nextID, 10400, "Product [NOPE] was not found.", "PRODUCT_NOT_FOUND")
		}},
		{"no name", MethodAddProduct, []any{sid, With(fresh(), "ProductName", nil)}, invalid("ProductName")},
		{"bad code", MethodAddProduct, []any{sid, With(fresh(), "ProductCode", "FLASH VPN")}, invalid("ProductCode")},
		{"no pricing", MethodAddProduct, []any{sid, With(fresh(), "PricingConfigurations", []any{})}, invalid("PricingConfigurations")},
		{"unknown type", MethodAddProduct, []any{sid, With(fresh(), "ProductType", "SERVICE")}, invalid("ProductType")},
		{"bundle without products", MethodAddProduct, []any{sid, With(fresh(), "ProductType", "BUNDLE")}, invalid("BundleProducts")},
		{"unknown bundled", MethodAddProduct, []any{sid, With(With(fresh(), "ProductType", "BUNDLE"), "BundleProducts", []any{map[string]any{"ProductCode": "NOPE"}})}, invalid("BundleProducts")},
		{"price currency", MethodAddProduct, []any{sid, With(fresh(), "PricingConfigurations.0.Prices.Regular.1.Currency", "REAL")}, invalid("Currency")},
		{"price as a string", MethodAddProduct, []any{sid, With(fresh(), "PricingConfigurations.0.Prices.Regular.1.Amount", "30")}, invalid("Amount")},
		{"quantities", MethodAddProduct, []any{sid, With(fresh(), "PricingConfigurations.0.Prices.Regular.0.MinQuantity", 100000)}, invalid("MinQuantity")},
		{"no regular price", MethodAddProduct, []any{sid, With(fresh(), "PricingConfigurations.0.Prices.Regular", []any{})}, invalid("Prices")},
		{"order field", MethodAddProduct, []any{sid, With(fresh(), "AdditionalFields", []any{map[string]any{"Code": "SourceOrder"}})}, invalid("AdditionalFields")},
		{"no billing cycle", MethodAddProduct, []any{sid, With(fresh(), "SubscriptionInformation.BillingCycle", "monthly")}, invalid("BillingCycle")},
		{"no subscription info", MethodAddProduct, []any{sid, With(fresh(), "SubscriptionInformation", nil)}, invalid("SubscriptionInformation")},
		{"Tangible not a boolean", MethodAddProduct, []any{sid, With(fresh(), "Tangible", "no")}, invalid("Tangible")},
	} {
		got := e.call(s.method, s.params...)
		if s.want == nil {
			golden(t, "product_"+s.name, got)
			continue
		}
		if want := s.want(); got != want {
			t.Errorf("%s:\ngot  %s\nwant %s", s.name, got, want)
		}
	}
	// The new product sells, and its subscription renews at its renewal
	// price.
	order := With(With(SampleOrder(), "Items.0.Code", "FLASH_VPN"), "Items.0.AdditionalFields", []any{map[string]any{"Code": "LicenseHolder", "Value": "Jane Doe"}})
	var o Order
	e.result(e.call(MethodPlaceOrder, sid, order), &o)
	ref := o.Items[0].ProductDetails.Subscriptions[0].SubscriptionReference
	if o.GrossDiscountedPrice.String() != "6" || o.Items[0].AvangateID == "ignored" {
		t.Errorf("order of the new product: %s %s", o.GrossDiscountedPrice, o.Items[0].AvangateID)
	}
	if got := e.call(MethodGetNextRenewalPrice, sid, ref, "usd"); !strings.Contains(got, `"NetPrice":5,"NetCurrency":"USD"`) {
		t.Errorf("renewal of the new product: %s", got)
	}
	for _, s := range []struct {
		options map[string]any
		want    string
	}{
		{map[string]any{}, "2CO3MONTHS FLASH_ANTIVIRUS FLASH_BUNDLE FLASH_OFFICE FLASH_USB_KEY FLASH_VPN my_subscription_1"},
		{map[string]any{"Name": "flash office"}, "FLASH_BUNDLE FLASH_OFFICE"},
		{map[string]any{"Codes": []any{"FLASH_VPN", "FLASH_USB_KEY"}}, "FLASH_USB_KEY FLASH_VPN"},
		{map[string]any{"Types": []any{"bundle"}}, "FLASH_BUNDLE"},
		{map[string]any{"GroupName": "backup", "Enabled": true}, "2CO3MONTHS my_subscription_1"},
		{map[string]any{"Limit": 2, "Page": 2}, "FLASH_BUNDLE FLASH_OFFICE"},
		{map[string]any{"OrderBy": map[string]any{"Field": "ProductName"}, "Limit": 2}, "FLASH_VPN FLASH_USB_KEY"},
		// FLASH_VPN drew the lowest AvangateId; FLASH_USB_KEY has the highest.
		{map[string]any{"OrderBy": map[string]any{"Field": "AvangateId", "Direction": "asc"}, "Limit": 1}, "FLASH_VPN"},
		{map[string]any{"OrderBy": map[string]any{"Field": "AvangateId"}, "Limit": 1}, "FLASH_USB_KEY"},
	} {
		var page Page[Product]
		e.result(e.call(MethodSearchProducts, sid, s.options), &page)
		var codes []string
		for _, p := range page.Items {
			codes = append(codes, p.ProductCode)
		}
		if got := strings.Join(codes, " "); got != s.want {
			t.Errorf("searchProducts %v = %q, want %q", s.options, got, s.want)
		}
	}
	got := e.call(MethodSearchProducts, sid, map[string]any{"Limit": 1, "Page": 3, "Codes": []any{"FLASH_VPN"}})
	if want := `{"jsonrpc":"2.0","id":` + strconv.Itoa(e.nextID) + `,"result":{"Items":[],"Pagination":{"Page":3,"Limit":1,"Count":1}}}`; got != want {
		t.Errorf("a page past the end: %s", got)
	}
}
