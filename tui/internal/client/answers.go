package client

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/flashcart/flashcart/tui/internal/vendor"
)

// Problem is one error of an answer, or of the sandbox's validator, as the
// panes show it.
type Problem struct {
	// Code is the vendor's: "3010", "55201 ORDER_PRODUCTS_EMPTY".
	Code    string
	Message string
	// Path is the field it concerns as the sandbox names it
	// ("products[0].name"); "" for the whole request.
	Path string
}

// Problems returns the errors of an answer, read as its vendor writes
// them.
func Problems(x Exchange) []Problem {
	switch x.Vendor {
	case vendor.TwoCheckout:
		return rpcProblems(x)
	case vendor.Solifyn:
		return solifynProblems(x)
	}
	return noventiqProblems(x)
}

// errorFields are the field paths of X-Sandbox-Error-Fields, "" where an
// error concerns no field.
func errorFields(x Exchange) []string {
	h := x.Header.Get(ErrorFieldsHeader)
	if h == "" {
		return nil
	}
	paths := strings.Split(h, ",")
	for i, p := range paths {
		if p = strings.TrimSpace(p); p == "-" {
			paths[i] = ""
		} else {
			paths[i] = p
		}
	}
	return paths
}

// Made is what a successful answer made that the Checkout pane opens: a
// buy link, an order.
type Made struct {
	// What names it ("buy link", "order"); ID is its id, which the vendor
	// calls IDName ("external_id", "RefNo").
	What, ID, IDName string
	// URL is where its customer opens it; "" for none.
	URL string
	// Note says more of it, such as an order's status.
	Note string
}

// MadeBy returns what a successful exchange made, when it made something
// Checkout opens.
func MadeBy(x Exchange) (Made, bool) {
	switch x.Vendor {
	case vendor.TwoCheckout:
		return placedOrder(x)
	case vendor.Solifyn:
		return createdSession(x)
	}
	if link, id, ok := Link(x); ok {
		return Made{What: "buy link", ID: id, IDName: "external_id", URL: link}, true
	}
	return Made{}, false
}

// controlError is why a call of the sandbox's control API got no 200: the
// transport's error, or the status and the API's error text.
func controlError(x Exchange) string {
	if x.Err != nil {
		return x.Err.Error()
	}
	var e struct {
		Error string `json:"error"`
	}
	if json.Unmarshal(x.Body, &e) != nil || e.Error == "" {
		e.Error = http.StatusText(x.Status)
	}
	return fmt.Sprintf("%d %s", x.Status, e.Error)
}
