package twocheckout

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/outbox"
)

// orderError is an expected error answer.
type orderError struct {
	code      int
	message   string
	errorCode string
}

var (
	productsEmpty     = orderError{55201, "No products have been provided.", "ORDER_PRODUCTS_EMPTY"}
	itemsInvalid      = orderError{55201, "Invalid items. You cannot mix dynamic and catalog products.", "ORDER_ITEMS_INVALID"}
	quantityInvalid   = orderError{55201, "Item quantity must be between 1 and 99999.", "ORDER_ITEMS_QUANTITY_INVALID"}
	currencyInvalid   = orderError{55201, "Invalid currency.", "ORDER_CURRENCY_INVALID"}
	codeInvalid       = orderError{55201, "Invalid product code.", "ORDER_PRODUCT_CODE_INVALID"}
	structureInvalid  = orderError{55201, "The price structure is not valid.", "ORDER_PRODUCT_PRICE_STRUCTURE_INVALID"}
	amountInvalid     = orderError{55201, "The price amount is not valid.", "ORDER_PRODUCT_PRICE_AMOUNT_INVALID"}
	priceTypeInvalid  = orderError{55201, "The price type is not valid", "ORDER_PRODUCT_PRICE_TYPE_INVALID"}
	customInvalid     = orderError{55201, "The price amount is mandatory to be set on the custom price flow.", "ORDER_PRODUCT_PRICE_TYPE_CUSTOM_INVALID"}
	paymentType       = orderError{55200, "Invalid payment type. Accepted values: TEST and CC.", "PAYMENT_TYPE_INVALID"}
	cardInvalid       = orderError{55200, "Invalid card details.", "PAYMENT_CARD_INVALID"}
	threeDS           = orderError{55200, "Vendor3DSReturnURL and Vendor3DSCancelURL must be set to valid URLs for card payments.", "PAYMENT_3DS_URL_INVALID"}
	declined          = orderError{55200, "The payment was declined.", "PAYMENT_DECLINED"}
	notAvailable      = orderError{55201, "Installments are available only for Brazilian shoppers paying in BRL with local Visa, MasterCard or AMEX cards, for non-recurring purchases.", "ORDER_INSTALLMENTS_NOT_AVAILABLE"}
	installmentsWrong = orderError{55201, "Invalid number of installments.", "ORDER_INSTALLMENTS_INVALID"}
	renewalInvalid    = orderError{55201, "Subscription reference is invalid.", "ORDER_PRODUCT_RENEWAL_SUBSCRIPTION_REFERENCE_INVALID"}
)

func billing(field string) orderError {
	return orderError{55201, "Invalid billing details: " + field + ".", "ORDER_BILLING_DETAILS_INVALID"}
}

func fieldInvalid(code string) orderError {
	return orderError{55201, "Invalid additional field [" + code + "].", "ORDER_ADDITIONAL_FIELD_INVALID"}
}

func dynamicItem(name string, amount any) map[string]any {
	return map[string]any{"Code": nil, "IsDynamic": true, "Name": name, "Quantity": 1,
		"Price": map[string]any{"Amount": amount, "Type": "CUSTOM"}}
}

