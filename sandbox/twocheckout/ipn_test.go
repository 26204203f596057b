package twocheckout

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"crypto/sha3"
	"encoding/hex"
	"fmt"
	"hash"
	"net/url"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/outbox"
)

// Pair is one decoded form field, in body order.
type Pair struct{ Name, Value string }

// ParseForm splits a form body into its fields in order, written here
// without the package's code.
func ParseForm(t *testing.T, body string) []Pair {
	t.Helper()
	var out []Pair
	for _, kv := range strings.Split(body, "&") {
		k, v, _ := strings.Cut(kv, "=")
		name, err1 := url.QueryUnescape(k)
		value, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			t.Fatalf("bad form field %q", kv)
		}
		out = append(out, Pair{name, value})
	}
	return out
}

// IndependentHMAC is the vendor's IPN algorithm as the Java SDK writes it:
// for every field but the three signatures, in order, the value's byte
// length then the value; HMAC with the secret, hex.
func IndependentHMAC(fields []Pair, secret string, h func() hash.Hash) string {
	var src strings.Builder
	for _, f := range fields {
		if f.Name == "HASH" || f.Name == "SIGNATURE_SHA2_256" || f.Name == "SIGNATURE_SHA3_256" {
			continue
		}
		fmt.Fprintf(&src, "%d%s", len([]byte(f.Value)), f.Value)
	}
	mac := hmac.New(h, []byte(secret))
	mac.Write([]byte(src.String()))
	return hex.EncodeToString(mac.Sum(nil))
}

func sha3New() hash.Hash { return sha3.New256() }

// Field returns the value of the first field of that name.
func Field(fields []Pair, name string) string {
	for _, f := range fields {
		if f.Name == name {
			return f.Value
		}
	}
	return "\x00missing"
}

