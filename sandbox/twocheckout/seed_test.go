package twocheckout

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// seedOrder is the seed's $Order of the installments sample, field for
// field (PHP's NULL is nil); installments adds InstallmentsNumber = 2 as
// the placeOrder half of the sample does.
func seedOrder(installments bool) map[string]any {
	pm := map[string]any{
		"RecurringEnabled": true,
		"CardNumber":       "4111111111111111",
		"CardType":         "visa",
		"ExpirationYear":   "2019",
		"ExpirationMonth":  "12",
		"HolderName":       "John",
		"CCID":             "123",
	}
	if installments {
		pm["InstallmentsNumber"] = 2
	}
	return map[string]any{
		"RefNo":             nil,
		"Currency":          "brl",
		"Country":           "BR",
		"Language":          "en",
		"CustomerIP":        "91.220.121.21",
		"ExternalReference": nil,
		"Source":            nil,
		"Affiliate":         map[string]any{"AffiliateCode": "Partner123", "AffiliateSource": "MobilePlatform"},
		"CustomerReference": nil,
		"Items": []any{map[string]any{
			"Code": "my_subscription_1", "Quantity": 1, "PriceOptions": nil, "SKU": nil, "Price": nil,
			"CrossSell": nil, "Trial": false, "AdditionalFields": nil, "Promotion": nil,
		}},
		"BillingDetails": map[string]any{
			"FirstName": "FirstName", "LastName": "LastName", "CountryCode": "BR", "State": "DF", "City": "LA",
			"Address1": "Address example", "Address2": nil, "Zip": "70403-900", "Email": "customer@email.com",
			"Phone": "556133127400", "FiscalCode": "056.027.963-98", "Company": nil,
		},
		"DeliveryDetails": nil,
		"PaymentDetails": map[string]any{
			"Type": "CC", "Currency": "brl", "PaymentMethod": pm, "CustomerIP": "10.10.10.10",
		},
		"Promotions":       nil,
		"AdditionalFields": nil,
		"LocalTime":        nil,
		"GiftDetails":      nil,
	}
}

// seedAdditionalField is the seed's addAdditionalField object.
func seedAdditionalField() map[string]any {
	return map[string]any{
		"Label":          "Do you agree with the new newsletter policy 2015?",
		"Type":           "LISTBOX",
		"Code":           "NewsletterPolicy1234576",
		"ApplyTo":        "ORDER",
		"Values":         []any{"YES", "NO"},
		"ValidationRule": nil,
		"Translations": []any{
			map[string]any{"Label": "Êtes-vous d'accord avec la politique de la newsletter?", "Values": []any{"Oui", "Non"}, "Language": "fr"},
			map[string]any{"Label": "Haben Sie mit dem Newsletter Politik zu?", "Values": []any{"Ja", "Nein"}, "Language": "de"},
		},
	}
}

// SeedClient posts JSON-RPC requests as the seed's PHP callRPC does: one
// POST per request, ids counting up from 1. Post answers the body of a
// POST (failing the test unless it is HTTP 200 application/json).
type SeedClient struct {
	T    *testing.T
	Post func(path, body string) string
	// Now is the sandbox clock, which login's date is read from.
	Now func() time.Time
	id  int
}

// Call posts one request and answers the response body.
func (c *SeedClient) Call(path, method string, params ...any) string {
	c.T.Helper()
	c.id++
	body, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": c.id, "method": method, "params": params})
	if err != nil {
		c.T.Fatal(err)
	}
	return c.Post(path, string(body))
}

// result decodes the result of an answer, failing on an error answer.
func (c *SeedClient) result(raw string, v any) {
	c.T.Helper()
	var resp struct {
		Result json.RawMessage
		Error  *ErrorObject
	}
	if err := json.Unmarshal([]byte(raw), &resp); err != nil || resp.Error != nil || json.Unmarshal(resp.Result, v) != nil {
		c.T.Fatalf("answer %s", raw)
	}
}

