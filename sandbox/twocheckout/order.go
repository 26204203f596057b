package twocheckout

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/flashcart/flashcart/sandbox/schema"
	"github.com/shopspring/decimal"
)

// The order statuses the sandbox moves through.
const (
	StatusAuthReceived = "AUTHRECEIVED"
	StatusComplete     = "COMPLETE"
	ApproveWaiting     = "WAITING"
	ApproveOK          = "OK"
)

// insufficientCard is the shared test card declined for insufficient
// funds; the other declined cards answer PAYMENT_DECLINED.
const insufficientCard = "4000000000009995"

// orderState is a stored order: the Order as answered, and what the
// sandbox needs besides.
type orderState struct {
	Order  Order     `json:"order"`
	Placed time.Time `json:"placed"`
	// Test is set for PaymentDetails.Type TEST.
	Test bool `json:"test"`
	// CardExpiry is the card's expiry as MM/YY, for the IPN.
	CardExpiry string `json:"card_expiry"`
}

// orderParam is the Order parameter of placeOrder (payment true) and
// getInstallments.
func orderParam(payment bool) *schema.Field {
	return objectParam[OrderInput]("Order", true, "The order: items, billing and payment details.", map[string]rule{
		"RefNo":                                   {doc: "null: the order is new."},
		"Currency":                                {required: true, format: "iso4217", doc: "ISO 4217, any case; equal to PaymentDetails.Currency."},
		"Country":                                 {format: "iso3166"},
		"ExternalReference":                       {maxLength: 100},
		"Source":                                  {maxLength: 255},
		"Items":                                   {required: true, doc: "Catalogue items (Code) or dynamic ones (IsDynamic, Name, Price), not both."},
		"Items[].Code":                            {doc: "A product code; null for a dynamic item."},
		"Items[].Quantity":                        {required: true, min: schema.Bound(1), max: schema.Bound(maxQuantity)},
		"Items[].Price.Type":                      {enum: []string{"BASE", "DEFAULT", "CUSTOM"}},
		"Items[].Trial":                           {doc: "false or null; trials are not emulated."},
		"Items[].PurchaseType":                    {enum: []string{"PRODUCT", "SHIPPING", "TAX", "COUPON"}, def: `"PRODUCT"`},
		"Items[].PriceType":                       {enum: []string{"GROSS", "NET"}, def: `"GROSS"`},
		"Items[].AdditionalFields[].Code":         {required: true},
		"AdditionalFields[].Code":                 {required: true},
		"BillingDetails":                          {required: true},
		"BillingDetails.Email":                    {format: "email"},
		"BillingDetails.CountryCode":              {format: "iso3166"},
		"PaymentDetails":                          {required: payment},
		"PaymentDetails.Type":                     {required: true, enum: []string{"TEST", "CC"}},
		"PaymentDetails.Currency":                 {format: "iso4217"},
		"PaymentDetails.PaymentMethod":            {required: true},
		"PaymentDetails.PaymentMethod.CardNumber": {required: true},
		"PaymentDetails.PaymentMethod.ExpirationYear":     {required: true},
		"PaymentDetails.PaymentMethod.ExpirationMonth":    {required: true},
		"PaymentDetails.PaymentMethod.HolderName":         {required: true},
		"PaymentDetails.PaymentMethod.CCID":               {required: true},
		"PaymentDetails.PaymentMethod.InstallmentsNumber": {min: schema.Bound(1), max: schema.Bound(6)},
		"PaymentDetails.PaymentMethod.Vendor3DSReturnURL": {format: "uri", doc: "Required for cards on /rpc/6.0."},
		"PaymentDetails.PaymentMethod.Vendor3DSCancelURL": {format: "uri", doc: "Required for cards on /rpc/6.0."},
		"Promotions":  {doc: "Coupon codes."},
		"GiftDetails": {doc: "Accepted and ignored."},
	})
}

