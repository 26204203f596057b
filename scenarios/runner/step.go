package runner

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/sandbox/solifyn"
	"github.com/flashcart/flashcart/scenarios"
	"github.com/flashcart/flashcart/scenarios/internal/jsonnode"
	"github.com/flashcart/flashcart/scenarios/internal/match"
	"github.com/flashcart/flashcart/scenarios/internal/vars"
)

// maxResponseBytes bounds what a step reads of a response.
const maxResponseBytes = 8 << 20

// StepResult is how one step went.
type StepResult struct {
	Step   *scenarios.Step
	Status Status
	// Reason says why the step was skipped, errored or could not be sent.
	Reason string
	// Sent is true when the request went out.
	Sent   bool
	Method string
	URL    string
	// Problems are the expectations the response did not meet.
	Problems []match.Problem
	// Diff is a unified diff of the expected against the actual body.
	Diff string
	// Curl is the request as a curl command, secrets replaced by their
	// ${…} names.
	Curl string
	// Hints are the sandbox's X-Sandbox-Hint headers.
	Hints []string
	// Response is what came back, for --update.
	Response *Response
	// Resolve expands the scenario's templates as they stood after the
	// step, for --update.
	Resolve func(string) (any, error)
}

// Response is a step's response.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// exec runs the steps of one scenario.
type exec struct {
	client    *http.Client
	base      string
	flashcart bool
	scope     vars.Scope
	// now reads the clock an rpc_login is dated by.
	now func(context.Context) (time.Time, error)
}

func (x *exec) step(ctx context.Context, st *scenarios.Step) *StepResult {
	res := &StepResult{Step: st, Method: st.Request.Method}
	if st.SandboxOnly() && !x.flashcart {
		res.Status, res.Reason = Skipped, "only a flashcart sandbox can answer "+st.Request.Path
		return res
	}
	if st.RPCLogin != nil {
		skip, err := x.signRPCLogin(ctx, st.RPCLogin)
		switch {
		case err != nil:
			res.Status, res.Reason = Errored, err.Error()
			return res
		case skip != "":
			res.Status, res.Reason = Skipped, skip
			return res
		}
	}
	req, body, err := x.build(ctx, st)
	if err != nil {
		res.Status, res.Reason = Failed, "cannot build the request: "+err.Error()
		return res
	}
	res.URL = req.URL.String()
	res.Curl = x.curl(req, body)
	resp, err := x.client.Do(req)
	if err != nil {
		res.Status, res.Reason = Errored, err.Error()
		return res
	}
	res.Sent = true
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	resp.Body.Close()
	if err != nil {
		res.Status, res.Reason = Errored, "read the response: "+err.Error()
		return res
	}
	res.Response = &Response{Status: resp.StatusCode, Header: resp.Header, Body: raw}
	res.Hints = resp.Header.Values("X-Sandbox-Hint")
	decoded, isJSON := decodeJSON(raw)
	x.scope.Capture(st.ID, &vars.Capture{Status: resp.StatusCode, Header: resp.Header, Body: decoded})
	if st.CapturesToken && resp.StatusCode == http.StatusOK {
		if obj, ok := decoded.(map[string]any); ok {
			if tok, ok := obj["token"].(string); ok {
				x.scope.Set(vars.Token, tok)
			}
		}
	}
	x.captureSession(st, decoded)
	res.Status, res.Resolve = Passed, x.scope.Expand
	if e := st.Expect; e != nil {
		res.Problems, res.Diff = x.check(e, res.Response, decoded, isJSON)
		if len(res.Problems) > 0 {
			res.Status = Failed
		}
	}
	return res
}

// check compares a response with the expectation.
func (x *exec) check(e *scenarios.Expect, resp *Response, body any, isJSON bool) ([]match.Problem, string) {
	var problems []match.Problem
	if e.Status != 0 && e.Status != resp.Status {
		problems = append(problems, match.Problem{Path: "status", Msg: fmt.Sprintf("expected %d, got %d", e.Status, resp.Status)})
	}
	if e.Headers != nil {
		_, p := e.Headers.Match(headerValues(resp.Header), x.scope.Expand, true, "headers")
		problems = append(problems, p...)
	}
	diff := ""
	if e.Signatures != nil {
		problems = append(problems, x.checkSignatures(e.Signatures, resp.Body)...)
	}
	if e.Body != nil {
		if !isJSON {
			return append(problems, match.Problem{Path: "body", Msg: "expected JSON, got " + snippet(resp.Body)}), ""
		}
		view, p := e.Body.Match(body, x.scope.Expand, e.Partial, "body")
		if len(p) > 0 {
			diff = match.Diff(view, body)
		}
		problems = append(problems, p...)
	}
	return problems, diff
}

// headerValues is the response's headers as a JSON object, each header's
// values joined by ", ".
func headerValues(h http.Header) map[string]any {
	out := make(map[string]any, len(h))
	for k, vs := range h {
		out[k] = strings.Join(vs, ", ")
	}
	return out
}

func decodeJSON(raw []byte) (any, bool) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil || dec.More() {
		return nil, false
	}
	return v, true
}

func snippet(b []byte) string {
	if len(b) == 0 {
		return "an empty body"
	}
	if len(b) > 120 {
		return fmt.Sprintf("%q…", b[:120])
	}
	return fmt.Sprintf("%q", b)
}

// build expands the step's templates into an HTTP request.
func (x *exec) build(ctx context.Context, st *scenarios.Step) (*http.Request, []byte, error) {
	r := &st.Request
	path, err := x.scope.ExpandString(r.Path)
	if err != nil {
		return nil, nil, err
	}
	if r.Link != "" {
		link, err := x.scope.ExpandString(r.Link)
		if err != nil {
			return nil, nil, err
		}
		path = strings.Replace(path, scenarios.LinkPlaceholder, url.PathEscape(solifyn.CheckoutIDOf(noventiq.LinkID(link))), 1)
	}
	if len(r.Query) > 0 {
		q := url.Values{}
		for _, p := range r.Query {
			v, err := x.scope.ExpandString(p.Value)
			if err != nil {
				return nil, nil, err
			}
			q.Add(p.Name, v)
		}
		path += "?" + q.Encode()
	}
	var body []byte
	switch {
	case r.Body != nil:
		body, err = jsonnode.ToJSON(r.Body, x.scope.Expand)
	case r.RawBody != nil:
		var s string
		s, err = x.scope.ExpandString(*r.RawBody)
		body = []byte(s)
	}
	if err != nil {
		return nil, nil, err
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, strings.TrimRight(x.base, "/")+path, bytes.NewReader(body))
	if err != nil {
		return nil, nil, err
	}
	if body == nil {
		req.Body, req.ContentLength = http.NoBody, 0
	} else {
		req.Header.Set("Content-Type", "application/json")
	}
	if tok, ok := x.scope.Get(vars.Token); ok && r.Auth {
		req.Header.Set(noventiq.TokenHeader, "Bearer "+tok)
	}
	for _, h := range r.Header {
		req.Header.Del(h.Name)
	}
	for _, h := range r.Header {
		v, err := x.scope.ExpandString(h.Value)
		if err != nil {
			return nil, nil, err
		}
		if v != "" {
			req.Header.Add(h.Name, v)
		}
	}
	return req, body, nil
}
