package twocheckout

import (
	"fmt"
	"strings"

	"github.com/flashcart/flashcart/sandbox/schema"
)

// ErrorTableMarkdown renders the catalogue as the error table of
// docs/twocheckout.md: numeric code, string code, message (a %s shown as
// <value>), whether the vendor documents it, and when the sandbox answers it.
func ErrorTableMarkdown() string {
	var b strings.Builder
	b.WriteString("| code | error_code | message | source | answered when |\n|---|---|---|---|---|\n")
	for _, e := range catalogue {
		source := "vendor"
		switch {
		case e.Invented:
			source = "sandbox"
		case Unanswered[e.ID]:
			source = "vendor, never answered"
		}
		fmt.Fprintf(&b, "| %d | `%s` | `%s` | %s | %s |\n", e.Code, e.ErrorCode, strings.ReplaceAll(e.Message, "%s", "<value>"), source, cell(e.Meaning))
	}
	return b.String()
}

// MethodsMarkdown renders every method by topic, as docs/twocheckout.md
// lists them: its positional parameters and what it answers, then the
// rules of the fields inside its object parameters.
func MethodsMarkdown() string {
	var b strings.Builder
	for _, g := range methodGroups {
		fmt.Fprintf(&b, "### %s\n\n", g.title)
		for _, m := range g.methods {
			body := m.body
			names := make([]string, len(body.Fields))
			for i, f := range body.Fields {
				names[i] = f.Name
			}
			fmt.Fprintf(&b, "#### `%s(%s)`\n\n%s\n\n", body.Name, strings.Join(names, ", "), body.Doc)
			b.WriteString("| # | parameter | type | required | rules | notes |\n|---|---|---|---|---|---|\n")
			for i, f := range body.Fields {
				fmt.Fprintf(&b, "| %d | `%s` | %s | %s | %s | %s |\n", i, f.Name, typeOf(f), required(f), rules(f), cell(f.Doc))
			}
			b.WriteString("\n")
			for _, f := range body.Fields {
				nested(&b, f)
			}
		}
	}
	return b.String()
}

// nested lists the fields inside an object parameter that carry a rule or
// a note; the others are the reference object's, taken as they come.
func nested(b *strings.Builder, param *schema.Field) {
	var rows []string
	var walk func(prefix string, fields []*schema.Field)
	walk = func(prefix string, fields []*schema.Field) {
		for _, f := range fields {
			path := prefix + f.Name
			if f.Required || rules(f) != "" || f.Doc != "" {
				rows = append(rows, fmt.Sprintf("| `%s` | %s | %s | %s | %s |", path, typeOf(f), required(f), rules(f), cell(f.Doc)))
			}
			if f.Type == schema.Array {
				path += "[]"
			}
			walk(path+".", f.Fields)
		}
	}
	walk("", param.Fields)
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(b, "<details><summary>Fields of <code>%s</code> with rules</summary>\n\n", param.Name)
	b.WriteString("| field | type | required | rules | notes |\n|---|---|---|---|---|\n")
	b.WriteString(strings.Join(rows, "\n"))
	b.WriteString("\n\n</details>\n\n")
}

func typeOf(f *schema.Field) string {
	t := string(f.Type)
	if f.Type == schema.Array && f.Items != nil {
		t = "array of " + string(f.Items.Type)
	}
	if f.Type == schema.Array && f.Fields != nil {
		t = "array of object"
	}
	if f.Nullable && !f.Required {
		t += " or null"
	}
	return t
}

func required(f *schema.Field) string {
	if f.Required {
		return "yes"
	}
	return "no"
}

// rules writes a field's enum, format, bounds, length and default.
func rules(f *schema.Field) string {
	var r []string
	if len(f.Enum) > 0 {
		r = append(r, "one of "+strings.Join(f.Enum, ", "))
	}
	if f.Format != "" {
		r = append(r, f.Format)
	}
	switch {
	case f.Minimum != nil && f.Maximum != nil:
		r = append(r, fmt.Sprintf("%g to %g", *f.Minimum, *f.Maximum))
	case f.Minimum != nil:
		r = append(r, fmt.Sprintf("at least %g", *f.Minimum))
	case f.Maximum != nil:
		r = append(r, fmt.Sprintf("at most %g", *f.Maximum))
	}
	if f.MaxLength > 0 {
		r = append(r, fmt.Sprintf("at most %d characters", f.MaxLength))
	}
	if f.Default != "" {
		r = append(r, "default "+f.Default)
	}
	return cell(strings.Join(r, "; "))
}

// cell escapes a table cell.
func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// InlineErrorTableMarkdown renders the InLine cart's own error codes, as
// docs/twocheckout.md lists them.
func InlineErrorTableMarkdown() string {
	var b strings.Builder
	b.WriteString("| error_code | message | answered when |\n|---|---|---|\n")
	for _, c := range InlineCodes {
		fmt.Fprintf(&b, "| `%s` | `%s` | %s |\n", c.Code, strings.ReplaceAll(c.Message, "%s", "<value>"), cell(c.Meaning))
	}
	return b.String()
}
