package twocheckout

import (
	"strconv"
	"testing"
)

// TestInstallments covers DESIGN decision 6.
func TestInstallments(t *testing.T) {
	e := newEnv(t)
	sid := e.login()
	dynamic := func(amount float64) map[string]any {
		return With(seedOrder(false), "Items", []any{dynamicItem("Service", amount)})
	}
	options := func(amounts ...string) func() string {
		return func() string {
			out := `{"jsonrpc":"2.0","id":` + strconv.Itoa(e.nextID) + `,"result":[`
			for i, a := range amounts {
				if i > 0 {
					out += ","
				}
				out += `{"Number":` + strconv.Itoa(i+1) + `,"Amount":` + a + `,"Currency":"BRL"}`
			}
			return out + `]}`
		}
	}
	refused := func() string {
		return errBody(e.nextID, notAvailable.code, notAvailable.message, notAvailable.errorCode)
	}
	for _, s := range []struct {
		name  string
		order map[string]any
		want  func() string
	}{
		// ⌊9.99 / 5⌋ = 1 option.
		{"under 10 BRL", dynamic(9.99), options("9.99")},
		{"exactly 10 BRL", dynamic(10), options("10", "5")},
		{"under 5 BRL: none", dynamic(4.99), options()},
		// 100 / 3 = 33.333… and 100 / 6 = 16.666… round to cents.
		{"six at most", dynamic(100), options("100", "50", "33.33", "25", "20", "16.67")},
		// 10.05 / 2 = 5.025 rounds half up to 5.03.
		{"half up", dynamic(10.05), options("10.05", "5.03")},
		{"USD", With(With(seedOrder(false), "Currency", "USD"), "PaymentDetails.Currency", "USD"), refused},
		{"not Brazil", With(seedOrder(false), "BillingDetails.CountryCode", "PT"), refused},
		{"no phone", With(seedOrder(false), "BillingDetails.Phone", ""), func() string {
			return errBody(e.nextID, 55201, "Invalid billing details: Phone.", "ORDER_BILLING_DETAILS_INVALID")
		}},
		{"bad fiscal code", With(seedOrder(false), "BillingDetails.FiscalCode", "123"), func() string {
			return errBody(e.nextID, 55201, "Invalid billing details: FiscalCode.", "ORDER_BILLING_DETAILS_INVALID")
		}},
		{"CNPJ", With(seedOrder(false), "BillingDetails.FiscalCode", "11.222.333/0001-81"), options("49.9", "24.95", "16.63", "12.48", "9.98", "8.32")},
		{"no payment details needed", With(seedOrder(false), "PaymentDetails", nil), options("49.9", "24.95", "16.63", "12.48", "9.98", "8.32")},
	} {
		got := e.call(MethodGetInstallments, sid, s.order)
		if want := s.want(); got != want {
			t.Errorf("%s:\ngot  %s\nwant %s", s.name, got, want)
		}
	}
	// placeOrder takes one of the options.
	place := func(order map[string]any, n int) string {
		return e.callAt(PathRPC31, MethodPlaceOrder, sid, With(order, "PaymentDetails.PaymentMethod.InstallmentsNumber", n))
	}
	if got := place(dynamic(24), 5); got != errBody(e.nextID, installmentsWrong.code, installmentsWrong.message, installmentsWrong.errorCode) {
		t.Errorf("5 installments of a 24 BRL order: %s", got)
	}
	discover := With(dynamic(24), "PaymentDetails.PaymentMethod.CardNumber", "6011111111111117")
	if got := place(discover, 2); got != refused() {
		t.Errorf("installments with a Discover card: %s", got)
	}
	var o Order
	e.result(place(dynamic(24), 4), &o)
	if *o.PaymentDetails.PaymentMethod.InstallmentsNumber != 4 || o.GrossDiscountedPrice.String() != "24" {
		t.Errorf("4 installments: %+v", o.PaymentDetails.PaymentMethod)
	}
}
