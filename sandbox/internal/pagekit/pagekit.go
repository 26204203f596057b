// Package pagekit is what the vendors' customer pages share: the base
// layout (the "head" and "foot" templates every page opens and closes
// with), the base stylesheet, the security headers and the render helper.
// Each vendor keeps its own templates and files; they are rendered from
// html/template, so request-provided text is escaped, and everything they
// load is embedded and served by the sandbox.
package pagekit

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

//go:embed layout.html base.css
var files embed.FS

// ContentSecurityPolicy keeps the pages to their own scripts and styles;
// pictures may come from https (they live on the integrator's side and are
// loaded by the browser, never by the sandbox).
const ContentSecurityPolicy = "default-src 'self'; img-src 'self' https: data:; script-src 'self'; style-src 'self'; form-action 'self'; frame-ancestors 'none'"

// Pages are one vendor's page templates over the shared layout.
type Pages struct {
	t *template.Template
}

// Parse reads a vendor's templates, the files of fsys matching patterns,
// over the shared layout; funcs may be used in them. The vendor's
// templates must define "assets": what the head loads (its stylesheet,
// its script).
func Parse(fsys fs.FS, funcs template.FuncMap, patterns ...string) (*Pages, error) {
	t, err := template.New("").Funcs(funcs).ParseFS(files, "layout.html")
	if err == nil {
		t, err = t.ParseFS(fsys, patterns...)
	}
	if err != nil {
		return nil, fmt.Errorf("pagekit: %w", err)
	}
	if t.Lookup("assets") == nil {
		return nil, fmt.Errorf("pagekit: the templates define no \"assets\"")
	}
	return &Pages{t: t}, nil
}

// Must returns p, or panics on err: for templates embedded in the binary,
// which a test parses.
func Must(p *Pages, err error) *Pages {
	if err != nil {
		panic(err)
	}
	return p
}

// Render writes the named page with its status and the security headers;
// nothing is written when the template fails.
func (p *Pages) Render(w http.ResponseWriter, status int, name string, data any) error {
	var buf bytes.Buffer
	if err := p.t.ExecuteTemplate(&buf, name, data); err != nil {
		return fmt.Errorf("pages: render %s: %w", name, err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", ContentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// Stylesheet returns the base stylesheet followed by own, the vendor's.
func Stylesheet(own []byte) []byte {
	base, _ := files.ReadFile("base.css") // embedded
	return append(base, own...)
}

// Assets serves the files of the folder dir of fsys under prefix (such as
// "/assets/"); the file named stylesheet is served as Stylesheet of it, so
// that the pages load one stylesheet. A missing file is 404. It panics
// when the stylesheet is missing: the files are embedded, and a test
// serves them.
func Assets(prefix string, fsys fs.FS, dir, stylesheet string) http.Handler {
	fsys, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(fmt.Sprintf("pagekit: the folder %s: %v", dir, err))
	}
	own, err := fs.ReadFile(fsys, stylesheet)
	if err != nil {
		panic(fmt.Sprintf("pagekit: the stylesheet %s: %v", stylesheet, err))
	}
	css := Stylesheet(own)
	serveFiles := http.StripPrefix(prefix, http.FileServerFS(fsys))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if path.Clean(strings.TrimPrefix(r.URL.Path, prefix)) == stylesheet {
			http.ServeContent(w, r, stylesheet, time.Time{}, bytes.NewReader(css))
			return
		}
		serveFiles.ServeHTTP(w, r)
	})
}
