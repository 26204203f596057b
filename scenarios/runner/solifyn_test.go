package runner

import (
	"context"
	"strings"
	"testing"
)

// solifynFlow creates a Solifyn checkout, pays it through the twin and
// checks the signatures of its webhooks; secret is the secret the
// expectation names.
func solifynFlow(secret string) string {
	return `version: 1
scenarios:
  - name: pay a Solifyn session
    steps:
      - id: create
        request:
          method: POST
          path: /v1/checkout/create
          headers: {Authorization: "Bearer ${solifyn.api_key}"}
          body: {productId: prod_z2o92kEl6cYYX, customerEmail: "ann@example.com", checkoutData: {note: "<&>"}}
        expect: {status: 201}
      - id: pay
        pay_session: {session: "${steps.create.body.checkout_url}", card: "4242 4242 4242 4242"}
        expect: {partial: true, body: {status: paid, id: "${steps.create.body.id}"}}
      - id: hooks
        request: {method: GET, path: /_sandbox/webhooks, query: {vendor: solifyn, session_id: "${steps.create.body.session_id}"}}
        expect:
          signatures: {scheme: standard-webhooks, secret: "` + secret + `"}
`
}

func TestSolifynStepsInProcess(t *testing.T) {
	res, err := Run(context.Background(), parse(t, solifynFlow("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")), Options{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	sr := res.Scenarios[0]
	if sr.Status != Passed {
		t.Fatalf("%s %s %+v", sr.Status, sr.Reason, sr.Steps)
	}
	if c := sr.Steps[0].Curl; !strings.Contains(c, "'Authorization: Bearer ${solifyn.api_key}'") || strings.Contains(c, "fyn_test_demo_key") {
		t.Errorf("curl shows the key: %s", c)
	}
	if u := sr.Steps[1].URL; !strings.HasPrefix(u, InProcessBase+"/_sandbox/solifyn/checkout/") || !strings.HasSuffix(u, "/pay") || strings.Contains(u, "checkout_id") {
		t.Errorf("pay_session URL %s", u)
	}

	res, err = Run(context.Background(), parse(t, solifynFlow("whsec_c2VjcmV0")), Options{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	sr = res.Scenarios[0]
	if sr.Status != Failed || len(sr.Steps[2].Problems) != 4 ||
		sr.Steps[2].Problems[0].String() != "body.deliveries[0].headers: wh_000001 (webhook-…): stdwebhooks: no v1 signature matches" {
		t.Errorf("a wrong secret: %s %+v", sr.Status, sr.Steps[2].Problems)
	}
}

func TestSignaturesNeedDeliveries(t *testing.T) {
	res, err := Run(context.Background(), parse(t, `version: 1
scenarios:
  - name: nothing to check
    steps:
      - id: hooks
        request: {method: GET, path: /_sandbox/webhooks, query: {vendor: solifyn}}
        expect: {signatures: {scheme: standard-webhooks, secret: whsec_c2VjcmV0}}
      - id: health
        request: {method: GET, path: /_sandbox/health}
        expect: {signatures: {scheme: standard-webhooks, secret: whsec_c2VjcmV0}}
`), Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	steps := res.Scenarios[0].Steps
	if len(steps[0].Problems) != 1 || steps[0].Problems[0].String() != "body.deliveries: no delivery to check the signature of" {
		t.Errorf("an empty listing: %+v", steps[0].Problems)
	}
}

// TestSolifynKeyOnATarget: a scenario that reads ${solifyn.api_key} is skipped
// on a target without one, and sends the one given.
func TestSolifynKeyOnATarget(t *testing.T) {
	s := &stub{flashcart: true}
	url := serve(t, s)
	src := `version: 1
scenarios:
  - name: products
    steps:
      - id: list
        request: {method: GET, path: /v1/products, headers: {Authorization: "Bearer ${solifyn.api_key}"}}
  - name: noventiq only
    steps:
      - {id: login, login: {}}
`
	res, err := Run(context.Background(), parse(t, src), Options{Target: url, Username: "u", Password: "p"})
	if err != nil {
		t.Fatal(err)
	}
	if sr := res.Scenarios[0]; sr.Status != Skipped || sr.Reason != "needs the target's Solifyn API key for ${solifyn.api_key}" || res.Scenarios[1].Status != Passed {
		t.Errorf("without a key: %s %q, %s", sr.Status, sr.Reason, res.Scenarios[1].Status)
	}
	res, err = Run(context.Background(), parse(t, src), Options{Target: url, Username: "u", Password: "p", SolifynKey: "fyn_live_x"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Scenarios[0].Status != Passed || s.reqs[len(s.reqs)-1].Header.Get("Authorization") != "Bearer fyn_live_x" && s.reqs[len(s.reqs)-2].Header.Get("Authorization") != "Bearer fyn_live_x" {
		t.Errorf("with a key: %s %+v", res.Scenarios[0].Status, s.reqs)
	}
}
