package pagekit

import (
	"html/template"
	"io"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

var vendorFS = fstest.MapFS{
	"t/page.html":  {Data: []byte(`{{define "assets"}}<link rel="stylesheet" href="/a/site.css">{{end}}{{define "page"}}{{template "head" .Title}}<p>{{shout .Text}}</p>{{template "foot"}}{{end}}`)},
	"a/site.css":   {Data: []byte(".own { color: red; }\n")},
	"a/logo.svg":   {Data: []byte("<svg/>")},
	"bad/bad.html": {Data: []byte(`{{define "page"}}{{end}}`)},
}

func TestRender(t *testing.T) {
	p, err := Parse(vendorFS, template.FuncMap{"shout": strings.ToUpper}, "t/*.html")
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	if err := p.Render(rec, 410, "page", map[string]string{"Title": "<T>", "Text": "<b>hi</b>"}); err != nil {
		t.Fatal(err)
	}
	want := "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" +
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
		"<title>&lt;T&gt; · Flashcart checkout</title>\n<link rel=\"stylesheet\" href=\"/a/site.css\">\n</head>\n<body>\n" +
		"<header class=\"top\"><span class=\"brand\">Flashcart</span> <span class=\"sandbox\">sandbox checkout</span></header>\n" +
		"<p>&lt;B&gt;HI&lt;/B&gt;</p>\n<footer class=\"bottom\">A page of the flashcart sandbox: no real payment is ever made.</footer>\n</body>\n</html>\n"
	h := rec.Header()
	if rec.Code != 410 || rec.Body.String() != want || h.Get("Content-Security-Policy") != ContentSecurityPolicy ||
		h.Get("Content-Type") != "text/html; charset=utf-8" || h.Get("X-Content-Type-Options") != "nosniff" ||
		h.Get("Cache-Control") != "no-store" || h.Get("Content-Length") != strconv.Itoa(len(want)) {
		t.Errorf("%d %v\n%q", rec.Code, h, rec.Body.String())
	}
	rec = httptest.NewRecorder()
	if err := p.Render(rec, 200, "nope", nil); err == nil || rec.Body.Len() != 0 || len(rec.Header()) != 0 {
		t.Errorf("an unknown page: %v, wrote %q", err, rec.Body.String())
	}
	if _, err := Parse(vendorFS, nil, "bad/*.html"); err == nil || err.Error() != `pagekit: the templates define no "assets"` {
		t.Errorf("templates without assets: %v", err)
	}
	if _, err := Parse(vendorFS, nil, "none/*.html"); err == nil {
		t.Error("a pattern that matches nothing parsed")
	}
}

func TestAssets(t *testing.T) {
	h := Assets("/a/", vendorFS, "a", "site.css")
	for _, tc := range []struct {
		path   string
		status int
		ctype  string
		body   string
	}{
		{"/a/site.css", 200, "text/css; charset=utf-8", string(Stylesheet([]byte(".own { color: red; }\n")))},
		{"/a/logo.svg", 200, "image/svg+xml", "<svg/>"},
		{"/a/none.js", 404, "text/plain; charset=utf-8", "404 page not found\n"},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", tc.path, nil))
		body, _ := io.ReadAll(rec.Body)
		if rec.Code != tc.status || rec.Header().Get("Content-Type") != tc.ctype || string(body) != tc.body {
			t.Errorf("%s: %d %q %q", tc.path, rec.Code, rec.Header().Get("Content-Type"), body)
		}
	}
	css := string(Stylesheet([]byte(".own { color: red; }\n")))
	if !strings.HasPrefix(css, ":root {") || !strings.HasSuffix(css, "button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }\n.paid { color: var(--good); }\n.unpaid { color: var(--bad); }\n.message h1 { margin-top: 0; }\n.own { color: red; }\n") {
		t.Errorf("stylesheet %q", css)
	}
}
