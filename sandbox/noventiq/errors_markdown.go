package noventiq

import (
	"fmt"
	"net/http"
	"strings"
)

// Markdown renders the catalogue as the README's error table.
func ErrorTableMarkdown() string {
	var b strings.Builder
	b.WriteString("| code | HTTP | message | answered | when |\n|---|---|---|---|---|\n")
	for _, e := range ErrorCatalogue {
		kind := "with the others found"
		if e.Fatal {
			kind = "alone"
		}
		msg := e.Message
		if e.Code == InvalidField {
			msg = fmt.Sprintf(msg, "<field>")
		}
		fmt.Fprintf(&b, "| %d | %d %s | `%s` | %s | %s |\n", e.Code, e.Status, http.StatusText(e.Status), msg, kind, e.Meaning)
	}
	return b.String()
}