// TestIPNSignatures: an IPN of a two-item order is verified by an
// independent implementation of the three signatures.
func TestIPNSignatures(t *testing.T) {
	e := newEnv(t)
	sid := e.login()
	order := With(With(SampleOrder(), "Items", []any{
		map[string]any{"Code": "my_subscription_1", "Quantity": 1},
		map[string]any{"Code": "FLASH_ANTIVIRUS", "Quantity": 2},
	}), "BillingDetails.LastName", "Doe-Ünal")
	var o Order
	e.result(e.call(MethodPlaceOrder, sid, order), &o)
	m := e.sent()[0]
	fields := ParseForm(t, string(m.Body))
	for sig, h := range map[string]func() hash.Hash{"HASH": md5.New, "SIGNATURE_SHA2_256": sha256.New, "SIGNATURE_SHA3_256": sha3New} {
		if got, want := Field(fields, sig), IndependentHMAC(fields, "SECRET_KEY", h); got != want {
			t.Errorf("%s = %s, independently %s", sig, got, want)
		}
	}
	if n := len(fields); fields[n-3].Name != "HASH" || fields[n-2].Name != "SIGNATURE_SHA2_256" || fields[n-1].Name != "SIGNATURE_SHA3_256" {
		t.Errorf("the signatures are not last: %v", fields[n-3:])
	}
	var pids, names []string
	for _, f := range fields {
		switch f.Name {
		case "IPN_PID[]":
			pids = append(pids, f.Value)
		case "IPN_PNAME[]":
			names = append(names, f.Value)
		}
	}
	if strings.Join(pids, ",") != "4639321,4639324" || strings.Join(names, ",") != "Flash Backup Pro (monthly),Flash Antivirus" {
		t.Errorf("items: %v %v", pids, names)
	}
	for name, want := range map[string]string{
		"REFNO": o.RefNo, "ORDERSTATUS": "PAYMENT_AUTHORIZED", "TEST_ORDER": "1", "IPN_ORDER_ORIGIN": "API",
		"FRAUD_STATUS": "PENDING", "IPN_DATE": "20260302100000", "LASTNAME": "Doe-Ünal", "CURRENCY": "USD",
		"IPN_TOTALGENERAL": "67.99", "VENDOR_CODE": "MERCHANT_CODE", "CARD_LAST_DIGITS": "1111",
		"CARD_EXPIRATION_DATE": "12/30", "COUNTRY_CODE": "us",
	} {
		if got := Field(fields, name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if m.URL != ipnURL || m.Subject["refno"] != o.RefNo || m.Subject["status"] != StatusAuthReceived || m.Account != "MERCHANT_CODE" ||
		m.Vendor != Name || m.Event != "PAYMENT_AUTHORIZED" || m.ContentType != "application/x-www-form-urlencoded" || m.State != outbox.Pending {
		t.Errorf("IPN = %+v", m)
	}
}

// Receipt builds a read receipt as a listener would, independently.
func Receipt(fields []Pair, secret, algo, date string, h func() hash.Hash) string {
	var src strings.Builder
	for _, v := range []string{Field(fields, "IPN_PID[]"), Field(fields, "IPN_PNAME[]"), Field(fields, "IPN_DATE"), date} {
		fmt.Fprintf(&src, "%d%s", len(v), v)
	}
	mac := hmac.New(h, []byte(secret))
	mac.Write([]byte(src.String()))
	sum := hex.EncodeToString(mac.Sum(nil))
	if algo == "" {
		return "<EPAYMENT>" + date + "|" + sum + "</EPAYMENT>"
	}
	return `<sig algo="` + algo + `" date="` + date + `">` + sum + `</sig>`
}

// TestReadReceipt: receipts built independently are accepted, wrong ones
// refused; the legacy MD5 receipt only where the merchant allows MD5.
func TestReadReceipt(t *testing.T) {
	e := newEnv(t)
	e.edit(func(tc *fixtures.TwoCheckout) { tc.Merchants[1].IPNURL = ipnURL })
	sid := e.login()
	var o Order
	e.result(e.call(MethodPlaceOrder, sid, SampleOrder()), &o)
	sha := e.loginAs("AVANGATE", AlgoSHA256)
	e.result(e.call(MethodPlaceOrder, sha, With(With(With(SampleOrder(), "Items.0.Code", "FLASH_OFFICE"), "Currency", "EUR"), "PaymentDetails.Currency", "EUR")), &o)
	sent := e.sent()
	md5OK, noMD5 := sent[0], sent[1]
	fields := ParseForm(t, string(md5OK.Body))
	const date = "20260302100507"
	for name, tc := range map[string]struct {
		m      outbox.Delivery
		answer string
		ok     bool
	}{
		"sha3-256":               {md5OK, Receipt(fields, "SECRET_KEY", "sha3-256", date, sha3New), true},
		"sha256":                 {md5OK, Receipt(fields, "SECRET_KEY", "sha256", date, sha256.New), true},
		"legacy md5":             {md5OK, Receipt(fields, "SECRET_KEY", "", date, md5.New), true},
		"inside a page":          {md5OK, "<html><body>OK " + Receipt(fields, "SECRET_KEY", "sha256", date, sha256.New) + "</body></html>", true},
		"upper-case hex":         {md5OK, upperHex(Receipt(fields, "SECRET_KEY", "sha256", date, sha256.New)), true},
		"wrong key":              {md5OK, Receipt(fields, "OTHER_KEY", "sha256", date, sha256.New), false},
		"algo of another hash":   {md5OK, Receipt(fields, "SECRET_KEY", "sha3-256", date, sha256.New), false},
		"another date signed":    {md5OK, strings.Replace(Receipt(fields, "SECRET_KEY", "sha256", date, sha256.New), date, "20260302100508", 1), false},
		"another IPN's receipt":  {noMD5, Receipt(fields, "SECRET_KEY", "sha256", date, sha256.New), false},
		"empty":                  {md5OK, "", false},
		"plain OK":               {md5OK, "OK", false},
		"md5 refused":            {noMD5, Receipt(ParseForm(t, string(noMD5.Body)), "SECRET_KEY", "", date, md5.New), false},
		"sha256, MD5 refused":    {noMD5, Receipt(ParseForm(t, string(noMD5.Body)), "SECRET_KEY", "sha256", date, sha256.New), true},
		"unknown merchant":       {outbox.Delivery{Account: "NOBODY", Body: md5OK.Body}, Receipt(fields, "SECRET_KEY", "sha256", date, sha256.New), false},
		"a body that is no form": {outbox.Delivery{Account: "MERCHANT_CODE", Body: []byte("%zz")}, Receipt(fields, "SECRET_KEY", "sha256", date, sha256.New), false},
	} {
		if err := e.v.receipt(tc.m.Account, string(tc.m.Body), []byte(tc.answer)); (err == nil) != tc.ok {
			t.Errorf("%s: receipt = %v", name, err)
		}
	}
}

// upperHex upper-cases the signature of a <sig> receipt.
func upperHex(r string) string {
	i, j := strings.Index(r, `">`)+2, strings.Index(r, "</sig>")
	return r[:i] + strings.ToUpper(r[i:j]) + r[j:]
}
