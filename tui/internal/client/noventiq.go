package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	tea "charm.land/bubbletea/v2"

	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

// Noventiq's paths and header the workbench uses.
const (
	LoginPath   = noventiq.LoginPath
	BuyLinkPath = noventiq.BuyLinkPath
	TokenHeader = noventiq.TokenHeader
)

// BuyLink returns the generate_buy_link request for body, authorized with
// token.
func BuyLink(token string, body []byte) Request {
	return withToken(jsonRequest(http.MethodPost, BuyLinkPath, body), token)
}

// withToken authorizes a Noventiq request with token, when there is one.
func withToken(r Request, token string) Request {
	if token != "" {
		r.Header[TokenHeader] = []string{"Bearer " + token} // the vendor's spelling, not canonicalized
	}
	return r
}

// BuyLinkCall is the Call of generate_buy_link with body.
func BuyLinkCall(body []byte) Call {
	return Call{Name: noventiq.BuyLinkFields.Name, Method: http.MethodPost, Path: BuyLinkPath, Body: body}
}

// Login returns a command that logs in to Noventiq with login_check.
func (c *Client) Login(username, password string) tea.Cmd {
	return func() tea.Msg {
		body, _ := json.Marshal(map[string]string{"username": username, "password": password})
		x := c.Do(context.Background(), jsonRequest(http.MethodPost, LoginPath, body))
		tok, err := token(x)
		if err != nil {
			return LoginFailedMsg{Vendor: vendor.Noventiq, Account: username, Err: err}
		}
		return LoggedInMsg{Vendor: vendor.Noventiq, Account: username, Token: tok}
	}
}

func token(x Exchange) (string, error) {
	if x.Err != nil {
		return "", x.Err
	}
	if x.Status != http.StatusOK {
		return "", fmt.Errorf("login_check answered %d: %s", x.Status, bytes.TrimSpace(x.Body))
	}
	var out struct {
		Token string `json:"token"`
	}
	if err := json.Unmarshal(x.Body, &out); err != nil || out.Token == "" {
		return "", errors.New("login_check answered without a token")
	}
	return out.Token, nil
}

// Link returns the buy link and external id of a successful
// generate_buy_link exchange.
func Link(x Exchange) (buyLink, externalID string, ok bool) {
	var out struct {
		BuyLink    string `json:"buy_link"`
		ExternalID string `json:"external_id"`
	}
	if x.Err != nil || x.Status != http.StatusOK || json.Unmarshal(x.Body, &out) != nil || out.ExternalID == "" {
		return "", "", false
	}
	return out.BuyLink, out.ExternalID, true
}

// noventiqProblems reads the documented error body and pairs each error
// with its field from X-Sandbox-Error-Fields.
func noventiqProblems(x Exchange) []Problem {
	var body struct {
		Errors []struct {
			Error   int    `json:"error"`
			Message string `json:"message"`
		} `json:"errors"`
	}
	if x.Status < 400 || json.Unmarshal(x.Body, &body) != nil {
		return nil
	}
	paths := errorFields(x)
	out := make([]Problem, len(body.Errors))
	for i, e := range body.Errors {
		out[i] = Problem{Code: fmt.Sprint(e.Error), Message: e.Message}
		if i < len(paths) {
			out[i].Path = paths[i]
		}
	}
	return out
}