// TestPlaceOrderErrors answers every validation error of placeOrder, in
// the order the checks run: the table types first, then items, currency,
// each item, billing, coupons, cross-sell, fields, payment.
func TestPlaceOrderErrors(t *testing.T) {
	e := newEnv(t)
	sid := e.login()
	var disabled = map[string]any{"ProductCode": "FLASH_OLD", "ProductName": "Flash Old", "Enabled": false,
		"PricingConfigurations": []any{map[string]any{"Prices": map[string]any{"Regular": []any{map[string]any{"Amount": 5, "Currency": "USD"}}}}}}
	if got := e.call(MethodAddProduct, sid, disabled); !strings.Contains(got, `"result":true`) {
		t.Fatal(got)
	}
	o := SampleOrder()
	twoItems := []any{map[string]any{"Code": "FLASH_ANTIVIRUS", "Quantity": 1}, map[string]any{"Code": "FLASH_OFFICE", "Quantity": 1}}
	for name, tc := range map[string]struct {
		order map[string]any
		want  orderError
	}{
		"no items":                {With(o, "Items", nil), productsEmpty},
		"empty items":             {With(o, "Items", []any{}), productsEmpty},
		"items not an array":      {With(o, "Items", "FLASH_ANTIVIRUS"), productsEmpty},
		"item not an object":      {With(o, "Items", []any{"FLASH_ANTIVIRUS"}), itemsInvalid},
		"dynamic and catalogue":   {With(o, "Items", []any{map[string]any{"Code": "FLASH_ANTIVIRUS", "Quantity": 1}, dynamicItem("Gift", 5)}), itemsInvalid},
		"renewal with another":    {With(With(o, "Items", twoItems), "Items.0.RenewalInformation", map[string]any{"SubscriptionReference": "ABCDEF1234"}), orderError{55201, "Renewal is not allowed with multiple products.", "ORDER_PRODUCTS_RENEWAL_NOT_ALLOWED"}},
		"no currency":             {With(o, "Currency", nil), currencyInvalid},
		"currency not ISO":        {With(o, "Currency", "DOL"), currencyInvalid},
		"currency not a string":   {With(o, "Currency", 840), currencyInvalid},
		"no code":                 {With(o, "Items.0.Code", nil), codeInvalid},
		"empty code":              {With(o, "Items.0.Code", ""), codeInvalid},
		"code not a string":       {With(o, "Items.0.Code", 6000), codeInvalid},
		"unknown code":            {With(o, "Items.0.Code", "NOPE"), orderError{55201, "Requested product [NOPE] was not found.", "ORDER_PRODUCT_CODE_INVALID"}},
		"disabled product":        {With(o, "Items.0.Code", "FLASH_OLD"), orderError{55201, "Internal product validation error.", "ORDER_PRODUCT_INVALID"}},
		"no quantity":             {With(o, "Items.0.Quantity", nil), quantityInvalid},
		"quantity 0":              {With(o, "Items.0.Quantity", 0), quantityInvalid},
		"quantity 100000":         {With(o, "Items.0.Quantity", 100000), quantityInvalid},
		"quantity as a string":    {With(o, "Items.0.Quantity", "1"), quantityInvalid},
		"quantity fractional":     {With(o, "Items.0.Quantity", 1.5), quantityInvalid},
		"two of a single unit":    {With(With(o, "Items.0.Code", "FLASH_USB_KEY"), "Items.0.Quantity", 2), quantityInvalid},
		"price not an object":     {With(o, "Items.0.Price", 29), structureInvalid},
		"amount as a string":      {With(o, "Items.0.Price", map[string]any{"Amount": "29", "Type": "CUSTOM"}), amountInvalid},
		"negative amount":         {With(o, "Items.0.Price", map[string]any{"Amount": -1, "Type": "CUSTOM"}), amountInvalid},
		"three decimals":          {With(o, "Items.0.Price", map[string]any{"Amount": 1.005, "Type": "CUSTOM"}), amountInvalid},
		"unknown price type":      {With(o, "Items.0.Price", map[string]any{"Type": "FREE"}), priceTypeInvalid},
		"base price with amount":  {With(o, "Items.0.Price", map[string]any{"Amount": 10, "Type": "BASE"}), orderError{55201, "The price amount does not need to be set on the base price flow.", "ORDER_PRODUCT_PRICE_TYPE_BASE_INVALID"}},
		"default with amount":     {With(o, "Items.0.Price", map[string]any{"Amount": 10, "Type": "default"}), orderError{55201, "The price amount does not need to be set on the default price flow.", "ORDER_PRODUCT_PRICE_TYPE_DEFAULT_INVALID"}},
		"custom without amount":   {With(o, "Items.0.Price", map[string]any{"Type": "CUSTOM"}), customInvalid},
		"unknown PriceType":       {With(o, "Items.0.PriceType", "TOTAL"), priceTypeInvalid},
		"no price in currency":    {With(With(With(o, "Items.0.Code", "FLASH_USB_KEY"), "Currency", "GBP"), "PaymentDetails.Currency", "GBP"), orderError{55201, "Product [FLASH_USB_KEY] has no price in the order currency.", "ORDER_PRODUCT_CURRENCY_INVALID"}},
		"IsDynamic not a boolean": {With(o, "Items.0.IsDynamic", "TRUE"), orderError{55201, "Invalid IsDynamic value. Use: TRUE or FALSE.", "ORDER_PRODUCT_IS_DYNAMIC_INVALID"}},
		"dynamic without name":    {With(o, "Items", []any{dynamicItem("", 5)}), orderError{55201, "Name is mandatory when you set IsDynamic to TRUE.", "ORDER_PRODUCT_NAME_INVALID"}},
		"unknown purchase type":   {With(o, "Items", []any{With(dynamicItem("Gift", 5), "PurchaseType", "GIFT")}), orderError{55201, "Invalid product purchase type. Accepted values: PRODUCT, SHIPPING, COUPON and TAX.", "ORDER_PRODUCT_PURCHASE_TYPE_INVALID"}},
		"Tangible not a boolean":  {With(o, "Items", []any{With(dynamicItem("Gift", 5), "Tangible", "no")}), orderError{55201, "Invalid Tangible value. Use: TRUE or FALSE.", "ORDER_PRODUCT_TANGIBLE_INVALID"}},
		"dynamic without price":   {With(o, "Items", []any{With(dynamicItem("Gift", 5), "Price", nil)}), structureInvalid},
		"dynamic default price":   {With(o, "Items", []any{With(dynamicItem("Gift", 5), "Price", map[string]any{"Type": "DEFAULT"})}), priceTypeInvalid},
		"coupons exceed order":    {With(o, "Items", []any{dynamicItem("Gift", 5), With(dynamicItem("Voucher", 6), "PurchaseType", "COUPON")}), amountInvalid},
		"renewal empty reference": {With(o, "Items.0.RenewalInformation", map[string]any{"SubscriptionReference": ""}), orderError{55201, "Subscription reference cannot be empty.", "ORDER_PRODUCT_RENEWAL_SUBSCRIPTION_REFERENCE_EMPTY"}},
		"renewal bad reference":   {With(o, "Items.0.RenewalInformation", map[string]any{"SubscriptionReference": "abc"}), renewalInvalid},
		"renewal not an object":   {With(o, "Items.0.RenewalInformation", "ABCDEF1234"), renewalInvalid},
		"renewal unknown":         {With(o, "Items.0.RenewalInformation", map[string]any{"SubscriptionReference": "ABCDEF1234"}), orderError{55201, "Subscription reference is invalid.", "ORDER_PRODUCT_RENEWAL_SUBSCRIPTION_REFERENCE_NOT_FOUND"}},
		"no billing details":      {With(o, "BillingDetails", nil), billing("BillingDetails")},
		"billing not an object":   {With(o, "BillingDetails", "John"), billing("BillingDetails")},
		"empty first name":        {With(o, "BillingDetails.FirstName", " "), billing("FirstName")},
		"no zip":                  {With(o, "BillingDetails.Zip", nil), billing("Zip")},
		"bad email":               {With(o, "BillingDetails.Email", "john.doe"), billing("Email")},
		"email without dot":       {With(o, "BillingDetails.Email", "john@localhost"), billing("Email")},
		"email not a string":      {With(o, "BillingDetails.Email", 7), billing("Email")},
		"bad country":             {With(o, "BillingDetails.CountryCode", "XX"), billing("CountryCode")},
		"unknown coupon":          {With(o, "Promotions", []any{"NOPE"}), orderError{55201, "Invalid promotion code [NOPE].", "ORDER_PROMOTION_INVALID"}},
		"coupons not an array":    {With(o, "Promotions", "SPRING10"), orderError{55201, "Invalid promotion code [Promotions].", "ORDER_PROMOTION_INVALID"}},
		"cross-sell unknown":      {With(o, "Items.0.CrossSell", map[string]any{"CampaignCode": "nope", "ParentCode": "FLASH_OFFICE"}), orderError{55201, "Invalid cross-sell campaign [nope].", "ORDER_CROSS_SELL_INVALID"}},
		"cross-sell no parent":    {With(o, "Items.0.CrossSell", map[string]any{"CampaignCode": "2Xrl83J0k+qOr3W1ceTwZnHHr30=", "ParentCode": "FLASH_OFFICE"}), orderError{55201, "Invalid cross-sell campaign [2Xrl83J0k+qOr3W1ceTwZnHHr30=].", "ORDER_CROSS_SELL_INVALID"}},
		"unknown field":           {With(o, "AdditionalFields", []any{map[string]any{"Code": "Nope", "Value": "x"}}), fieldInvalid("Nope")},
		"listbox value":           {With(o, "AdditionalFields", []any{map[string]any{"Code": "SourceOrder", "Value": "TV"}}), fieldInvalid("SourceOrder")},
		"checkbox value":          {With(o, "AdditionalFields", []any{map[string]any{"Code": "cart2cotestordercheckbox", "Value": "maybe"}}), fieldInvalid("cart2cotestordercheckbox")},
		"product field on order":  {With(o, "AdditionalFields", []any{map[string]any{"Code": "LicenseHolder", "Value": "Jane"}}), fieldInvalid("LicenseHolder")},
		"field twice":             {With(o, "AdditionalFields", []any{map[string]any{"Code": "TextInIPNCustom123", "Value": "a"}, map[string]any{"Code": "TextInIPNCustom123", "Value": "b"}}), fieldInvalid("TextInIPNCustom123")},
		"required item field":     {With(o, "Items.0.Code", "FLASH_OFFICE"), fieldInvalid("LicenseHolder")},
		"item field rule":         {With(With(o, "Items.0.Code", "FLASH_OFFICE"), "Items.0.AdditionalFields", []any{map[string]any{"Code": "LicenseHolder", "Value": "J"}}), fieldInvalid("LicenseHolder")},
		"unassigned item field":   {With(o, "Items.0.AdditionalFields", []any{map[string]any{"Code": "LicenseHolder", "Value": "Jane"}}), fieldInvalid("LicenseHolder")},
		"field without code":      {With(o, "AdditionalFields", []any{map[string]any{"Value": "x"}}), fieldInvalid("Code")},
		"no payment details":      {With(o, "PaymentDetails", nil), paymentType},
		"unknown payment type":    {With(o, "PaymentDetails.Type", "PAYPAL"), paymentType},
		"currency mismatch":       {With(o, "PaymentDetails.Currency", "EUR"), orderError{55201, "The order currency must be the same as the payment currency.", "ORDER_CURRENCY_MISMATCH"}},
		"no payment method":       {With(o, "PaymentDetails.PaymentMethod", nil), cardInvalid},
		"no card number":          {With(o, "PaymentDetails.PaymentMethod.CardNumber", nil), cardInvalid},
		"Luhn":                    {With(o, "PaymentDetails.PaymentMethod.CardNumber", "4111111111111112"), cardInvalid},
		"month 13":                {With(o, "PaymentDetails.PaymentMethod.ExpirationMonth", "13"), cardInvalid},
		"year 3 digits":           {With(o, "PaymentDetails.PaymentMethod.ExpirationYear", "203"), cardInvalid},
		"empty holder":            {With(o, "PaymentDetails.PaymentMethod.HolderName", ""), cardInvalid},
		"CCID 2 digits":           {With(o, "PaymentDetails.PaymentMethod.CCID", "12"), cardInvalid},
		"no 3-D Secure return":    {With(o, "PaymentDetails.PaymentMethod.Vendor3DSReturnURL", nil), threeDS},
		"3-D Secure not a URL":    {With(o, "PaymentDetails.PaymentMethod.Vendor3DSCancelURL", "/cancel"), threeDS},
		"3-D Secure not a string": {With(o, "PaymentDetails.PaymentMethod.Vendor3DSCancelURL", true), threeDS},
		"declined card":           {With(o, "PaymentDetails.PaymentMethod.CardNumber", "4000 0000 0000 0002"), declined},
		"insufficient funds":      {With(o, "PaymentDetails.PaymentMethod.CardNumber", "4000000000009995"), orderError{55200, "The payment was declined: insufficient funds.", "PAYMENT_INSUFFICIENT_FUNDS"}},
		"not a test card":         {With(o, "PaymentDetails.PaymentMethod.CardNumber", "4012888888881881"), declined},
		"installments in USD":     {With(o, "PaymentDetails.PaymentMethod.InstallmentsNumber", 2), notAvailable},
		"seven installments":      {With(o, "PaymentDetails.PaymentMethod.InstallmentsNumber", 7), installmentsWrong},
	} {
		t.Run(name, func(t *testing.T) {
			got := e.call(MethodPlaceOrder, sid, tc.order)
			if want := errBody(e.nextID, tc.want.code, tc.want.message, tc.want.errorCode); got != want {
				t.Fatalf("got  %s\nwant %s\nhint %s", got, want, e.lastHint())
			}
		})
	}
	if n := len(e.sent()); n != 0 {
		t.Errorf("refused orders sent %d IPNs", n)
	}
	if got := e.call(MethodGetOrder, sid, "100000000"); got != errBody(e.nextID, 10400, "Order [100000000] was not found.", "ORDER_NOT_FOUND") {
		t.Errorf("getOrder of no order: %s", got)
	}
}

