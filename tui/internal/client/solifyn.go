package client

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/flashcart/flashcart/sandbox/schema"
	"github.com/flashcart/flashcart/sandbox/solifyn"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

// withBearer authorizes a Solifyn request with a business's API key.
func withBearer(r Request, key string) Request {
	if key != "" {
		r.Header.Set(solifyn.HeaderAuthorization, "Bearer "+key)
	}
	return r
}

// BodyCall is the Call of a request body of a vendor's table, sent to its
// route: Solifyn's checkout creations.
func BodyCall(b *schema.Body, body []byte) Call {
	return Call{Name: strings.TrimPrefix(b.Path, "/v1/"), Method: b.Method, Path: b.Path, Body: body}
}

// solifynProblems are the messages of a NestJS error body, each on its
// field when it names a field of the body sent.
func solifynProblems(x Exchange) []Problem {
	if x.Err != nil || x.Status < 400 {
		return nil
	}
	var body struct {
		Message    json.RawMessage `json:"message"`
		Error      string          `json:"error"`
		StatusCode int             `json:"statusCode"`
	}
	if json.Unmarshal(x.Body, &body) != nil || body.StatusCode == 0 {
		return nil
	}
	var msgs []string
	if json.Unmarshal(body.Message, &msgs) != nil {
		var one string
		if json.Unmarshal(body.Message, &one) != nil {
			return nil
		}
		msgs = []string{one}
	}
	return Messages(body.StatusCode, msgs, bodyFields(x.Request.Path))
}

// Messages are the messages of a NestJS error of status as problems, each
// on its field when it starts with one of fields (class-validator writes
// "productId should not be empty").
func Messages(status int, msgs, fields []string) []Problem {
	out := make([]Problem, len(msgs))
	for i, m := range msgs {
		out[i] = Problem{Code: strconv.Itoa(status), Message: m}
		if first, _, _ := strings.Cut(m, " "); slices.Contains(fields, first) {
			out[i].Path = first
		}
	}
	return out
}

// bodyFields are the fields of the Solifyn body sent to path.
func bodyFields(path string) []string {
	var out []string
	for _, b := range solifyn.Bodies {
		if b.Path == path || strings.TrimPrefix(b.Path, "/v1") == path {
			for _, f := range b.Fields {
				out = append(out, f.Name)
			}
		}
	}
	return out
}

// createdSession is the checkout session a checkout creation made.
func createdSession(x Exchange) (Made, bool) {
	var out solifyn.CheckoutResponse
	if x.Err != nil || x.Status != http.StatusCreated || json.Unmarshal(x.Body, &out) != nil || out.ID == "" {
		return Made{}, false
	}
	return Made{What: "checkout session", ID: out.ID, IDName: "id", URL: out.CheckoutURL, Note: out.SessionID}, true
}

// The actions of the hosted checkout's JSON twin: POST
// solifyn.CheckoutTwinPath + id + "/" + action.
const (
	SessionState    = "" // GET the state
	SessionCustomer = "customer"
	SessionPay      = "pay"
)

// SessionMsg is the hosted checkout's answer about a Solifyn checkout
// session: its state after the call, or why the call was refused.
type SessionMsg struct {
	ID string
	// Action is what was asked (SessionState for a GET).
	Action string
	// Status is the HTTP status; 0 when the request got no answer.
	Status int
	State  *solifyn.CheckoutState
	Err    string
}

// ForVendor names the vendor the session is of.
func (SessionMsg) ForVendor() vendor.ID { return vendor.Solifyn }

// Session returns a command that calls the hosted checkout's JSON twin
// about a session (by its id or session_id): SessionState is a GET, the
// others POST body as JSON.
func (c *Client) Session(id, action string, body any) tea.Cmd {
	return func() tea.Msg {
		path := solifyn.CheckoutTwinPath + url.PathEscape(id)
		r := Request{Method: http.MethodGet, Path: path}
		if action != SessionState {
			b, err := json.Marshal(body)
			if err != nil {
				return SessionMsg{ID: id, Action: action, Err: err.Error()}
			}
			r = jsonRequest(http.MethodPost, path+"/"+action, b)
		}
		x := c.Do(context.Background(), r)
		msg := SessionMsg{ID: id, Action: action, Status: x.Status}
		var st solifyn.CheckoutState
		switch {
		case x.Err != nil || x.Status != http.StatusOK:
			msg.Err = controlError(x)
		case json.Unmarshal(x.Body, &st) != nil:
			msg.Err = "the state is not JSON"
		default:
			msg.State = &st
		}
		return msg
	}
}
