package response

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/ui"
)

// apiError is one error of a response, with the field it concerns.
type apiError struct {
	Code    int
	Message string
	// Path is the field as the sandbox names it; "" for the whole request.
	Path string
}

// entry is one exchange of the history, with everything the view needs
// computed once, when it arrives: a large body is never formatted again.
type entry struct {
	n    int
	x    client.Exchange
	errs []apiError
	// link and externalID are a successful response's.
	link, externalID string
	body             []string
	headers          []string
}

// newEntry prepares an exchange for display.
func newEntry(x client.Exchange) *entry {
	e := &entry{x: x, body: ui.Lines(x.Body), headers: ui.HeaderLines(x.Header)}
	if link, id, ok := client.Link(x); ok {
		e.link, e.externalID = ui.Sanitize(link), ui.Sanitize(id)
	}
	e.errs = parseErrors(x)
	return e
}

// parseErrors reads the documented error body and pairs each error with
// its field from X-Sandbox-Error-Fields.
func parseErrors(x client.Exchange) []apiError {
	var body struct {
		Errors []struct {
			Error   int    `json:"error"`
			Message string `json:"message"`
		} `json:"errors"`
	}
	if x.Status < 400 || json.Unmarshal(x.Body, &body) != nil {
		return nil
	}
	paths := strings.Split(x.Header.Get(client.ErrorFieldsHeader), ",")
	out := make([]apiError, len(body.Errors))
	for i, e := range body.Errors {
		out[i] = apiError{Code: e.Error, Message: ui.Sanitize(e.Message)}
		if i < len(paths) && paths[i] != "-" {
			out[i].Path = ui.Sanitize(strings.TrimSpace(paths[i]))
		}
	}
	return out
}

// statusText is "400 Bad Request", or the transport error.
func (e *entry) statusText() string {
	if e.x.Err != nil {
		return "failed: " + ui.Sanitize(e.x.Err.Error())
	}
	return fmt.Sprintf("%d %s", e.x.Status, http.StatusText(e.x.Status))
}

// comparable is the text two exchanges are compared on: the request body,
// the status, the response body, all pretty-printed without color.
func (e *entry) comparable() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s\n", e.x.Request.Method, e.x.Request.Path)
	b.WriteString(plain(e.x.Request.Body))
	fmt.Fprintf(&b, "\n→ %s\n", e.statusText())
	b.WriteString(plain(e.x.Body))
	b.WriteString("\n")
	return b.String()
}

func plain(body []byte) string {
	if pretty, ok := ui.Pretty(body); ok {
		return string(pretty)
	}
	return strings.Join(ui.TextLines(string(body)), "\n")
}
