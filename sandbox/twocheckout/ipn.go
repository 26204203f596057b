package twocheckout

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/outbox"
	"github.com/flashcart/flashcart/sandbox/internal/store"
)

// IPNContentType is the content type of an IPN POST.
const IPNContentType = "application/x-www-form-urlencoded"

// IPNDateLayout is the layout of IPN_DATE and of the read receipt's date
// (YmdHis).
const IPNDateLayout = "20060102150405"

// The IPN's signature fields, sent last and left out of the signed source.
const (
	FieldHash       = "HASH"
	FieldSignature2 = "SIGNATURE_SHA2_256"
	FieldSignature3 = "SIGNATURE_SHA3_256"
)

// ipnField is one form field; the fields ending in [] hold one value per
// item.
type ipnField struct {
	name   string
	values []string
}

// ipnStatus is ORDERSTATUS for an order status: the IPN speaks
// PAYMENT_AUTHORIZED where the API says AUTHRECEIVED.
var ipnStatus = map[string]string{StatusAuthReceived: "PAYMENT_AUTHORIZED", StatusComplete: "COMPLETE"}

// notify enqueues the order's IPN in the transaction that changed the
// order: for the merchant's IPN URL, or, without one, recorded as
// no_receiver so that its form can still be read.
func (v *Vendor) notify(tx store.Tx, m *fixtures.TwoCheckoutMerchant, st orderState) error {
	status := ipnStatus[st.Order.Status]
	fields := ipnFields(m, st, v.env.Now().UTC().Format(IPNDateLayout), v.env.IDs.Digits("twocheckout.ipn", 12))
	body, err := signForm(m.SecretKey, fields)
	if err != nil {
		return err
	}
	_, err = outbox.Enqueue(tx, outbox.Message{
		Vendor: Name, Account: m.Code, Event: status, URL: m.IPNURL, ContentType: IPNContentType, Body: []byte(body),
		Subject: map[string]any{SubjectRefNo: st.Order.RefNo, SubjectStatus: st.Order.Status},
	})
	return err
}

// The subject keys of an IPN delivery, listed with it and filtered on by
// GET /_sandbox/webhooks: the order's RefNo and the Status it announces
// (the delivery's event is the IPN's ORDERSTATUS).
const (
	SubjectRefNo  = "refno"
	SubjectStatus = "status"
)

// ipnBackoff is the wait after each failed IPN attempt, on the sandbox
// clock: the vendor documents none, so the sandbox retries after 1 and 5
// minutes, then after 15 minutes, 1, 3, 6, 12 and 24 hours.
var ipnBackoff = []time.Duration{time.Minute, 5 * time.Minute, 15 * time.Minute, time.Hour,
	3 * time.Hour, 6 * time.Hour, 12 * time.Hour, 24 * time.Hour}

// ipnAttempts is how many times an IPN is posted before it fails.
var ipnAttempts = len(ipnBackoff) + 1

// ipnPolicy delivers IPNs with ipnBackoff on the sandbox clock, until the
// receiver answers a 2xx status with a valid read receipt.
func (v *Vendor) ipnPolicy() outbox.Policy {
	return outbox.Policy{
		Backoff:      func(n int) time.Duration { return ipnBackoff[min(n, len(ipnBackoff))-1] },
		MaxAttempts:  ipnAttempts,
		SandboxClock: true,
		Accept: func(d *outbox.Delivery, status int, answer []byte) error {
			if status/100 != 2 {
				return fmt.Errorf("the receiver answered %d %s; an IPN is delivered by a 2xx answer holding its read receipt", status, http.StatusText(status))
			}
			return v.receipt(d.Account, string(d.Body), answer)
		},
	}
}

