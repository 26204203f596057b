package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/flashcart/flashcart/sandbox/twocheckout"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

// The 2Checkout names the workbench uses.
const (
	// MethodLogin opens a session; every other method takes it first.
	MethodLogin = twocheckout.MethodLogin
	// MethodPlaceOrder makes an order Checkout opens.
	MethodPlaceOrder = twocheckout.MethodPlaceOrder
	// ClockPath is the sandbox clock, by which a login is dated.
	ClockPath = "/_sandbox/clock"
	// forbidden is the string code of an expired or unknown session.
	forbidden = "FORBIDDEN"
)

// RPCCall is the Call of a JSON-RPC method whose params, after the
// session, are the JSON array params.
func RPCCall(method string, params []byte) Call {
	return Call{Name: method, Method: http.MethodPost, Path: twocheckout.PathRPC, Body: params}
}

// RPC returns the request of a JSON-RPC call: the envelope of c's method
// with id, its params c.Body with the session put first (for every method
// but login). Params that are no JSON array are sent as written.
func RPC(c Call, session string, id int64) Request {
	params := bytes.TrimSpace(c.Body)
	var compact bytes.Buffer
	if json.Compact(&compact, params) == nil {
		params = compact.Bytes()
	}
	if c.Name != MethodLogin && bytes.HasPrefix(params, []byte("[")) {
		rest := bytes.TrimSpace(params[1:])
		sid, _ := json.Marshal(session)
		if !bytes.HasPrefix(rest, []byte("]")) {
			sid = append(sid, ',')
		}
		params = append(append([]byte("["), sid...), rest...)
	}
	if len(params) == 0 {
		params = []byte("[]")
	}
	method, _ := json.Marshal(c.Name)
	body := fmt.Sprintf(`{"jsonrpc":%q,"method":%s,"params":%s,"id":%d}`, twocheckout.JSONRPCVersion, method, params, id)
	return jsonRequest(http.MethodPost, c.Path, []byte(body))
}

// loginRPC logs in as a merchant, as 2Checkout's clients do: the date by
// the sandbox clock, the HMAC-SHA256 of the code and the date with the
// secret key. It answers a LoggedInMsg with the session, or a
// LoginFailedMsg.
func (c *Client) loginRPC(merchant, secret string) any {
	failed := func(err error) any { return LoginFailedMsg{Vendor: vendor.TwoCheckout, Account: merchant, Err: err} }
	now, err := c.clock()
	if err != nil {
		return failed(err)
	}
	date := now.UTC().Format(twocheckout.LoginDateLayout)
	hash, err := twocheckout.LoginHash(twocheckout.AlgoSHA256, secret, merchant, date)
	if err != nil {
		return failed(err)
	}
	params, _ := json.Marshal([]string{merchant, date, hash, twocheckout.AlgoSHA256})
	x := c.Do(context.Background(), RPC(RPCCall(MethodLogin, params), "", 1))
	var out twocheckout.Response
	switch {
	case x.Err != nil:
		return failed(x.Err)
	case x.Status != http.StatusOK || json.Unmarshal(x.Body, &out) != nil:
		return failed(fmt.Errorf("login answered %d: %s", x.Status, bytes.TrimSpace(x.Body)))
	case out.Error != nil:
		return failed(fmt.Errorf("login answered %d %s: %s", out.Error.Code, out.Error.Data.ErrorCode, out.Error.Message))
	}
	var session string
	if json.Unmarshal(out.Result, &session) != nil || session == "" {
		return failed(errors.New("login answered no session"))
	}
	return LoggedInMsg{Vendor: vendor.TwoCheckout, Account: merchant, Token: session}
}

// clock reads the sandbox clock.
func (c *Client) clock() (time.Time, error) {
	x := c.get(ClockPath)
	var out struct {
		Now time.Time `json:"now"`
	}
	if x.Err != nil {
		return time.Time{}, x.Err
	}
	if x.Status != http.StatusOK || json.Unmarshal(x.Body, &out) != nil {
		return time.Time{}, fmt.Errorf("%s answered %d", ClockPath, x.Status)
	}
	return out.Now, nil
}

// rpcAnswer reads a JSON-RPC answer; nil when it is not one.
func rpcAnswer(x Exchange) *twocheckout.Response {
	var out twocheckout.Response
	if x.Err != nil || x.Status != http.StatusOK || json.Unmarshal(x.Body, &out) != nil || out.JSONRPC == "" {
		return nil
	}
	return &out
}

// sessionExpired reports whether an answer says the session is unknown or
// expired.
func sessionExpired(x Exchange) bool {
	a := rpcAnswer(x)
	return a != nil && a.Error != nil && a.Error.Data.ErrorCode == forbidden
}

// rpcProblems is the error of a JSON-RPC answer: its numeric code and
// string code, and its message.
func rpcProblems(x Exchange) []Problem {
	a := rpcAnswer(x)
	if a == nil || a.Error == nil {
		return nil
	}
	e := a.Error
	return []Problem{{Code: strings.TrimSpace(strconv.Itoa(e.Code) + " " + e.Data.ErrorCode), Message: e.Message}}
}

// placedOrder is the order placeOrder answered.
func placedOrder(x Exchange) (Made, bool) {
	a := rpcAnswer(x)
	if a == nil || a.Error != nil || x.Call.Name != MethodPlaceOrder {
		return Made{}, false
	}
	var o twocheckout.Order
	if json.Unmarshal(a.Result, &o) != nil || o.RefNo == "" {
		return Made{}, false
	}
	return Made{What: "order", ID: o.RefNo, IDName: "RefNo", Note: o.Status + " · " + o.ApproveStatus}, true
}
