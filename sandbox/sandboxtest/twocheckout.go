package sandboxtest

import "github.com/flashcart/flashcart/sandbox/twocheckout"

// TwoCheckoutAPI is the JSON-RPC 6.0 endpoint of 2Checkout's API; the mock
// also answers its legacy host, api.avangate.com, and /rpc/3.1/.
const TwoCheckoutAPI = "https://" + twocheckout.Host + twocheckout.PathRPC

// TwoCheckoutMerchant returns the merchant code and secret key of the
// world's first 2Checkout merchant (MERCHANT_CODE and SECRET_KEY in the
// default world), which login's HMAC is keyed with; both are empty when
// the world has no 2Checkout section.
func (s *Sandbox) TwoCheckoutMerchant() (code, secretKey string) {
	if s.world.TwoCheckout == nil {
		return "", ""
	}
	m := s.world.TwoCheckout.Merchants[0]
	return m.Code, m.SecretKey
}