// ipnFields lists the IPN's fields in the order of the vendor's IPNs (as the
// 2Checkout Java SDK's signature test shows them), before the signatures.
func ipnFields(m *fixtures.TwoCheckoutMerchant, st orderState, date, messageID string) []ipnField {
	o := st.Order
	b := o.BillingDetails
	d := o.DeliveryDetails
	if d == nil {
		d = b
	}
	status := ipnStatus[o.Status]
	fraud, finish, test := "PENDING", "", "0"
	if o.FinishDate != nil {
		fraud, finish = "APPROVED", *o.FinishDate
	}
	if st.Test {
		test = "1"
	}
	one := func(name, value string) ipnField { return ipnField{name, []string{value}} }
	perItem := func(name string, value func(OrderItem) string) ipnField {
		f := ipnField{name: name + "[]"}
		for _, it := range o.Items {
			f.values = append(f.values, value(it))
		}
		return f
	}
	sub := func(value func(ItemSubscription) string) func(OrderItem) string {
		return func(it OrderItem) string {
			if it.ProductDetails == nil || len(it.ProductDetails.Subscriptions) == 0 {
				return ""
			}
			return value(it.ProductDetails.Subscriptions[0])
		}
	}
	code := func(it OrderItem) string {
		if it.Code == nil {
			return ""
		}
		return *it.Code
	}
	promo := func(value func(*ItemPromotion) string) func(OrderItem) string {
		return func(it OrderItem) string {
			if it.Promotion == nil {
				return ""
			}
			return value(it.Promotion)
		}
	}
	money := func(a Amount) string { return a.StringFixed(2) }
	card := o.PaymentDetails.PaymentMethod
	return []ipnField{
		one("GIFT_ORDER", "0"), one("SALEDATE", o.OrderDate), one("PAYMENTDATE", o.OrderDate),
		one("REFNO", o.RefNo), one("REFNOEXT", o.ExternalReference), one("SHOPPER_REFERENCE_NUMBER", ""),
		one("ORDERNO", strconv.Itoa(o.OrderNo)), one("ORDERSTATUS", status),
		one("PAYMETHOD", "Visa/MasterCard"), one("PAYMETHOD_CODE", "CCVISAMC"),
		one("FIRSTNAME", b.FirstName), one("LASTNAME", b.LastName), one("COMPANY", b.Company),
		one("REGISTRATIONNUMBER", ""), one("FISCALCODE", b.FiscalCode), one("TAX_OFFICE", ""),
		one("CBANKNAME", ""), one("CBANKACCOUNT", ""), one("ADDRESS1", b.Address1), one("ADDRESS2", b.Address2),
		one("CITY", b.City), one("STATE", b.State), one("ZIPCODE", b.Zip),
		one("COUNTRY", b.CountryCode), one("COUNTRY_CODE", strings.ToLower(b.CountryCode)),
		one("PHONE", b.Phone), one("FAX", ""), one("CUSTOMEREMAIL", b.Email),
		one("FIRSTNAME_D", d.FirstName), one("LASTNAME_D", d.LastName), one("COMPANY_D", d.Company),
		one("ADDRESS1_D", d.Address1), one("ADDRESS2_D", d.Address2), one("CITY_D", d.City),
		one("STATE_D", d.State), one("ZIPCODE_D", d.Zip), one("COUNTRY_D", strings.ToUpper(d.CountryCode)),
		one("COUNTRY_D_CODE", strings.ToLower(d.CountryCode)), one("PHONE_D", d.Phone), one("EMAIL_D", d.Email),
		one("IPADDRESS", o.CustomerIP), one("IPCOUNTRY", ""), one("COMPLETE_DATE", finish),
		one("TIMEZONE_OFFSET", "GMT+00:00"), one("CURRENCY", o.Currency), one("LANGUAGE", o.Language),
		one("ORDERFLOW", "REGULAR"),
		perItem("IPN_PID", func(it OrderItem) string { return it.AvangateID }),
		perItem("IPN_PNAME", func(it OrderItem) string { return it.Name }),
		perItem("IPN_PCODE", code),
		perItem("IPN_EXTERNAL_REFERENCE", func(OrderItem) string { return "" }),
		perItem("IPN_INFO", func(OrderItem) string { return "" }),
		perItem("IPN_QTY", func(it OrderItem) string { return it.Quantity }),
		perItem("IPN_PRICE", func(it OrderItem) string { return money(it.Price.UnitNetPrice) }),
		perItem("IPN_VAT", func(it OrderItem) string { return money(it.Price.VAT) }),
		perItem("IPN_VAT_RATE", func(OrderItem) string { return m.VAT().StringFixed(4) }),
		perItem("IPN_VER", func(OrderItem) string { return "1" }),
		perItem("IPN_DISCOUNT", func(it OrderItem) string { return money(it.Price.Discount) }),
		perItem("IPN_PROMOTION_CATEGORY", promo(func(*ItemPromotion) string { return "REGULAR" })),
		perItem("IPN_PROMONAME", promo(func(p *ItemPromotion) string { return p.Name })),
		perItem("IPN_PROMOCODE", promo(func(p *ItemPromotion) string { return p.Coupon })),
		perItem("IPN_ORDER_COSTS", func(OrderItem) string { return "0" }),
		perItem("IPN_SKU", func(it OrderItem) string { return it.SKU }),
		one("IPN_PARTNER_CODE", ""),
		perItem("IPN_PGROUP", func(OrderItem) string { return "0" }),
		perItem("IPN_PGROUP_NAME", func(OrderItem) string { return "" }),
		one("MESSAGE_ID", messageID), one("MESSAGE_TYPE", status),
		perItem("IPN_LICENSE_PROD", func(it OrderItem) string { return sub(func(ItemSubscription) string { return it.AvangateID })(it) }),
		perItem("IPN_LICENSE_TYPE", sub(func(ItemSubscription) string { return "REGULAR" })),
		perItem("IPN_LICENSE_REF", sub(func(s ItemSubscription) string { return s.SubscriptionReference })),
		perItem("IPN_LICENSE_EXP", sub(func(s ItemSubscription) string { return s.ExpirationDate })),
		perItem("IPN_LICENSE_START", sub(func(s ItemSubscription) string { return s.SubscriptionStartDate })),
		perItem("IPN_LICENSE_LIFETIME", sub(func(ItemSubscription) string { return "NO" })),
		perItem("IPN_LICENSE_ADDITIONAL_INFO", func(OrderItem) string { return "" }),
		perItem("IPN_DELIVEREDCODES", func(OrderItem) string { return "" }),
		one("IPN_DOWNLOAD_LINK", ""),
		perItem("IPN_TOTAL", func(it OrderItem) string { return money(it.Price.GrossDiscountedPrice) }),
		one("IPN_TOTALGENERAL", money(o.GrossDiscountedPrice)), one("IPN_SHIPPING", "0.00"), one("IPN_SHIPPING_TAX", "0.00"),
		one("AVANGATE_CUSTOMER_REFERENCE", ""), one("EXTERNAL_CUSTOMER_REFERENCE", o.CustomerReference),
		one("IPN_PARTNER_MARGIN_PERCENT", "0.00"), one("IPN_PARTNER_MARGIN", "0.00"),
		one("IPN_EXTRA_MARGIN", "0.00"), one("IPN_EXTRA_DISCOUNT", "0.00"),
		one("IPN_COUPON_DISCOUNT", money(o.Discount)), one("IPN_LINK_SOURCE", o.Source),
		one("IPN_COMMISSION", money(o.AvangateCommission)), one("REFUND_TYPE", ""),
		one("CHARGEBACK_RESOLUTION", "NONE"), one("CHARGEBACK_REASON_CODE", ""),
		one("TEST_ORDER", test), one("IPN_ORDER_ORIGIN", "API"), one("FRAUD_STATUS", fraud),
		one("CARD_TYPE", strings.ToLower(card.CardType)), one("CARD_LAST_DIGITS", strconv.Itoa(card.LastDigits)),
		one("CARD_EXPIRATION_DATE", st.CardExpiry), one("GATEWAY_RESPONSE", "Approved"),
		one("IPN_DATE", date), one("FX_RATE", "1"), one("FX_MARKUP", "0"),
		one("PAYABLE_AMOUNT", money(o.NetDiscountedPrice)), one("PAYOUT_CURRENCY", o.Currency),
		one("VENDOR_CODE", m.Code), one("PROPOSAL_ID", ""),
	}
}

