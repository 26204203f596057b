package twocheckout

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/flashcart/flashcart/sandbox/schema"
	"github.com/shopspring/decimal"
)

// method is one JSON-RPC method: its parameter table, the vendor codes of
// bad values inside its parameters, and its implementation.
type method struct {
	body  *schema.Body
	codes vendorCodes
	// write methods run in an update transaction, the others in a view.
	write bool
	// session methods take the sessionID as params[0].
	session bool
	run     func(c *call) (any, error)
}

// methods holds every method by name.
var methods = index(methodGroups)

// methodGroup is a topic's methods, as the docs list them.
type methodGroup struct {
	title   string
	methods []*method
}

// methodGroups are the methods by topic, in the docs' order.
var methodGroups = []methodGroup{
	{"Login", loginMethods}, {"Additional fields", fieldMethods}, {"Products", productMethods},
	{"Promotions", promotionMethods}, {"Cross-sell", crossSellMethods}, {"Renewal price", renewalMethods},
	{"Installments", installmentMethods}, {"Orders", orderMethods},
}

func index(groups []methodGroup) map[string]*method {
	out := map[string]*method{}
	for _, g := range groups {
		for _, m := range g.methods {
			out[m.body.Name] = m
		}
	}
	return out
}

// Methods returns the names of every method, sorted.
func Methods() []string {
	names := make([]string, 0, len(methods))
	for name := range methods {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// Params returns the table of a method's positional parameters.
func Params(name string) (*schema.Body, bool) {
	m, ok := methods[name]
	if !ok {
		return nil, false
	}
	return m.body, true
}

// session returns the parameter table of a method that takes a session.
func session(name, doc string, params ...*schema.Field) *schema.Body {
	sid := param("sessionID", schema.String, true, "The session identifier login answered; it expires 10 minutes after login.")
	return &schema.Body{Name: name, Doc: doc, Fields: append([]*schema.Field{sid}, params...)}
}

// call is one method call in its transaction.
type call struct {
	v *Vendor
	// r is the HTTP request, or nil for an in-process call.
	r   *http.Request
	tx  store.Tx
	now time.Time
	// version is the API version of the path: "6.0" or "3.1".
	version  string
	m        *method
	params   []any
	args     []any
	merchant *fixtures.TwoCheckoutMerchant
}

// Call answers one JSON-RPC request body; the answer is always a
// well-formed JSON-RPC response. r is the HTTP request, or nil for an
// in-process call (which speaks API 6.0).
func (v *Vendor) Call(ctx context.Context, r *http.Request, body []byte) []byte {
	env, bad := decodeEnvelope(body)
	if bad != nil {
		return v.answerError(r, env.id, bad)
	}
	result, err := v.dispatch(ctx, r, env)
	if err == nil {
		var raw []byte
		if raw, err = encode(result); err == nil {
			return answer(env.id, raw, nil)
		}
	}
	var e *Error
	if errors.As(err, &e) {
		return v.answerError(r, env.id, e)
	}
	return v.internal(r, env.id, err)
}

// internal is the one answer to a store (or encoding) failure: -32603.
func (v *Vendor) internal(r *http.Request, id *int64, err error) []byte {
	v.env.Log.Error("twocheckout: internal error", "err", err)
	return v.answerError(r, id, fail(ErrInternal).hint("internal error: %v", err))
}

// answerError sends the error's hint to the sandbox and answers the error.
func (v *Vendor) answerError(r *http.Request, id *int64, e *Error) []byte {
	msg := e.Hint
	if msg == "" {
		msg = e.Message
	}
	v.hint(r, catalogue[e.ID].ErrorCode+": "+msg)
	v.note(r, func(n *kit.Note) { n.Codes = append(n.Codes, catalogue[e.ID].Code) })
	return answer(id, nil, e)
}

// internalBody is the answer when even an answer cannot be encoded.
const internalBody = `{"jsonrpc":"2.0","id":null,"error":{"code":-32603,"message":"Internal error","data":{"error_code":"INTERNAL_ERROR"}}}`

// answer encodes a response. result was encoded by encode, so the
// response always encodes; internalBody stands in should it not.
func answer(id *int64, result json.RawMessage, e *Error) []byte {
	resp := Response{JSONRPC: JSONRPCVersion, ID: id, Result: result}
	if e != nil {
		resp.Error = e.object()
	}
	raw, err := encode(resp)
	if err != nil {
		return []byte(internalBody)
	}
	return raw
}

// encode writes v as compact JSON without HTML escaping.
func encode(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// envelope is a decoded request: its id (nil when unreadable), method and
// params (not yet checked).
type envelope struct {
	id     *int64
	method string
	params any
}

// decodeEnvelope reads a request object. Its errors are -32700 (not JSON)
// and -32600 (JSON, but not a request object); the id is echoed once read.
func decodeEnvelope(body []byte) (envelope, *Error) {
	var env envelope
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return env, fail(ErrParse).hint("the body is not JSON: %v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return env, fail(ErrParse).hint("the body holds more than one JSON value")
	}
	m, ok := v.(map[string]any)
	if !ok {
		// The vendor documents no batch requests: a batch is one -32600,
		// not an array of answers.
		if _, batch := v.([]any); batch {
			return env, fail(ErrInvalidRequest).hint("batch requests are not supported: send one request object per POST")
		}
		return env, fail(ErrInvalidRequest).hint("the body is not a JSON object")
	}
	n, ok := m["id"].(json.Number)
	id, err := strconv.ParseInt(n.String(), 10, 64)
	if !ok || err != nil {
		return env, fail(ErrInvalidRequest).hint("id must be an integer")
	}
	env.id = &id
	// The samples send "2.0"; the Workflow page says the value must be 6.0.
	if !versionOK(m["jsonrpc"]) {
		return env, fail(ErrInvalidRequest).hint(`jsonrpc must be "2.0" (or 6.0, as the Workflow page writes it)`)
	}
	if env.method, ok = m["method"].(string); !ok {
		return env, fail(ErrInvalidRequest).hint("method must be a string")
	}
	env.params = m["params"]
	return env, nil
}

func versionOK(v any) bool {
	switch v := v.(type) {
	case string:
		return v == "2.0" || v == "6.0"
	case json.Number:
		d, err := decimal.NewFromString(v.String())
		return err == nil && (d.Equal(decimal.NewFromInt(2)) || d.Equal(decimal.NewFromInt(6)))
	}
	return false
}

// dispatch checks the method and its parameter count, then runs it in a
// transaction: the session (params[0]) first, then the other parameters,
// then the method. A *Error rolls the transaction back.
func (v *Vendor) dispatch(ctx context.Context, r *http.Request, env envelope) (any, error) {
	v.hint(r, MethodHint+env.method)
	m, ok := methods[env.method]
	if !ok {
		return nil, fail(ErrMethodNotFound).hint("%q is not a method of the API", env.method)
	}
	params, ok := env.params.([]any)
	if !ok && env.params != nil {
		return nil, fail(ErrInvalidParams, "params must be an array of positional parameters")
	}
	min, text := arity(m.body)
	if len(params) < min || len(params) > len(m.body.Fields) {
		return nil, fail(ErrInvalidParams, fmt.Sprintf("%s, got %d", text, len(params)))
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("twocheckout: %s: %w", env.method, err)
	}
	c := &call{v: v, r: r, now: v.env.Now().UTC(), version: "6.0", m: m,
		params: params, args: make([]any, len(m.body.Fields))}
	if r != nil && strings.HasPrefix(r.URL.Path, "/rpc/3.1") {
		c.version = "3.1"
	}
	var result any
	run := func(tx store.Tx) error {
		c.tx = tx
		for i := range params {
			if err := c.check(i); err != nil {
				return err
			}
			if i == 0 && m.session {
				if err := c.authenticate(c.str(0)); err != nil {
					return err
				}
			}
		}
		var err error
		result, err = m.run(c)
		return err
	}
	if m.write {
		err := v.env.Store.Update(run)
		if err == nil {
			v.env.Outbox.Kick() // an IPN may be due
		}
		return result, err
	}
	return result, v.env.Store.View(run)
}

// check checks params[i] against its table entry and keeps the clean value.
func (c *call) check(i int) error {
	f := c.m.body.Fields[i]
	clean, bad := checker{codes: c.m.codes}.value(f, f.Name, f.Name, c.params[i])
	if bad != nil {
		return bad
	}
	c.args[i] = clean
	return nil
}

// str returns argument i as a string; "" when absent or null.
func (c *call) str(i int) string {
	s, _ := c.args[i].(string)
	return s
}

// present reports whether argument i was sent and is not null.
func (c *call) present(i int) bool { return c.args[i] != nil }

// decode decodes argument i into v. The checker has made its JSON types
// right, so only a value the Go type still refuses can fail here.
func (c *call) decode(i int, v any) error {
	raw, err := json.Marshal(c.args[i])
	if err != nil {
		return fmt.Errorf("twocheckout: re-encode %s: %w", c.m.body.Fields[i].Name, err)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		path, leaf := c.m.body.Fields[i].Name, c.m.body.Fields[i].Name
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			path += "." + te.Field
			leaf = te.Field[strings.LastIndexByte(te.Field, '.')+1:]
		}
		return checker{codes: c.m.codes}.bad(path, path, leaf, "is malformed")
	}
	return nil
}
