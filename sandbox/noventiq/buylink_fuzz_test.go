package noventiq

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

// FuzzValidate feeds any body to Decode and Validate: they never panic, and
// answer either a valid request or documented errors with their exact
// messages, a fatal error alone.
func FuzzValidate(f *testing.F) {
	for _, file := range []string{"examples/seed_example_1.json", "examples/seed_example_2.json"} {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	cat := demo(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		m, bad := DecodeBuyLink(body)
		if bad != nil {
			if bad.Code != InvalidJSON {
				t.Fatalf("Decode answered %d", bad.Code)
			}
			checkDocumented(t, []Error{*bad})
			return
		}
		req, errs := ValidateBuyLink(cat, m)
		if (req == nil) == (len(errs) == 0) {
			t.Fatalf("Validate returned a request %v and %d errors", req != nil, len(errs))
		}
		checkDocumented(t, errs)
		if req != nil {
			if _, ok := cat.Page(req.MarketID); !ok || len(req.Products) == 0 {
				t.Fatalf("valid request with market %d and %d products", req.MarketID, len(req.Products))
			}
			if _, err := json.Marshal(req); err != nil {
				t.Fatalf("a valid request does not encode: %v", err)
			}
		}
	})
}

// checkDocumented fails unless every error is in the catalogue with its
// exact message, and a fatal error comes alone.
func checkDocumented(t *testing.T, errs []Error) {
	t.Helper()
	for _, e := range errs {
		entry, ok := LookupError(e.Code)
		if !ok {
			t.Fatalf("undocumented code %d", e.Code)
		}
		want := entry.Message
		if e.Code == InvalidField {
			leaf := strings.TrimSuffix(strings.TrimPrefix(e.Message, "Invalid field value: "), ".")
			if leaf == "" {
				t.Fatalf("3010 without a field name: %q", e.Message)
			}
			want = fmt.Sprintf(entry.Message, leaf)
		}
		if e.Message != want {
			t.Fatalf("code %d with message %q, want %q", e.Code, e.Message, want)
		}
		if entry.Fatal && len(errs) > 1 {
			t.Fatalf("fatal code %d among %d errors", e.Code, len(errs))
		}
	}
}