// signForm appends HASH (HMAC-MD5), SIGNATURE_SHA2_256 and
// SIGNATURE_SHA3_256, each over every value in order, length-prefixed, and
// encodes the form with its fields in order (repeated names for items).
func signForm(secret string, fields []ipnField) (string, error) {
	var values []string
	for _, f := range fields {
		values = append(values, f.values...)
	}
	source := lengthPrefixed(values...)
	for _, s := range []struct{ name, algo string }{{FieldHash, AlgoMD5}, {FieldSignature2, AlgoSHA256}, {FieldSignature3, AlgoSHA3}} {
		sig, err := sign(s.algo, secret, source)
		if err != nil {
			return "", err
		}
		fields = append(fields, ipnField{s.name, []string{sig}})
	}
	var b strings.Builder
	for _, f := range fields {
		for _, v := range f.values {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(f.name))
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(v))
		}
	}
	return b.String(), nil
}

var (
	sigReceiptRE    = regexp.MustCompile(`<sig algo="(sha256|sha3-256)" date="([0-9]{14})">([0-9A-Fa-f]{64})</sig>`)
	legacyReceiptRE = regexp.MustCompile(`<EPAYMENT>([0-9]{14})\|([0-9A-Fa-f]{32})</EPAYMENT>`)
)

// receipt checks a receiver's answer to an IPN of the merchant.
func (v *Vendor) receipt(account, form string, answer []byte) error {
	m, ok := v.merchant(account)
	if !ok {
		return fmt.Errorf("merchant %q is no longer in the world, so no receipt can be checked", account)
	}
	return CheckReceipt(m.SecretKey, m.MD5Allowed(), form, answer)
}

