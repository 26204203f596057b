package scenarios

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/flashcart/flashcart/sandbox/twocheckout"
	"github.com/flashcart/flashcart/scenarios/internal/jsonnode"
	"github.com/flashcart/flashcart/scenarios/internal/vars"
	"go.yaml.in/yaml/v3"
)

// The 2Checkout steps compile into a POST of a JSON-RPC request object to
// /rpc/6.0/ (or the step's path). Their ids count up from 1 in each
// scenario, as the seed's PHP counter does, unless a step gives one.

// rpc compiles an rpc step. After an rpc_login step, params[0] is the
// login's session, unless the step says session: none or calls login.
func (p *parser) rpc(at string, raw *rpcYAML) Request {
	if raw.Method == "" {
		p.errorf(at+".method", "name the JSON-RPC method, such as placeOrder")
	}
	params := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	if raw.Params.Kind != 0 {
		if n := jsonnode.Resolve(&raw.Params); n.Kind == yaml.SequenceNode {
			params.Content = slices.Clone(n.Content)
		} else {
			p.errorf(at+".params", "params is a list of the method's positional parameters")
		}
	}
	switch raw.Session {
	case "":
		if p.rpcSession && raw.Method != twocheckout.MethodLogin {
			params.Content = append([]*yaml.Node{jsonnode.String("${" + vars.TwoCheckoutSession + "}")}, params.Content...)
		}
	case "none":
	default:
		p.errorf(at+".session", `session is "none" (send params as written) or absent (params[0] is the session of the rpc_login before)`)
	}
	return p.rpcRequest(at, raw.Path, raw.ID, raw.Method, params)
}

// rpcLogin compiles an rpc_login step: login(merchant, date, hash[, algo])
// with the date and hash left to the runner, which knows the clock.
func (p *parser) rpcLogin(at string, raw *rpcLoginYAML, st *Step) Request {
	l := &RPCLogin{Merchant: "${" + vars.TwoCheckoutMerchant + "}", Secret: "${" + vars.TwoCheckoutSecret + "}", Algo: raw.Algo}
	if raw.Merchant != nil {
		l.Merchant = *raw.Merchant
	}
	if raw.Secret != nil {
		l.Secret = *raw.Secret
	}
	if l.Algo == "" {
		l.Algo = twocheckout.AlgoMD5
	}
	algos := []string{twocheckout.AlgoMD5, twocheckout.AlgoSHA256, twocheckout.AlgoSHA3}
	if !slices.Contains(algos, l.Algo) {
		p.errorf(at+".algo", "algo is %s (md5, the default, sends three parameters)", strings.Join(algos, ", "))
	}
	if raw.Skew != "" {
		d, err := time.ParseDuration(raw.Skew)
		if err != nil {
			p.errorf(at+".skew", "skew must be a Go duration such as 11m or -11m")
		}
		l.Skew = d
	}
	for _, v := range []struct{ key, value string }{{"merchant", l.Merchant}, {"secret", l.Secret}} {
		if _, err := vars.Refs(v.value); err != nil {
			p.errorf(at+"."+v.key, "%v", err)
		}
	}
	params := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: []*yaml.Node{
		jsonnode.String(l.Merchant), jsonnode.String("${" + vars.TwoCheckoutLoginDate + "}"), jsonnode.String("${" + vars.TwoCheckoutLoginHash + "}"),
	}}
	if l.Algo != twocheckout.AlgoMD5 {
		params.Content = append(params.Content, jsonnode.String(l.Algo))
	}
	st.RPCLogin = l
	p.rpcSession = true
	return p.rpcRequest(at, raw.Path, raw.ID, twocheckout.MethodLogin, params)
}

// rpcRequest is the POST of one JSON-RPC request object.
func (p *parser) rpcRequest(at, path string, id *int64, method string, params *yaml.Node) Request {
	if path == "" {
		path = twocheckout.PathRPC
	}
	if !slices.Contains(twocheckout.Paths, path) {
		p.errorf(at+".path", "path is one of %s (the first is the default)", strings.Join(twocheckout.Paths, ", "))
	}
	p.rpcID++
	n := p.rpcID
	if id != nil {
		n = *id
	}
	idNode := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(n, 10)}
	body := object("jsonrpc", jsonnode.String(twocheckout.JSONRPCVersion), "method", jsonnode.String(method), "params", params, "id", idNode)
	if _, err := jsonnode.ToJSON(body, nil); err != nil {
		p.nodeErr(fmt.Sprintf("%s.params", at), err)
	}
	return Request{Method: http.MethodPost, Path: path, Body: body}
}