// orderCodes are the vendor codes of bad values inside an Order.
var orderCodes = vendorCodes{
	"Order.Currency":                                        fixed(ErrOrderCurrencyInvalid),
	"Order.Items":                                           fixed(ErrProductsEmpty),
	"Order.Items[]":                                         fixed(ErrItemsInvalid),
	"Order.Items[].Code":                                    fixed(ErrProductCodeInvalid),
	"Order.Items[].Quantity":                                fixed(ErrQuantityInvalid),
	"Order.Items[].Price":                                   fixed(ErrPriceStructureInvalid),
	"Order.Items[].Price.Amount":                            fixed(ErrPriceAmountInvalid),
	"Order.Items[].Price.Type":                              fixed(ErrPriceTypeInvalid),
	"Order.Items[].PriceType":                               fixed(ErrPriceTypeInvalid),
	"Order.Items[].IsDynamic":                               fixed(ErrIsDynamicInvalid),
	"Order.Items[].Name":                                    fixed(ErrProductNameInvalid),
	"Order.Items[].PurchaseType":                            fixed(ErrPurchaseTypeInvalid),
	"Order.Items[].Tangible":                                fixed(ErrTangibleInvalid),
	"Order.Items[].RenewalInformation":                      fixed(ErrRenewalReferenceInvalid),
	"Order.Items[].CrossSell":                               named(ErrOrderCrossSellInvalid),
	"Order.Items[].AdditionalFields":                        named(ErrOrderAdditionalFieldInvalid),
	"Order.AdditionalFields":                                named(ErrOrderAdditionalFieldInvalid),
	"Order.BillingDetails":                                  named(ErrBillingDetailsInvalid),
	"Order.Promotions":                                      named(ErrOrderPromotionInvalid),
	"Order.PaymentDetails":                                  fixed(ErrPaymentTypeInvalid),
	"Order.PaymentDetails.Currency":                         fixed(ErrOrderCurrencyMismatch),
	"Order.PaymentDetails.PaymentMethod":                    fixed(ErrPaymentCardInvalid),
	"Order.PaymentDetails.PaymentMethod.InstallmentsNumber": fixed(ErrInstallmentsInvalid),
	"Order.PaymentDetails.PaymentMethod.Vendor3DSReturnURL": fixed(ErrPayment3DSURLInvalid),
	"Order.PaymentDetails.PaymentMethod.Vendor3DSCancelURL": fixed(ErrPayment3DSURLInvalid),
}

var orderMethods = []*method{
	{
		body:  session(MethodPlaceOrder, "Places and pays an order; answers it (AUTHRECEIVED, WAITING).", orderParam(true)),
		codes: orderCodes, write: true, session: true,
		run: placeOrder,
	},
	{
		body:    session(MethodGetOrder, "Answers an order, in every status.", param("orderReference", schema.String, true, "The order's RefNo.")),
		session: true,
		run: func(c *call) (any, error) {
			rec, ok, err := load[orderState](c.tx, bucketOrders, c.str(1))
			switch {
			case err != nil:
				return nil, err
			case !ok || rec.Account != c.merchant.Code:
				return nil, fail(ErrOrderNotFound, c.str(1))
			}
			return rec.Data.Order, nil
		},
	},
}

