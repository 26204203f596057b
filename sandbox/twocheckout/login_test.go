package twocheckout

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/flashcart/flashcart/fixtures"
)

// TestLoginHashVectors are the reference's vectors: the doc's HMAC-MD5 and
// the computed SHA-256 and SHA3-256 for the same inputs.
func TestLoginHashVectors(t *testing.T) {
	if got := lengthPrefixed("AVANGATE", "2010-05-13 12:12:12"); got != "8AVANGATE192010-05-13 12:12:12" {
		t.Fatalf("source = %q", got)
	}
	for algo, want := range map[string]string{
		AlgoMD5:    "bf763db7d333e9c3038698cf59ada3e6",
		AlgoSHA256: "29e85dbf92ce0113e7755c31c0438a7db98a4de9f910bf0a527e005f35e43739",
		AlgoSHA3:   "0c7e9c0c96148e5bf8e199a0a0e27977edc099ff0b27794e761853b96e04c7fb",
	} {
		got, err := LoginHash(algo, "SECRET_KEY", "AVANGATE", "2010-05-13 12:12:12")
		if err != nil || got != want {
			t.Errorf("%s = %s, %v; want %s", algo, got, err, want)
		}
	}
	if _, err := LoginHash("sha1", "k", "c", "d"); err == nil {
		t.Error("sha1 was accepted")
	}
	// Lengths are UTF-8 bytes, not characters.
	if got := lengthPrefixed("ÉTÉ", ""); got != "5ÉTÉ0" {
		t.Errorf("source = %q", got)
	}
}

const authFailed = "Authentication failed"

// TestLogin covers DESIGN decision 3.
func TestLogin(t *testing.T) {
	e := newEnv(t)
	now := start.Format(LoginDateLayout)
	md5Hash, _ := LoginHash(AlgoMD5, "SECRET_KEY", "MERCHANT_CODE", now)
	shaHash, _ := LoginHash(AlgoSHA256, "SECRET_KEY", "AVANGATE", now)
	sha3Hash, _ := LoginHash(AlgoSHA3, "SECRET_KEY", "AVANGATE", now)
	avMD5, _ := LoginHash(AlgoMD5, "SECRET_KEY", "AVANGATE", now)
	skewed := start.Add(-10*time.Minute - time.Second).Format(LoginDateLayout)
	skewHash, _ := LoginHash(AlgoMD5, "SECRET_KEY", "MERCHANT_CODE", skewed)
	edge := start.Add(10 * time.Minute).Format(LoginDateLayout)
	edgeHash, _ := LoginHash(AlgoMD5, "SECRET_KEY", "MERCHANT_CODE", edge)
	for name, tc := range map[string]struct {
		params []any
		ok     bool
		hint   string
	}{
		"md5, three params":         {[]any{"MERCHANT_CODE", now, md5Hash}, true, ""},
		"md5, upper-case hex":       {[]any{"MERCHANT_CODE", now, strings.ToUpper(md5Hash)}, true, ""},
		"sha256":                    {[]any{"AVANGATE", now, shaHash, "sha256"}, true, ""},
		"sha3-256":                  {[]any{"AVANGATE", now, sha3Hash, "sha3-256"}, true, ""},
		"algo in upper case":        {[]any{"AVANGATE", now, shaHash, "SHA256"}, true, ""},
		"date 10 minutes ahead":     {[]any{"MERCHANT_CODE", edge, edgeHash}, true, ""},
		"null algo is md5":          {[]any{"MERCHANT_CODE", now, md5Hash, nil}, true, ""},
		"unknown merchant":          {[]any{"NOBODY", now, md5Hash}, false, `no merchant "NOBODY"`},
		"merchant code case":        {[]any{"merchant_code", now, md5Hash}, false, "no merchant"},
		"wrong hash":                {[]any{"MERCHANT_CODE", now, shaHash}, false, `expected HMAC-md5 with the secret key over "13MERCHANT_CODE192026-03-02 10:00:00"`},
		"hash of another algo":      {[]any{"AVANGATE", now, shaHash, "sha3-256"}, false, "hash mismatch"},
		"md5 refused":               {[]any{"AVANGATE", now, avMD5}, false, "refuses HMAC-MD5"},
		"unknown algo":              {[]any{"MERCHANT_CODE", now, md5Hash, "md5"}, false, "algo must be one of sha256, sha3-256"},
		"date not GMT layout":       {[]any{"MERCHANT_CODE", start.Format(time.RFC3339), md5Hash}, false, "is not GMT YYYY-MM-DD HH:MM:SS"},
		"date more than 10 minutes": {[]any{"MERCHANT_CODE", skewed, skewHash}, false, "is 10m1s from the sandbox clock"},
	} {
		t.Run(name, func(t *testing.T) {
			got := e.call(MethodLogin, tc.params...)
			if tc.ok {
				if !regexp.MustCompile(`^\{"jsonrpc":"2.0","id":\d+,"result":"[0-9a-f]{32}"\}$`).MatchString(got) {
					t.Fatalf("got %s", got)
				}
				return
			}
			if want := errBody(e.nextID, 10000, authFailed, "AUTHENTICATION_FAILED"); got != want {
				t.Fatalf("got %s", got)
			}
			if !strings.Contains(e.lastHint(), tc.hint) {
				t.Errorf("hint = %q, want it to contain %q", e.lastHint(), tc.hint)
			}
		})
	}
}

// TestSession: the session expires 10 minutes after login (a fixed
// window: calls do not extend it); an unknown session is FORBIDDEN, and so
// is the session of a merchant gone from the world.
func TestSession(t *testing.T) {
	e := newEnv(t)
	sid := e.login()
	forbidden := func(id int) string {
		return errBody(id, 10000, "Invalid hash provided or session expired", "FORBIDDEN")
	}
	e.advance(9*time.Minute + 59*time.Second)
	if got := e.call(MethodGetAdditionalField, sid, "SourceOrder"); strings.Contains(got, "error") {
		t.Fatalf("a 9m59s old session answered %s", got)
	}
	e.advance(time.Second)
	if got := e.call(MethodGetAdditionalField, sid, "SourceOrder"); got != forbidden(e.nextID) {
		t.Fatalf("a 10 minute old session answered %s", got)
	}
	if !strings.Contains(e.lastHint(), "expired at 2026-03-02 10:10:00 GMT") {
		t.Errorf("hint = %q", e.lastHint())
	}
	if got := e.call(MethodGetAdditionalFields, strings.Repeat("0", 32)); got != forbidden(e.nextID) {
		t.Fatalf("an unknown session answered %s", got)
	}
	// The session is checked before the other parameters.
	if got := e.call(MethodGetOrder, "nope", 5); got != forbidden(e.nextID) {
		t.Fatalf("got %s", got)
	}
	other := e.loginAs("AVANGATE", AlgoSHA256)
	if got := e.call(MethodGetProductByCode, other, "my_subscription_1"); got != errBody(e.nextID, 10400, "Product [my_subscription_1] was not found.", "PRODUCT_NOT_FOUND") {
		t.Fatalf("a merchant saw another's catalogue: %s", got)
	}
	e.edit(func(tc *fixtures.TwoCheckout) { tc.Merchants = tc.Merchants[:1] })
	if got := e.call(MethodGetAdditionalFields, other); got != forbidden(e.nextID) {
		t.Fatalf("the session of a removed merchant answered %s", got)
	}
}