// TestTestCards: the three paying cards answer AUTHRECEIVED/WAITING with a
// masked card; RefNo grows; 3-D Secure URLs are not needed on /rpc/3.1/.
func TestTestCards(t *testing.T) {
	e := newEnv(t)
	sid := e.login()
	last := ""
	for _, card := range []string{"4111111111111111", "4242 4242 4242 4242", "5555-5555-5555-4444"} {
		var o Order
		e.result(e.call(MethodPlaceOrder, sid, With(SampleOrder(), "PaymentDetails.PaymentMethod.CardNumber", card)), &o)
		pm := o.PaymentDetails.PaymentMethod
		digits := strings.NewReplacer(" ", "", "-", "").Replace(card)
		if o.Status != StatusAuthReceived || o.ApproveStatus != ApproveWaiting || pm.CardNumber != nil || pm.CCID != nil ||
			strconv.Itoa(pm.FirstDigits) != digits[:4] || strconv.Itoa(pm.LastDigits) != digits[12:] || o.RefNo <= last {
			t.Errorf("%s: %+v %+v", card, o, pm)
		}
		last = o.RefNo
	}
	noURLs := With(With(SampleOrder(), "PaymentDetails.PaymentMethod.Vendor3DSReturnURL", nil), "PaymentDetails.PaymentMethod.Vendor3DSCancelURL", nil)
	var o Order
	e.result(e.callAt(PathRPC31, MethodPlaceOrder, sid, noURLs), &o)
	if got := e.call(MethodPlaceOrder, sid, noURLs); got != errBody(e.nextID, threeDS.code, threeDS.message, threeDS.errorCode) {
		t.Errorf("/rpc/6.0/ without 3-D Secure URLs: %s", got)
	}
}