func placeOrder(c *call) (any, error) {
	var in OrderInput
	if err := c.decode(1, &in); err != nil {
		return nil, err
	}
	pm := in.PaymentDetails.PaymentMethod
	k, err := c.priceCart(in)
	if err != nil {
		return nil, err
	}
	card, err := c.pay(k, in.PaymentDetails)
	if err != nil {
		return nil, err
	}
	refNo, orderNo, err := c.nextRefNo()
	if err != nil {
		return nil, err
	}
	now := c.now.Format(LoginDateLayout)
	o := Order{
		RefNo: refNo, OrderNo: orderNo, ExternalReference: in.ExternalReference,
		Status: StatusAuthReceived, ApproveStatus: ApproveWaiting, OrderDate: now,
		Currency: k.currency, Country: strings.ToUpper(or(in.Country, k.country)), Language: or(in.Language, "en"),
		CustomerIP: in.CustomerIP, LocalTime: in.LocalTime, Source: in.Source, Affiliate: in.Affiliate,
		CustomerReference: in.CustomerReference, Promotions: orEmpty(k.coupons), AdditionalFields: k.fields,
		BillingDetails: in.BillingDetails, DeliveryDetails: in.DeliveryDetails,
		PaymentDetails: &OrderPayment{Type: in.PaymentDetails.Type, Currency: k.currency,
			CustomerIP: in.PaymentDetails.CustomerIP, PaymentMethod: card},
		RecurringEnabled: pm.RecurringEnabled,
		NetPrice:         k.total.NetPrice, GrossPrice: k.total.GrossPrice, VAT: k.total.VAT, Discount: k.total.Discount,
		NetDiscountedPrice: k.total.NetDiscountedPrice, GrossDiscountedPrice: k.total.GrossDiscountedPrice,
		AvangateCommission: A(decimal.Zero),
	}
	o.BillingDetails.CountryCode = k.country
	for _, l := range k.lines {
		item, err := c.orderItem(k, l, &o)
		if err != nil {
			return nil, err
		}
		o.Items = append(o.Items, item)
	}
	if err := c.consume(k, refNo); err != nil {
		return nil, err
	}
	st := orderState{Order: o, Placed: c.now, Test: in.PaymentDetails.Type == "TEST",
		CardExpiry: last2("0"+pm.ExpirationMonth) + "/" + last2(pm.ExpirationYear)}
	if err := save(c.tx, bucketOrders, refNo, c.merchant.Code, st); err != nil {
		return nil, err
	}
	if err := save(c.tx, bucketWaiting, refNo, c.merchant.Code, c.now); err != nil {
		return nil, err
	}
	if at, ok := c.v.completesAt(c.merchant.Code, c.now); ok {
		c.v.due.Lower(at)
	}
	return o, c.v.notify(c.tx, c.merchant, st)
}

// orderItem answers a line, making the subscription its product generates.
func (c *call) orderItem(k *cart, l *line, o *Order) (OrderItem, error) {
	item := OrderItem{
		Name: l.name, PurchaseType: l.kind, IsDynamic: l.in.IsDynamic, Tangible: l.in.Tangible,
		Quantity: strconv.Itoa(l.qty), PriceOptions: orEmpty(l.in.PriceOptions), SKU: l.in.SKU, Price: l.price,
		CrossSell: l.in.CrossSell, AdditionalFields: l.fields, Promotion: l.promotion,
		RenewalInformation: l.in.RenewalInformation, SubscriptionStartDate: l.in.SubscriptionStartDate,
	}
	o.HasShipping = o.HasShipping || l.kind == "SHIPPING" || l.in.Tangible
	if l.product == nil {
		return item, nil
	}
	p := l.product
	item.AvangateID, item.Code, item.Tangible = p.AvangateID, &p.ProductCode, p.Tangible
	o.HasShipping = o.HasShipping || p.Tangible
	item.ProductDetails = &ProductDetails{Name: p.ProductName, Subscriptions: []ItemSubscription{}}
	if l.in.RenewalInformation != nil || p.GeneratesSubscription == nil || !*p.GeneratesSubscription || p.SubscriptionInformation == nil {
		return item, nil
	}
	ref, err := unique(c.tx, bucketSubscriptions, func() string { return strings.ToUpper(c.v.env.IDs.Hex("twocheckout.subscription", 10)) })
	if err != nil {
		return item, err
	}
	s := subscriptionState{Reference: ref, ProductCode: p.ProductCode, Quantity: l.qty, Currency: k.currency,
		OrderRefNo: o.RefNo, Start: c.now, Expiration: cycleEnd(c.now, p.SubscriptionInformation)}
	if err := save(c.tx, bucketSubscriptions, ref, c.merchant.Code, s); err != nil {
		return item, err
	}
	item.ProductDetails.RenewalStatus = o.RecurringEnabled
	item.ProductDetails.Subscriptions = append(item.ProductDetails.Subscriptions, ItemSubscription{
		SubscriptionReference: ref, PurchaseDate: o.OrderDate, SubscriptionStartDate: o.OrderDate,
		ExpirationDate: s.Expiration.Format(LoginDateLayout), RenewalStatus: o.RecurringEnabled,
	})
	return item, nil
}

