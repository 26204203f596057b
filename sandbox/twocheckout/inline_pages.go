package twocheckout

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
)

// The InLine cart's pages (the overlay and the demo merchant page) and
// assets (the client, the overlay's script and stylesheet, the demo's
// script), embedded. The render helper and the security headers are what a
// shared page kit will hold.

//go:embed inline
var inlineFS embed.FS

var inlineTemplates = template.Must(template.New("").Funcs(template.FuncMap{
	"shown": shownFields,
	"input": func(prefix string, f InlineFieldView) fieldInput { return fieldInput{Name: prefix + f.Code, Field: f} },
}).ParseFS(inlineFS, "inline/*.html"))

// fieldInput is an additional field's input in the overlay's form.
type fieldInput struct {
	Name  string
	Field InlineFieldView
}

// Text is the field's value as text; Checked a CHECKBOX's.
func (f fieldInput) Text() string { s, _ := f.Field.Value.(string); return s }

// Checked reports whether a CHECKBOX is ticked.
func (f fieldInput) Checked() bool { b, _ := f.Field.Value.(bool); return b }

// shownFields are the fields the shopper sees: all but HIDDEN ones.
func shownFields(fields []InlineFieldView) []InlineFieldView {
	var out []InlineFieldView
	for _, f := range fields {
		if f.Type != "HIDDEN" {
			out = append(out, f)
		}
	}
	return out
}

// The pages' Content-Security-Policy: nothing loads from outside the
// sandbox. The overlay is framed by the merchant's page, wherever it is;
// the demo page frames the overlay and is framed by nobody (its icon is a
// data: URL, so that the browser asks for no favicon).
const (
	overlayCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors *"
	demoCSP    = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)

// render writes the named page with its status and the pages' headers.
func render(w http.ResponseWriter, status int, name, csp string, data any) error {
	var buf bytes.Buffer
	if err := inlineTemplates.ExecuteTemplate(&buf, name, data); err != nil {
		return fmt.Errorf("twocheckout: render %s: %w", name, err)
	}
	h := w.Header()
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	writeBody(w, status, "text/html; charset=utf-8", buf.Bytes())
	return nil
}

// asset serves an embedded file of inline/ with its content type.
func asset(name, contentType string) http.Handler {
	body, err := inlineFS.ReadFile("inline/" + name)
	if err != nil {
		panic(err)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "no-cache")
		writeBody(w, http.StatusOK, contentType, body)
	})
}

func writeBody(w http.ResponseWriter, status int, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
