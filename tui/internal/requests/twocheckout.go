package requests

import (
	"encoding/json"
	"slices"

	"github.com/flashcart/flashcart/sandbox/schema"
	"github.com/flashcart/flashcart/sandbox/twocheckout"
	"github.com/flashcart/flashcart/scenarios"
	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/form"
)

// sessionParam is the name of the params' first, the session, which the
// workbench's session fills; sessionTemplate is the session an rpc step of
// a scenario sends there (docs/twocheckout.md, "Scenarios").
const (
	sessionParam    = "sessionID"
	sessionTemplate = `"${twocheckout.session}"`
)

// OrderExample is placeOrder's params after the session: a TEST order of
// the default merchant's FLASH_ANTIVIRUS, paid with 2Checkout's test Visa,
// as the vendor's reference writes it.
const OrderExample = `[{
  "Currency": "USD", "ExternalReference": "ORDER-1",
  "Items": [{"Code": "FLASH_ANTIVIRUS", "Quantity": 1}],
  "BillingDetails": {"FirstName": "John", "LastName": "Doe", "CountryCode": "US", "City": "San Francisco",
    "Address1": "1 Market St", "Zip": "94105", "Email": "john.doe@example.com"},
  "PaymentDetails": {"Type": "TEST", "Currency": "USD", "PaymentMethod": {"CardNumber": "4111111111111111",
    "CardType": "VISA", "ExpirationYear": "2030", "ExpirationMonth": "12", "HolderName": "John Doe", "CCID": "123",
    "Vendor3DSReturnURL": "https://shop.example/3ds/ok", "Vendor3DSCancelURL": "https://shop.example/3ds/cancel"}}
}]`

// TwoCheckout is every JSON-RPC method, placeOrder first (on the example
// order), then the others by name. A method's form holds its positional
// parameters after the session, which the session puts first when it
// sends; login's holds all four. The vendor package exposes no validator
// of params: the sandbox's answer is the verdict.
func TwoCheckout() []Request {
	methods := slices.DeleteFunc(twocheckout.Methods(), func(m string) bool { return m == twocheckout.MethodPlaceOrder })
	var out []Request
	for _, m := range append([]string{twocheckout.MethodPlaceOrder}, methods...) {
		table, _ := twocheckout.Params(m)
		out = append(out, Request{
			Name:   m,
			Schema: form.Params(params(table.Fields)),
			Call:   func(body []byte) client.Call { return client.RPCCall(m, body) },
		})
	}
	out[0].Initial, out[0].InitialName = []byte(OrderExample), "the reference's test order"
	return out
}

// params leaves out the session, the workbench's.
func params(fields []*schema.Field) []*schema.Field {
	if len(fields) > 0 && fields[0].Name == sessionParam {
		return fields[1:]
	}
	return fields
}

// TwoCheckoutStep returns the method an rpc step calls and its params
// after the session (the session's template left out).
func TwoCheckoutStep(st *scenarios.Step) (name string, body []byte, ok bool, err error) {
	if st.Kind != scenarios.KindRPC {
		return "", nil, false, nil
	}
	raw, err := st.Request.BodyJSON()
	if err != nil {
		return "", nil, true, err
	}
	var env struct {
		Method string            `json:"method"`
		Params []json.RawMessage `json:"params"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return "", nil, true, err
	}
	ps := env.Params
	if len(ps) > 0 && string(ps[0]) == sessionTemplate {
		ps = ps[1:]
	}
	body, err = json.MarshalIndent(ps, "", "  ")
	return env.Method, body, true, err
}