// SeedFlow reproduces the seed's PHP callRPC flow: login with HMAC-MD5
// over the seed's MERCHANT_CODE and SECRET_KEY, addAdditionalField with the
// seed's object, a placed order to make a subscription,
// setCustomRenewalPrice with the seed's 25 'gbp' for 7 cycles,
// getCrossSellCampaign with the seed's code, then getInstallments and
// placeOrder with the seed's Order, posted to /rpc/3.1/ as the seed does.
// Every answer is checked whole, but those of placeOrder, which hold the
// run's references.
func SeedFlow(c *SeedClient) {
	t := c.T
	t.Helper()
	date := c.Now().UTC().Format(LoginDateLayout)
	hash, err := LoginHash(AlgoMD5, "SECRET_KEY", "MERCHANT_CODE", date)
	if err != nil {
		t.Fatal(err)
	}
	var sid string
	c.result(c.Call(PathRPC31, MethodLogin, "MERCHANT_CODE", date, hash), &sid)
	if len(sid) != 32 || strings.Trim(sid, "0123456789abcdef") != "" {
		t.Fatalf("sessionID %q", sid)
	}

	if got := c.Call(PathRPC, MethodAddAdditionalField, sid, seedAdditionalField()); got != `{"jsonrpc":"2.0","id":2,"result":true}` {
		t.Fatalf("addAdditionalField: %s", got)
	}
	want := `{"jsonrpc":"2.0","id":3,"result":{"Label":"Do you agree with the new newsletter policy 2015?","Code":"NewsletterPolicy1234576","Type":"LISTBOX","ApplyTo":"ORDER","Values":["YES","NO"],"ValidationRule":null,"Translations":[{"Label":"Êtes-vous d'accord avec la politique de la newsletter?","Values":["Oui","Non"],"Language":"fr"},{"Label":"Haben Sie mit dem Newsletter Politik zu?","Values":["Ja","Nein"],"Language":"de"}]}}`
	if got := c.Call(PathRPC, MethodGetAdditionalField, sid, "NewsletterPolicy1234576"); got != want {
		t.Fatalf("getAdditionalField: %s", got)
	}

	var first Order
	c.result(c.Call(PathRPC31, MethodPlaceOrder, sid, seedOrder(false)), &first)
	ref := first.Items[0].ProductDetails.Subscriptions[0].SubscriptionReference
	if !subscriptionRefRE.MatchString(ref) || strings.ToUpper(ref) != ref {
		t.Fatalf("subscription reference %q", ref)
	}

	if got := c.Call(PathRPC, MethodSetCustomRenewalPrice, sid, ref, 25, "gbp", 7, nil); got != `{"jsonrpc":"2.0","id":5,"result":true}` {
		t.Fatalf("setCustomRenewalPrice: %s", got)
	}
	if got := c.Call(PathRPC, MethodGetNextRenewalPrice, sid, ref, "GBP"); got != `{"jsonrpc":"2.0","id":6,"result":{"NetPrice":25,"NetCurrency":"GBP","FinalPrice":25,"FinalCurrency":"GBP"}}` {
		t.Fatalf("getNextRenewalPrice: %s", got)
	}

	want = `{"jsonrpc":"2.0","id":7,"result":{"MasterProducts":["FLASH_OFFICE"],"DisplayType":"cart","DisplayInEmail":false,"Products":[{"ProductCode":"FLASH_ANTIVIRUS","Discount":20,"DiscountType":"PERCENT","Type":"Own","AutoAdded":false,"DiscountedPrice":[{"Currency":"USD","Price":23.2},{"Currency":"EUR","Price":21.6},{"Currency":"BRL","Price":119.2}],"BasePrice":[{"Currency":"USD","Price":29},{"Currency":"EUR","Price":27},{"Currency":"BRL","Price":149}]}],"CampaignCode":"2Xrl83J0k+qOr3W1ceTwZnHHr30=","Name":"Protect your office","StartDate":null,"EndDate":null,"CampaignStatus":"ACTIVE","CampaignOwnerType":"MERCH"}}`
	if got := c.Call(PathRPC, MethodGetCrossSellCampaign, sid, "2Xrl83J0k+qOr3W1ceTwZnHHr30="); got != want {
		t.Fatalf("getCrossSellCampaign: %s", got)
	}

	// 49.90 BRL: ⌊49.90 / 5⌋ = 9, so 6 options; 49.90 / 4 = 12.475 rounds
	// half up to 12.48.
	want = `{"jsonrpc":"2.0","id":8,"result":[{"Number":1,"Amount":49.9,"Currency":"BRL"},{"Number":2,"Amount":24.95,"Currency":"BRL"},{"Number":3,"Amount":16.63,"Currency":"BRL"},{"Number":4,"Amount":12.48,"Currency":"BRL"},{"Number":5,"Amount":9.98,"Currency":"BRL"},{"Number":6,"Amount":8.32,"Currency":"BRL"}]}`
	if got := c.Call(PathRPC31, MethodGetInstallments, sid, seedOrder(false)); got != want {
		t.Fatalf("getInstallments: %s", got)
	}

	var o Order
	c.result(c.Call(PathRPC31, MethodPlaceOrder, sid, seedOrder(true)), &o)
	if o.Status != "AUTHRECEIVED" || o.ApproveStatus != "WAITING" || o.Currency != "BRL" || o.GrossDiscountedPrice.String() != "49.9" ||
		o.PaymentDetails.PaymentMethod.InstallmentsNumber == nil || *o.PaymentDetails.PaymentMethod.InstallmentsNumber != 2 {
		raw, _ := json.Marshal(o)
		t.Fatalf("placeOrder: %s", raw)
	}
	if o.RefNo <= first.RefNo || len(o.RefNo) != len(first.RefNo) {
		t.Errorf("RefNo %s after %s is not increasing", o.RefNo, first.RefNo)
	}
}

// TestSeedFlow runs the seed's flow against the vendor's own routes; the
// engine's tests run it through the whole sandbox.
func TestSeedFlow(t *testing.T) {
	e := newEnv(t)
	SeedFlow(&SeedClient{T: t, Post: e.post, Now: e.clock})
}