// cycleEnd is the end of the billing cycle that starts at t.
func cycleEnd(t time.Time, si *SubscriptionInformation) time.Time {
	n, err := strconv.Atoi(si.BillingCycle)
	if err != nil || n < 1 {
		n = 1
	}
	if si.BillingCycleUnits == "D" {
		return t.AddDate(0, 0, n)
	}
	return t.AddDate(0, n, 0)
}

// consume records what the order used: promotions and single-use coupons,
// and, for a renewal, one custom-price cycle and one more billing cycle.
func (c *call) consume(k *cart, refNo string) error {
	for code, ps := range k.promotions {
		ps.Orders++
		for _, coupon := range k.coupons {
			if ps.Promotion.Coupon != nil && ps.Promotion.Coupon.Type == "MULTIPLE" && containsFold(ps.Promotion.Coupon.Codes, coupon) {
				ps.Used = append(ps.Used, coupon)
			}
		}
		if err := put(c, bucketPromotions, code, *ps); err != nil {
			return err
		}
	}
	s := k.renewal
	if s == nil {
		return nil
	}
	if s.Custom != nil {
		if s.Custom.Cycles--; s.Custom.Cycles <= 0 {
			s.Custom = nil
		}
	}
	p, err := c.product(s.ProductCode)
	if err != nil {
		return err
	}
	if p.SubscriptionInformation != nil {
		s.Expiration = cycleEnd(s.Expiration, p.SubscriptionInformation)
	}
	s.OrderRefNo = refNo
	return save(c.tx, bucketSubscriptions, s.Reference, c.merchant.Code, *s)
}

// nextRefNo draws the order's RefNo — seeded, increasing per merchant,
// unique in the sandbox — and its OrderNo, the merchant's order count.
func (c *call) nextRefNo() (string, int, error) {
	rec, _, err := load[merchantState](c.tx, bucketMerchants, c.merchant.Code)
	if err != nil {
		return "", 0, err
	}
	ms := rec.Data
	next := ms.LastRefNo
	for {
		if next == 0 {
			next = c.v.env.IDs.Int("twocheckout.refno", 100_000_000, 199_999_999)
		} else {
			next += c.v.env.IDs.Int("twocheckout.refno.step", 1, 9)
		}
		if !exists(c.tx, bucketOrders, strconv.FormatInt(next, 10)) {
			break
		}
	}
	ms.LastRefNo, ms.Orders = next, ms.Orders+1
	return strconv.FormatInt(next, 10), ms.Orders, save(c.tx, bucketMerchants, c.merchant.Code, c.merchant.Code, ms)
}