// TestOrderLifecycle: a TEST order of a subscription product answers the
// whole Order; getOrder answers it; Complete (and CompleteDue after the
// approval delay) make it COMPLETE/OK with its subscription enabled, each
// change sending a signed IPN.
func TestOrderLifecycle(t *testing.T) {
	e := newEnv(t)
	sid := e.login()
	order := With(With(SampleOrder(), "Items.0.Code", "my_subscription_1"), "PaymentDetails.PaymentMethod.RecurringEnabled", true)
	placed := e.call(MethodPlaceOrder, sid, order)
	golden(t, "order_placed", placed)
	var o Order
	e.result(placed, &o)
	if got := e.call(MethodGetOrder, sid, o.RefNo); !strings.HasSuffix(got, strings.TrimPrefix(placed, `{"jsonrpc":"2.0","id":2`)) {
		t.Errorf("getOrder answers another order:\n%s\n%s", got, placed)
	}
	if err := e.v.Complete(context.Background(), "1"); !errors.Is(err, ErrUnknownOrder) {
		t.Errorf("Complete of no order: %v", err)
	}
	e.advance(30 * time.Second)
	if done, err := e.v.CompleteDue(context.Background()); err != nil || len(done) != 0 {
		t.Fatalf("CompleteDue before the delay: %v %v", done, err)
	}
	e.advance(30 * time.Second)
	if done, err := e.v.CompleteDue(context.Background()); err != nil || len(done) != 1 || done[0] != o.RefNo {
		t.Fatalf("CompleteDue after the delay: %v %v", done, err)
	}
	if err := e.v.Complete(context.Background(), o.RefNo); err != nil {
		t.Fatalf("Complete of a complete order: %v", err)
	}
	golden(t, "order_completed", e.call(MethodGetOrder, sid, o.RefNo))
	ipns := e.sent()
	if len(ipns) != 2 || ipns[0].Subject["status"] != StatusAuthReceived || ipns[1].Subject["status"] != StatusComplete ||
		ipns[1].Event != "COMPLETE" || ipns[0].URL != ipnURL || ipns[0].Subject["refno"] != o.RefNo || ipns[1].Account != "MERCHANT_CODE" {
		t.Fatalf("IPNs = %+v", ipns)
	}
	for _, want := range []string{"ORDERSTATUS=PAYMENT_AUTHORIZED", "TEST_ORDER=1", "FRAUD_STATUS=PENDING", "IPN_LICENSE_REF%5B%5D=" + o.Items[0].ProductDetails.Subscriptions[0].SubscriptionReference} {
		if !strings.Contains(string(ipns[0].Body), want) {
			t.Errorf("the first IPN lacks %s", want)
		}
	}
	for _, want := range []string{"ORDERSTATUS=COMPLETE", "FRAUD_STATUS=APPROVED", "COMPLETE_DATE=2026-03-02+10%3A01%3A00"} {
		if !strings.Contains(string(ipns[1].Body), want) {
			t.Errorf("the second IPN lacks %s", want)
		}
	}
}