// CheckReceipt checks a read receipt against the IPN form it answers:
// <sig algo="sha256|sha3-256" date="YmdHis">HMAC</sig>, or, when MD5 is
// allowed, the legacy <EPAYMENT>YmdHis|HMAC-MD5</EPAYMENT>; the HMAC is over
// the length-prefixed IPN_PID[0], IPN_PNAME[0], IPN_DATE and the receipt's
// date (byte lengths). The receipt may sit anywhere in the answer; its date
// is not checked against the clock. It says why an answer is no valid
// receipt.
func CheckReceipt(secret string, allowMD5 bool, form string, answer []byte) error {
	values, err := url.ParseQuery(form)
	if err != nil {
		return fmt.Errorf("the IPN is not a form: %w", err)
	}
	var algo, date, got string
	if m := sigReceiptRE.FindSubmatch(answer); m != nil {
		algo, date, got = string(m[1]), string(m[2]), string(m[3])
	} else if m := legacyReceiptRE.FindSubmatch(answer); m != nil {
		if !allowMD5 {
			return errors.New(`the answer holds a legacy <EPAYMENT> receipt (HMAC-MD5), which the merchant refuses (allow_md5: false): answer <sig algo="sha256" date="YmdHis">…</sig>`)
		}
		algo, date, got = AlgoMD5, string(m[1]), string(m[2])
	} else {
		return fmt.Errorf(`the answer holds no read receipt: expected <sig algo="sha256|sha3-256" date="YmdHis">HMAC</sig> or <EPAYMENT>YmdHis|HMAC-MD5</EPAYMENT>; got %s`, excerpt(answer))
	}
	source := lengthPrefixed(values.Get("IPN_PID[]"), values.Get("IPN_PNAME[]"), values.Get("IPN_DATE"), date)
	want, err := sign(algo, secret, source)
	if err != nil {
		return err
	}
	if !signedEqual(got, want) {
		return fmt.Errorf("the read receipt's HMAC does not match: expected HMAC-%s with the secret key over %q", algo, source)
	}
	return nil
}

// excerpt quotes the start of a receiver's answer for an attempt's error.
func excerpt(answer []byte) string {
	const limit = 80
	if len(answer) == 0 {
		return "an empty answer"
	}
	if len(answer) > limit {
		return fmt.Sprintf("%q…", answer[:limit])
	}
	return fmt.Sprintf("%q", answer)
}
