package vars

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

func TestRefs(t *testing.T) {
	tests := []struct {
		in   string
		want []Ref
		err  string
	}{
		{"plain", nil, ""},
		{"$${token} is literal", nil, ""},
		{"Bearer ${token}", []Ref{{Name: "token"}}, ""},
		{"${steps.link.body.external_id}", []Ref{{Name: "steps.link.body.external_id", Step: "link", Part: "body", Path: "external_id"}}, ""},
		{"${steps.link.body[0].id}", []Ref{{Name: "steps.link.body[0].id", Step: "link", Part: "body", Path: "[0].id"}}, ""},
		{"${steps.a.status}/${steps.b.headers.Date}", []Ref{{Name: "steps.a.status", Step: "a", Part: "status"}, {Name: "steps.b.headers.Date", Step: "b", Part: "headers", Path: "Date"}}, ""},
		{"${steps.a.body}", []Ref{{Name: "steps.a.body", Step: "a", Part: "body"}}, ""},
		{"${nope}", nil, "unknown variable"},
		{"${token", nil, "unclosed"},
		{"${steps.a b.body}", nil, "not a step id"},
		{"${steps.a.cookies}", nil, "use steps.a.status"},
		{"${steps.a.headers}", nil, "use steps.a.status"},
		{"${steps.a.body.x[y]}", nil, "bad index"},
	}
	for _, tt := range tests {
		got, err := Refs(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Refs(%q) err = %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || len(got) != len(tt.want) {
			t.Errorf("Refs(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("Refs(%q)[%d] = %+v, want %+v", tt.in, i, got[i], tt.want[i])
			}
		}
	}
}

func TestExpand(t *testing.T) {
	var s Scope
	s.Set(Token, "tok")
	var body any
	if err := json.Unmarshal([]byte(`{"external_id":"123","n":7,"errors":[{"error":3010}],"obj":{"a":1}}`), &body); err != nil {
		t.Fatal(err)
	}
	s.Capture("link", &Capture{Status: 200, Header: http.Header{"Date": {"today"}}, Body: body})
	tests := []struct {
		in   string
		want any
		err  string
	}{
		{"Bearer ${token}", "Bearer tok", ""},
		{"${steps.link.body.external_id}", "123", ""},
		{"${steps.link.body.n}", float64(7), ""},
		{"id ${steps.link.body.n}", "id 7", ""},
		{"${steps.link.body.errors[0].error}", float64(3010), ""},
		{"${steps.link.body.errors.0.error}", float64(3010), ""},
		{"${steps.link.body.obj}", map[string]any{"a": float64(1)}, ""},
		{"x${steps.link.body.obj}", `x{"a":1}`, ""},
		{"${steps.link.status}", json.Number("200"), ""},
		{"${steps.link.headers.date}", "today", ""},
		{"$${token}", "${token}", ""},
		{"${password}", nil, "not set"},
		{"${steps.other.body.x}", nil, `step "other" has no response`},
		{"${steps.link.body.missing}", nil, `has no key "missing"`},
		{"${steps.link.body.errors[3]}", nil, "no element 3"},
		{"${steps.link.body.n.x}", nil, "not an object or array"},
		{"${steps.link.headers.X-None}", nil, "no header"},
	}
	for _, tt := range tests {
		got, err := s.Expand(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Expand(%q) err = %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(tt.want)
		if err != nil || string(gj) != string(wj) {
			t.Errorf("Expand(%q) = %s, %v; want %s", tt.in, gj, err, wj)
		}
	}
	if HasRefs("$${x}") || !HasRefs("a ${x}") {
		t.Error("HasRefs misreads escapes")
	}
}