// TestPricing covers the price decisions: volume tiers, the instant FIXED
// promotion, the SPRING10 coupon, the largest discount winning, cross-sell,
// VAT on net prices, dynamic items with GROSS prices and COUPON lines.
func TestPricing(t *testing.T) {
	e := newEnv(t)
	sid := e.login()
	office := func(qty int, coupons ...any) map[string]any {
		o := With(SampleOrder(), "Items", []any{map[string]any{"Code": "FLASH_OFFICE", "Quantity": qty,
			"AdditionalFields": []any{map[string]any{"Code": "LicenseHolder", "Value": "Jane Doe"}}}})
		if coupons != nil {
			o = With(o, "Promotions", coupons)
		}
		return o
	}
	crossSell := office(1)
	crossSell["Items"] = append(crossSell["Items"].([]any), map[string]any{"Code": "FLASH_ANTIVIRUS", "Quantity": 2,
		"CrossSell": map[string]any{"CampaignCode": "2Xrl83J0k+qOr3W1ceTwZnHHr30=", "ParentCode": "FLASH_OFFICE"}})
	dynamic := With(SampleOrder(), "Items", []any{
		With(dynamicItem("Consulting hour", 119), "Quantity", 2),
		With(With(dynamicItem("Shipping", 10), "PurchaseType", "SHIPPING"), "PriceType", "NET"),
		With(dynamicItem("Voucher", 20), "PurchaseType", "COUPON"),
	})
	fields := With(With(office(1), "AdditionalFields", []any{
		map[string]any{"Code": "SourceOrder", "Value": "The WWW"},
		map[string]any{"Code": "cart2cotestordercheckbox", "Value": true},
		map[string]any{"Code": "TextInIPNCustom123", "Value": "Leave at the door"},
	}), "Items.0.SKU", "FO-2026")
	// A slice, not a map: the order numbers in the goldens follow the order.
	for _, tc := range []struct {
		name  string
		order map[string]any
	}{
		// 49.00 less the instant 5.00 USD.
		{"instant fixed", office(1)},
		// 10 units take the 44.00 tier; 5.00 off each beats 10% (4.40).
		{"volume tier", office(10)},
		// 10% of 49.00 is 4.90, less than the instant 5.00: no stacking.
		{"largest discount", office(1, "spring10")},
		// 10% of 29.00.
		{"coupon", With(SampleOrder(), "Promotions", []any{"SPRING10"})},
		// 20% off both antivirus units recommended by the office campaign.
		{"cross-sell", crossSell},
		// GROSS 119 at 0% VAT, a NET shipping line, a COUPON line.
		{"dynamic items", dynamic},
		{"additional fields", fields},
	} {
		t.Run(tc.name, func(t *testing.T) {
			golden(t, "pricing_"+strings.ReplaceAll(tc.name, " ", "_"), e.call(MethodPlaceOrder, sid, tc.order))
		})
	}
	// The AVANGATE merchant adds 19% VAT to its net prices.
	vat := e.loginAs("AVANGATE", AlgoSHA3)
	eu := With(With(With(SampleOrder(), "Items.0.Code", "FLASH_OFFICE"), "Currency", "EUR"), "PaymentDetails.Currency", "EUR")
	var o Order
	e.result(e.call(MethodPlaceOrder, vat, eu), &o)
	if o.NetPrice.String() != "45" || o.VAT.String() != "8.55" || o.GrossPrice.String() != "53.55" || o.GrossDiscountedPrice.String() != "53.55" {
		t.Errorf("VAT order: net %s VAT %s gross %s", o.NetPrice, o.VAT, o.GrossPrice)
	}
	// A GROSS dynamic price at 19% splits into net and VAT.
	e.result(e.call(MethodPlaceOrder, vat, With(With(eu, "Items", []any{dynamicItem("Gift", 119)}), "Currency", "eur")), &o)
	if o.NetPrice.String() != "100" || o.VAT.String() != "19" || o.GrossPrice.String() != "119" {
		t.Errorf("GROSS dynamic order: net %s VAT %s gross %s", o.NetPrice, o.VAT, o.GrossPrice)
	}
}

