package scenarios

import (
	"strings"
	"testing"

	"github.com/flashcart/flashcart/scenarios/internal/jsonnode"
)

// TestParsePaySessionAndSignatures: pay_session compiles into a POST to
// the Solifyn twin, signatures into the expectation, and the scenario
// knows the plain variables it reads.
func TestParsePaySessionAndSignatures(t *testing.T) {
	f, err := Parse("solifyn.yaml", []byte(`version: 1
scenarios:
  - name: pay
    steps:
      - id: create
        request:
          method: POST
          path: /v1/checkout/create
          headers: {Authorization: "Bearer ${solifyn.api_key}"}
          body: {productId: prod_z2o92kEl6cYYX}
      - id: pay
        pay_session: {session: "${steps.create.body.id}", card: "4242424242424242"}
      - id: hooks
        request: {method: GET, path: /_sandbox/webhooks, query: {vendor: solifyn}}
        expect:
          signatures: {scheme: standard-webhooks, secret: "whsec_${steps.pay.body.id}"}
  - name: no key
    steps:
      - {id: login, login: {}}
`))
	if err != nil {
		t.Fatal(err)
	}
	pay := f.Scenarios[0].Steps[1]
	body, _ := jsonnode.ToJSON(pay.Request.Body, nil)
	if pay.Kind != KindPaySession || pay.Request.Method != "POST" || pay.Request.Path != "/_sandbox/solifyn/checkout/{link}/pay" ||
		pay.Request.Link != "${steps.create.body.id}" || string(body) != `{"card":"4242424242424242"}` || pay.Expect.Status != 200 || !pay.SandboxOnly() {
		t.Errorf("pay_session: %+v %s", pay, body)
	}
	sig := f.Scenarios[0].Steps[2].Expect.Signatures
	if sig == nil || *sig != (Signatures{Scheme: SchemeStandardWebhooks, Secret: "whsec_${steps.pay.body.id}"}) {
		t.Errorf("signatures %+v", sig)
	}
	if !f.Scenarios[0].Reads("solifyn.api_key") || f.Scenarios[0].Reads("username") || !f.Scenarios[1].Reads("username") || f.Scenarios[1].Reads("solifyn.api_key") {
		t.Error("Reads does not tell the variables the scenarios read")
	}
}

func TestParsePaySessionRejects(t *testing.T) {
	head := "version: 1\nscenarios:\n  - name: s\n    steps:\n"
	for name, tc := range map[string]struct{ src, want string }{
		"no session":   {head + "      - id: a\n        pay_session: {card: '4242'}\n", "bad.yaml:6: scenarios[0].steps[0].pay_session.session: name the session"},
		"no card":      {head + "      - id: a\n        pay_session: {session: x}\n", "bad.yaml:6: scenarios[0].steps[0].pay_session.card: pay_session needs the card number"},
		"unknown key":  {head + "      - id: a\n        pay_session: {session: x, card: '4242', cvc: 1}\n", `pay_session: unknown key "cvc" (the keys here are session, card)`},
		"later step":   {head + "      - id: a\n        pay_session: {session: '${steps.b.body.id}', card: '4242'}\n      - {id: b, login: {}}\n", `reads step "b"`},
		"bad scheme":   {head + "      - id: a\n        login: {}\n        expect: {signatures: {scheme: hmac, secret: x}}\n", `scheme must be "standard-webhooks"`},
		"no secret":    {head + "      - id: a\n        login: {}\n        expect: {signatures: {scheme: standard-webhooks}}\n", "name the secret"},
		"secret's ref": {head + "      - id: a\n        login: {}\n        expect: {signatures: {scheme: standard-webhooks, secret: '${nope}'}}\n", "unknown variable ${nope}"},
	} {
		if _, err := Parse("bad.yaml", []byte(tc.src)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v\nwant %q", name, err, tc.want)
		}
	}
}
