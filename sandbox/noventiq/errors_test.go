package noventiq

import (
	"flag"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the error table of docs/noventiq.md from the catalogue")

const (
	tablePage = "../../docs/noventiq.md"
	begin     = "<!-- BEGIN error table: generated from sandbox/noventiq; go test ./sandbox/noventiq -update -->\n"
	end       = "<!-- END error table -->"
)

// TestErrorTableInDocs fails when the error table of docs/noventiq.md and
// the catalogue diverge; -update rewrites the table.
func TestErrorTableInDocs(t *testing.T) {
	raw, err := os.ReadFile(tablePage)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatalf("%s lacks the markers %q … %q", tablePage, begin, end)
	}
	got, want := doc[i+len(begin):j], ErrorTableMarkdown()
	if got == want {
		return
	}
	if *update {
		if err := os.WriteFile(tablePage, []byte(doc[:i+len(begin)]+want+doc[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the error table of %s differs from the catalogue; run go test ./sandbox/noventiq -update\ndocs:\n%s\ncatalogue:\n%s", tablePage, got, want)
}

func TestCatalogue(t *testing.T) {
	if !slices.IsSortedFunc(ErrorCatalogue, func(a, b ErrorEntry) int { return int(a.Code - b.Code) }) {
		t.Fatal("the catalogue is not sorted by code: Lookup needs it sorted")
	}
	for _, e := range ErrorCatalogue {
		got, ok := LookupError(e.Code)
		if !ok || got.Message != e.Message {
			t.Errorf("LookupError(%d) = %+v, %v", e.Code, got, ok)
		}
		wantStatus := http.StatusBadRequest
		if e.Code >= 1007 && e.Code <= 1009 {
			wantStatus = http.StatusUnauthorized
		}
		if e.Status != wantStatus {
			t.Errorf("%d answers %d, want %d", e.Code, e.Status, wantStatus)
		}
		if e.Code != InvalidField && strings.Contains(e.Message, "%") {
			t.Errorf("%d's message holds a format verb", e.Code)
		}
	}
	if _, ok := LookupError(999); ok {
		t.Error("Lookup found an undocumented code")
	}
	if got := FieldError("name", "products[0].name"); got.Message != "Invalid field value: name." || got.Path != "products[0].name" {
		t.Errorf("Field = %+v", got)
	}
	if got := ErrorStatus([]Error{NewError(TokenExpired)}); got != 401 {
		t.Errorf("Status = %d", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("New accepted an undocumented code")
		}
	}()
	NewError(42)
}