// TestPromotionLimits: MaximumOrdersNumber, MaximumQuantity, dates,
// Enabled and single-use MULTIPLE codes.
func TestPromotionLimits(t *testing.T) {
	e := newEnv(t)
	sid := e.login()
	add := func(p map[string]any) string {
		var out Promotion
		e.result(e.call(MethodAddPromotion, sid, p), &out)
		return out.Code
	}
	base := func(coupon map[string]any) map[string]any {
		return map[string]any{"Name": "Limited", "Type": "REGULAR", "ChannelType": "ECOMMERCE", "ApplyRecurring": "NONE",
			"Enabled": true, "Discount": map[string]any{"Type": "PERCENT", "Value": 50}, "Coupon": coupon,
			"Products": []any{map[string]any{"Code": "FLASH_ANTIVIRUS"}}}
	}
	add(With(base(map[string]any{"Type": "SINGLE", "Code": "ONCE"}), "MaximumOrdersNumber", 1))
	add(With(base(map[string]any{"Type": "SINGLE", "Code": "ONEUNIT"}), "MaximumQuantity", 1))
	add(With(base(map[string]any{"Type": "SINGLE", "Code": "LATER"}), "StartDate", "2026-03-03"))
	add(With(base(map[string]any{"Type": "SINGLE", "Code": "OVER"}), "EndDate", "2026-03-01"))
	add(With(base(map[string]any{"Type": "SINGLE", "Code": "OFF"}), "Enabled", false))
	add(base(map[string]any{"Type": "MULTIPLE", "Codes": []any{"USE-A", "USE-B"}}))
	order := func(coupon string, qty int) map[string]any {
		return With(With(SampleOrder(), "Promotions", []any{coupon}), "Items.0.Quantity", qty)
	}
	invalid := func(coupon string) string {
		return errBody(e.nextID, 55201, "Invalid promotion code ["+coupon+"].", "ORDER_PROMOTION_INVALID")
	}
	var o Order
	e.result(e.call(MethodPlaceOrder, sid, order("ONCE", 1)), &o)
	if o.Discount.String() != "14.5" || o.Promotions[0] != "ONCE" || o.Items[0].Promotion.DiscountLabel != "50%" {
		t.Errorf("ONCE: discount %s %+v", o.Discount, o.Items[0].Promotion)
	}
	if got := e.call(MethodPlaceOrder, sid, order("ONCE", 1)); got != invalid("ONCE") {
		t.Errorf("ONCE twice: %s", got)
	}
	e.result(e.call(MethodPlaceOrder, sid, order("ONEUNIT", 3)), &o)
	if o.Discount.String() != "14.5" || o.NetDiscountedPrice.String() != "72.5" {
		t.Errorf("ONEUNIT on 3 units: discount %s, total %s", o.Discount, o.NetDiscountedPrice)
	}
	for _, code := range []string{"LATER", "OVER", "OFF"} {
		if got := e.call(MethodPlaceOrder, sid, order(code, 1)); got != invalid(code) {
			t.Errorf("%s: %s", code, got)
		}
	}
	e.result(e.call(MethodPlaceOrder, sid, order("use-a", 1)), &o)
	if got := e.call(MethodPlaceOrder, sid, order("USE-A", 1)); got != invalid("USE-A") {
		t.Errorf("a single-use code twice: %s", got)
	}
	e.result(e.call(MethodPlaceOrder, sid, order("USE-B", 1)), &o)
	if o.Discount.String() != "14.5" {
		t.Errorf("USE-B: %s", o.Discount)
	}
}

