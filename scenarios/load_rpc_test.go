package scenarios

import (
	"strings"
	"testing"

	"github.com/flashcart/flashcart/scenarios/internal/jsonnode"
)

// TestRPCSteps: rpc and rpc_login compile into POSTs of JSON-RPC request
// objects, ids counting from 1 in each scenario; after an rpc_login, an
// rpc step's params[0] is the session, unless it says session: none or
// calls login.
func TestRPCSteps(t *testing.T) {
	src := `version: 1
scenarios:
  - name: a
    steps:
      - {id: before, rpc: {method: getOrder, params: [s, "1"]}}
      - {id: login, rpc_login: {}}
      - {id: sha, rpc_login: {merchant: AVANGATE, secret: '${steps.login.body.result}', algo: sha256, skew: -1m, path: /rpc/3.1/}}
      - {id: order, rpc: {method: placeOrder, params: [{Currency: USD, Items: [{Code: X, Quantity: 1}]}], id: 70}}
      - {id: none, rpc: {method: getOrder, params: [s, "1"], session: none, path: /rpc/6.0}}
      - {id: raw, rpc: {method: login, params: [M, D, H]}}
      - {id: bare, rpc: {method: getAdditionalFields}}
  - name: b
    steps:
      - {id: first, rpc: {method: getAdditionalFields}}
`
	f, err := Parse("rpc.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		kind       Kind
		path, body string
	}{
		{KindRPC, "/rpc/6.0/", `{"jsonrpc":"2.0","method":"getOrder","params":["s","1"],"id":1}`},
		{KindRPCLogin, "/rpc/6.0/", `{"jsonrpc":"2.0","method":"login","params":["${twocheckout.merchant_code}","${twocheckout.login_date}","${twocheckout.login_hash}"],"id":2}`},
		{KindRPCLogin, "/rpc/3.1/", `{"jsonrpc":"2.0","method":"login","params":["AVANGATE","${twocheckout.login_date}","${twocheckout.login_hash}","sha256"],"id":3}`},
		{KindRPC, "/rpc/6.0/", `{"jsonrpc":"2.0","method":"placeOrder","params":["${twocheckout.session}",{"Currency":"USD","Items":[{"Code":"X","Quantity":1}]}],"id":70}`},
		{KindRPC, "/rpc/6.0", `{"jsonrpc":"2.0","method":"getOrder","params":["s","1"],"id":5}`},
		{KindRPC, "/rpc/6.0/", `{"jsonrpc":"2.0","method":"login","params":["M","D","H"],"id":6}`},
		{KindRPC, "/rpc/6.0/", `{"jsonrpc":"2.0","method":"getAdditionalFields","params":["${twocheckout.session}"],"id":7}`},
	}
	steps := f.Scenarios[0].Steps
	for i, w := range want {
		st := steps[i]
		body, err := jsonnode.ToJSON(st.Request.Body, nil)
		if err != nil || st.Kind != w.kind || st.Request.Method != "POST" || st.Request.Path != w.path || string(body) != w.body ||
			st.Request.Auth || st.Expect == nil || st.Expect.Status != 200 {
			t.Errorf("step %s: %s %s %s %s %v", st.ID, st.Kind, st.Request.Method, st.Request.Path, body, err)
		}
	}
	if l := steps[1].RPCLogin; l == nil || *l != (RPCLogin{Merchant: "${twocheckout.merchant_code}", Secret: "${twocheckout.secret_key}", Algo: "md5"}) {
		t.Errorf("login: %+v", l)
	}
	if l := steps[2].RPCLogin; l == nil || l.Merchant != "AVANGATE" || l.Secret != "${steps.login.body.result}" || l.Algo != "sha256" || l.Skew.String() != "-1m0s" {
		t.Errorf("sha: %+v", l)
	}
	if steps[3].RPCLogin != nil || steps[5].RPCLogin != nil {
		t.Error("an rpc step signs a login")
	}
	body, _ := jsonnode.ToJSON(f.Scenarios[1].Steps[0].Request.Body, nil)
	if string(body) != `{"jsonrpc":"2.0","method":"getAdditionalFields","params":[],"id":1}` {
		t.Errorf("another scenario starts over: %s", body)
	}
}

func TestRPCStepErrors(t *testing.T) {
	head := "version: 1\nscenarios:\n  - name: a\n    steps:\n"
	for name, tt := range map[string]struct{ src, want string }{
		"no method":       {"      - {id: a, rpc: {params: []}}\n", "bad.yaml:5: scenarios[0].steps[0].rpc.method: name the JSON-RPC method"},
		"params a map":    {"      - {id: a, rpc: {method: m, params: {a: 1}}}\n", "rpc.params: params is a list"},
		"bad session":     {"      - {id: a, rpc: {method: m, session: mine}}\n", `rpc.session: session is "none"`},
		"bad path":        {"      - {id: a, rpc: {method: m, path: /rpc/5.0/}}\n", "rpc.path: path is one of /rpc/6.0/, /rpc/6.0, /rpc/3.1/"},
		"bad algo":        {"      - {id: a, rpc_login: {algo: sha1}}\n", "rpc_login.algo: algo is md5, sha256, sha3-256"},
		"bad skew":        {"      - {id: a, rpc_login: {skew: later}}\n", "rpc_login.skew: skew must be a Go duration"},
		"bad template":    {"      - {id: a, rpc_login: {secret: '${who}'}}\n", "rpc_login.secret: unknown variable ${who}"},
		"later step":      {"      - {id: a, rpc: {method: m, params: ['${steps.b.body.result}']}}\n      - {id: b, rpc_login: {}}\n", `reads step "b", which does not come before`},
		"unknown key":     {"      - {id: a, rpc: {method: m, colour: red}}\n", `rpc: unknown key "colour"`},
		"two actions":     {"      - {id: a, rpc: {method: m}, rpc_login: {}}\n", "found 2 (rpc, rpc_login)"},
		"a body key kind": {"      - {id: a, rpc: {method: m, params: [{[1]: 2}]}}\n", "object keys must be strings"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Parse("bad.yaml", []byte(head+tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}
