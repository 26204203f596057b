package response

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/ui"
)

// entry is one exchange of the history, with everything the view needs
// computed once, when it arrives: a large body is never formatted again.
type entry struct {
	n    int
	x    client.Exchange
	errs []client.Problem
	// made is what a successful answer made, when Checkout opens it.
	made    *client.Made
	body    []string
	headers []string
	// relogged is set when the call found its session expired and was
	// sent again after a new login.
	relogged bool
}

// newEntry prepares an exchange for display, reading its errors as its
// vendor writes them.
func newEntry(x client.Exchange) *entry {
	e := &entry{x: x, body: ui.Lines(x.Body), headers: ui.HeaderLines(x.Header)}
	if made, ok := client.MadeBy(x); ok {
		for _, s := range []*string{&made.What, &made.ID, &made.URL, &made.Note} {
			*s = ui.Sanitize(*s)
		}
		e.made = &made
	}
	for _, p := range client.Problems(x) {
		e.errs = append(e.errs, client.Problem{Code: ui.Sanitize(p.Code), Message: ui.Sanitize(p.Message), Path: ui.Sanitize(p.Path)})
	}
	return e
}

// paths reports whether an error names a field, to jump to.
func (e *entry) paths() bool {
	for _, er := range e.errs {
		if er.Path != "" {
			return true
		}
	}
	return false
}

// statusText is "400 Bad Request", or the transport error; an error
// answered with a 200, as JSON-RPC answers them, says so.
func (e *entry) statusText() string {
	if e.x.Err != nil {
		return "failed: " + ui.Sanitize(e.x.Err.Error())
	}
	text := fmt.Sprintf("%d %s", e.x.Status, http.StatusText(e.x.Status))
	if len(e.errs) > 0 && e.x.Status < 400 {
		text += " · error"
	}
	return text
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