// TestRenewalOrders: setCustomRenewalPrice charges its price for N renewal
// orders, then the product's renewal price comes back; installments are
// refused for a renewal.
func TestRenewalOrders(t *testing.T) {
	e := newEnv(t)
	sid := e.login()
	var first Order
	e.result(e.call(MethodPlaceOrder, sid, With(SampleOrder(), "Items.0.Code", "my_subscription_1")), &first)
	ref := first.Items[0].ProductDetails.Subscriptions[0].SubscriptionReference
	next := func() string { return e.call(MethodGetNextRenewalPrice, sid, ref) }
	want := func(price string) string {
		return `{"jsonrpc":"2.0","id":` + strconv.Itoa(e.nextID) + `,"result":{"NetPrice":` + price + `,"NetCurrency":"USD","FinalPrice":` + price + `,"FinalCurrency":"USD"}}`
	}
	if got := next(); got != want("7.99") {
		t.Fatalf("before a custom price: %s", got)
	}
	if got := e.call(MethodSetCustomRenewalPrice, sid, ref, 5, nil, 2, "loyalty"); !strings.Contains(got, `"result":true`) {
		t.Fatal(got)
	}
	renewal := With(With(SampleOrder(), "Items.0.Code", "my_subscription_1"), "Items.0.RenewalInformation", map[string]any{"SubscriptionReference": ref})
	for i, price := range []string{"5", "5"} {
		if got := next(); got != want(price) {
			t.Fatalf("renewal %d: next price %s", i, got)
		}
		var o Order
		e.result(e.call(MethodPlaceOrder, sid, renewal), &o)
		if o.GrossDiscountedPrice.String() != price || len(o.Items[0].ProductDetails.Subscriptions) != 0 || o.Items[0].RenewalInformation.SubscriptionReference != ref {
			t.Fatalf("renewal %d charged %s: %+v", i, o.GrossDiscountedPrice, o.Items[0])
		}
	}
	if got := next(); got != want("7.99") {
		t.Fatalf("after the custom cycles: %s", got)
	}
	if got := e.call(MethodPlaceOrder, sid, With(renewal, "Items.0.Code", "FLASH_ANTIVIRUS")); got != errBody(e.nextID, renewalInvalid.code, renewalInvalid.message, renewalInvalid.errorCode) {
		t.Errorf("a renewal of another product: %s", got)
	}
	if got := e.call(MethodPlaceOrder, sid, With(renewal, "Items.0.Quantity", 2)); got != errBody(e.nextID, quantityInvalid.code, quantityInvalid.message, quantityInvalid.errorCode) {
		t.Errorf("a renewal of another quantity: %s", got)
	}
	brl := With(With(With(With(renewal, "Currency", "BRL"), "PaymentDetails.Currency", "BRL"), "BillingDetails.CountryCode", "BR"), "BillingDetails.FiscalCode", "056.027.963-98")
	if got := e.call(MethodGetInstallments, sid, brl); got != errBody(e.nextID, notAvailable.code, notAvailable.message, notAvailable.errorCode) {
		t.Errorf("installments for a renewal: %s", got)
	}
	if got := e.call(MethodSetCustomRenewalPrice, sid, ref, 5, "EUR", 1, nil); !strings.Contains(got, `"result":true`) {
		t.Fatal(got)
	}
	cur := orderError{55201, "Product [my_subscription_1] has no price in the order currency.", "ORDER_PRODUCT_CURRENCY_INVALID"}
	if got := e.call(MethodPlaceOrder, sid, renewal); got != errBody(e.nextID, cur.code, cur.message, cur.errorCode) {
		t.Errorf("a USD renewal of a EUR custom price: %s", got)
	}
}

// TestIPNWithoutReceiver: a merchant without ipn_url has its IPNs recorded
// as no_receiver, never sent, so that their forms can still be read.
func TestIPNWithoutReceiver(t *testing.T) {
	e := newEnv(t)
	e.edit(func(tc *fixtures.TwoCheckout) { tc.Merchants[0].IPNURL = "" })
	sid := e.login()
	var o Order
	e.result(e.call(MethodPlaceOrder, sid, SampleOrder()), &o)
	if err := e.v.Complete(context.Background(), o.RefNo); err != nil {
		t.Fatal(err)
	}
	sent := e.sent()
	if len(sent) != 2 || sent[0].State != outbox.NoReceiver || sent[1].State != outbox.NoReceiver || sent[1].URL != "" ||
		!strings.Contains(string(sent[1].Body), "ORDERSTATUS=COMPLETE") {
		t.Fatalf("IPNs = %+v", sent)
	}
}