// pay checks the payment and runs the test card: the currency, the
// installments, the card data, the 3-D Secure URLs (API 6.0 only), then the
// card's outcome.
func (c *call) pay(k *cart, pd *PaymentDetails) (*MaskedCard, error) {
	if pd.Currency != "" && !strings.EqualFold(pd.Currency, k.currency) {
		return nil, fail(ErrOrderCurrencyMismatch).hint("Currency %s, PaymentDetails.Currency %s", k.currency, pd.Currency)
	}
	pm := pd.PaymentMethod
	number := strings.NewReplacer(" ", "", "-", "").Replace(pm.CardNumber)
	if n := pm.InstallmentsNumber; n != nil {
		options, err := k.installments()
		if err != nil {
			return nil, err
		}
		if brand := cardBrand(number); brand == "" {
			return nil, fail(ErrInstallmentsNotAvailable).hint("installments take Visa, MasterCard or AMEX cards")
		}
		if *n > len(options) {
			return nil, fail(ErrInstallmentsInvalid).hint("InstallmentsNumber %d: the cart offers 1 to %d", *n, len(options))
		}
	}
	if why := cardProblem(number, pm); why != "" {
		return nil, fail(ErrPaymentCardInvalid).hint("%s", why)
	}
	// 3-D Secure is mandatory for cards in API 6.0; the seed's 3.1 sample
	// sends no URLs, and the InLine cart does 3-D Secure itself.
	if c.version == "6.0" && (!absoluteURL(pm.Vendor3DSReturnURL) || !absoluteURL(pm.Vendor3DSCancelURL)) {
		return nil, fail(ErrPayment3DSURLInvalid).hint("set PaymentMethod.Vendor3DSReturnURL and Vendor3DSCancelURL to absolute http(s) URLs")
	}
	if err := charge(number); err != nil {
		return nil, err
	}
	first, _ := strconv.Atoi(number[:4])
	lastDigits, _ := strconv.Atoi(number[len(number)-4:])
	return &MaskedCard{CardType: or(pm.CardType, cardBrand(number)), ExpirationYear: pm.ExpirationYear,
		ExpirationMonth: pm.ExpirationMonth, HolderName: pm.HolderName, RecurringEnabled: pm.RecurringEnabled,
		InstallmentsNumber: pm.InstallmentsNumber, FirstDigits: first, LastDigits: lastDigits}, nil
}

// charge pays with a test card. The sandbox never charges: any card but
// the paying test cards is declined.
func charge(number string) error {
	paid, err := kit.Charge(number)
	switch {
	case err != nil:
		return fail(ErrPaymentDeclined).hint("%s is not a sandbox test card (%v)", number, err)
	case number == insufficientCard:
		return fail(ErrPaymentInsufficientFunds).hint("test card %s is declined for insufficient funds", number)
	case !paid.Paid:
		return fail(ErrPaymentDeclined).hint("test card %s is always declined", number)
	}
	return nil
}

// cardProblem says what is wrong with a card's data, or "". The expiry is
// checked for form only: the seed's sample pays with a card that expired
// in 2019.
func cardProblem(number string, pm *PaymentMethod) string {
	month, merr := strconv.Atoi(pm.ExpirationMonth)
	switch {
	case len(number) < 12 || len(number) > 19 || strings.Trim(number, "0123456789") != "":
		return "CardNumber must hold 12 to 19 digits"
	case !luhn(number):
		return "CardNumber fails the Luhn check"
	case merr != nil || month < 1 || month > 12:
		return fmt.Sprintf("ExpirationMonth %q is not 1 to 12", pm.ExpirationMonth)
	case len(pm.ExpirationYear) != 2 && len(pm.ExpirationYear) != 4 || strings.Trim(pm.ExpirationYear, "0123456789") != "":
		return fmt.Sprintf("ExpirationYear %q is not YY or YYYY", pm.ExpirationYear)
	case strings.TrimSpace(pm.HolderName) == "":
		return "HolderName is empty"
	case len(pm.CCID) < 3 || len(pm.CCID) > 4 || strings.Trim(pm.CCID, "0123456789") != "":
		return "CCID must hold 3 or 4 digits"
	}
	return ""
}

// luhn reports whether a digit string passes the Luhn check.
func luhn(number string) bool {
	sum := 0
	for i := range len(number) {
		d := int(number[len(number)-1-i] - '0')
		if i%2 == 1 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// cardBrand names a card's network from its number: visa, mastercard,
// amex, or "".
func cardBrand(number string) string {
	switch {
	case strings.HasPrefix(number, "4"):
		return "visa"
	case strings.HasPrefix(number, "5"):
		return "mastercard"
	case strings.HasPrefix(number, "34"), strings.HasPrefix(number, "37"):
		return "amex"
	}
	return ""
}

func absoluteURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func last2(s string) string { return s[max(0, len(s)-2):] }

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}
