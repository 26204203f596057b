package runner

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/sandbox/twocheckout"
)

const rpcFlow = `version: 1
scenarios:
  - name: login and call
    steps:
      - id: login
        rpc_login: {algo: sha256}
        expect: {body: {jsonrpc: "2.0", id: 1, result: {$regex: '^[0-9a-f]{32}$'}}}
      - id: field
        rpc: {method: getAdditionalField, params: [cart2cotestorderhidden]}
        expect: {partial: true, body: {id: 2, result: {Code: cart2cotestorderhidden}}}
`

// TestRPCInProcess: rpc_login signs with the world's first merchant, dated
// by the scenario's frozen clock; the session goes into params[0] and out
// of the curl commands.
func TestRPCInProcess(t *testing.T) {
	res, err := Run(context.Background(), parse(t, rpcFlow), Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	sc := res.Scenarios[0]
	if sc.Status != Passed {
		t.Fatalf("%s: %+v", sc.Status, sc.Steps[0])
	}
	date := "2026-01-01 09:00:00"
	hash, _ := twocheckout.LoginHash(twocheckout.AlgoSHA256, "SECRET_KEY", "MERCHANT_CODE", date)
	if want := `{"jsonrpc":"2.0","method":"login","params":["MERCHANT_CODE","` + date + `","` + hash + `","sha256"],"id":1}`; !strings.Contains(sc.Steps[0].Curl, want) {
		t.Errorf("login curl %s\nwant it to hold %s", sc.Steps[0].Curl, want)
	}
	var login struct{ Result string }
	_ = json.Unmarshal(sc.Steps[0].Response.Body, &login)
	if c := sc.Steps[1].Curl; strings.Contains(c, login.Result) || !strings.Contains(c, `"params":["${twocheckout.session}","cart2cotestorderhidden"]`) {
		t.Errorf("the call's curl shows the session: %s", c)
	}
}

// TestRPCOnATarget: on a flashcart target, rpc_login is dated by its
// sandbox clock (here years from now) and signed with the merchant given;
// without one, it is skipped and says which variables to set.
func TestRPCOnATarget(t *testing.T) {
	seed := uint64(1)
	sb, err := sandbox.New(sandbox.Options{Seed: &seed, Clock: sandbox.FrozenClock(time.Date(2031, 5, 6, 7, 8, 9, 0, time.UTC))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sb.Close() })
	srv := httptest.NewServer(sb.Handler())
	t.Cleanup(srv.Close)
	res, err := Run(context.Background(), parse(t, rpcFlow), Options{Target: srv.URL, TwoCheckoutMerchant: "MERCHANT_CODE", TwoCheckoutSecret: "SECRET_KEY"})
	if err != nil {
		t.Fatal(err)
	}
	if sc := res.Scenarios[0]; sc.Status != Passed || !strings.Contains(sc.Steps[0].Curl, `"2031-05-06 07:08:09"`) {
		t.Errorf("%s: %s %+v", sc.Status, sc.Steps[0].Curl, sc.Steps[0].Problems)
	}

	t.Setenv(EnvTwoCheckoutMerchant, "")
	t.Setenv(EnvTwoCheckoutSecret, "")
	res, err = Run(context.Background(), parse(t, rpcFlow), Options{Target: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	want := "${twocheckout.merchant_code} is not set: run with FLASHCART_2CO_MERCHANT_CODE and FLASHCART_2CO_SECRET_KEY naming the target's 2Checkout merchant"
	if sc := res.Scenarios[0]; sc.Status != Skipped || sc.Steps[0].Reason != want || sc.Steps[1].Status != Skipped {
		t.Errorf("without the merchant: %s %q", sc.Status, sc.Steps[0].Reason)
	}
	t.Setenv(EnvTwoCheckoutMerchant, "MERCHANT_CODE")
	t.Setenv(EnvTwoCheckoutSecret, "SECRET_KEY")
	if res, err = Run(context.Background(), parse(t, rpcFlow), Options{Target: srv.URL}); err != nil || res.Scenarios[0].Status != Passed {
		t.Errorf("with the merchant in the environment: %v %+v", err, res.Scenarios[0])
	}
}

// TestRPCOnAVendor: a target that is not flashcart is the vendor, whose
// clock is the real one.
func TestRPCOnAVendor(t *testing.T) {
	s := &stub{}
	src := "version: 1\nscenarios:\n  - name: a\n    steps:\n      - {id: login, rpc_login: {merchant: M, secret: K, algo: sha3-256}}\n"
	before := time.Now().UTC().Add(-time.Second)
	res, err := Run(context.Background(), parse(t, src), Options{Target: serve(t, s)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Scenarios[0].Status != Passed || len(s.reqs) != 1 {
		t.Fatalf("%+v", res.Scenarios[0])
	}
	var req struct{ Params []string }
	if err := json.Unmarshal([]byte(s.reqs[0].Body), &req); err != nil || len(req.Params) != 4 {
		t.Fatalf("login %s", s.reqs[0].Body)
	}
	date, err := time.Parse(twocheckout.LoginDateLayout, req.Params[1])
	hash, _ := twocheckout.LoginHash(twocheckout.AlgoSHA3, "K", "M", req.Params[1])
	if err != nil || date.Before(before.Truncate(time.Second)) || date.After(time.Now().UTC()) || req.Params[2] != hash || req.Params[3] != "sha3-256" {
		t.Errorf("login %s", s.reqs[0].Body)
	}
}
