package ui

import (
	"bytes"
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/flashcart/flashcart/tui/internal/styles"
)

// MaxLineWidth is the widest line kept; longer lines are cut and say how
// much was left out.
const MaxLineWidth = 4096

// Lines returns body as display lines: colored, indented JSON when the body
// is JSON, otherwise its text.
func Lines(body []byte) []string {
	if len(body) == 0 {
		return []string{styles.Hint.Render("(empty)")}
	}
	if pretty, ok := Pretty(body); ok {
		return colorLines(pretty)
	}
	return TextLines(string(body))
}

// Pretty indents a JSON body by two spaces; ok is false when body is not
// JSON.
func Pretty(body []byte) (pretty []byte, ok bool) {
	var buf bytes.Buffer
	if len(bytes.TrimSpace(body)) == 0 || json.Indent(&buf, body, "", "  ") != nil {
		return nil, false
	}
	return buf.Bytes(), true
}

// TextLines splits text into sanitized, width-capped lines.
func TextLines(text string) []string {
	raw := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	out := make([]string, len(raw))
	for i, l := range raw {
		out[i] = capWidth(Sanitize(l))
	}
	return out
}

// Sanitize makes control characters and invalid UTF-8 visible as '�' and
// expands tabs, so that text cannot move the cursor or restyle the
// terminal.
func Sanitize(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || r < 0x20 || (r >= 0x7f && r < 0xa0) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t':
			b.WriteString("    ")
		case r == utf8.RuneError || r < 0x20 || (r >= 0x7f && r < 0xa0):
			b.WriteRune('�')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// capWidth cuts a line wider than MaxLineWidth.
func capWidth(line string) string {
	if len(line) <= MaxLineWidth {
		return line // fewer bytes than columns: cannot be too wide
	}
	w := ansi.StringWidth(line)
	if w <= MaxLineWidth {
		return line
	}
	return ansi.Truncate(line, MaxLineWidth, "") + ansi.ResetStyle + styles.Hint.Render(" … "+strconv.Itoa(w-MaxLineWidth)+" more columns")
}

// colorLines colors indented JSON line by line. The input is the output of
// json.Indent: valid JSON, no raw control characters.
func colorLines(pretty []byte) []string {
	n := bytes.Count(pretty, []byte{'\n'}) + 1
	out := make([]string, 0, n)
	var b strings.Builder
	for len(pretty) > 0 {
		line := pretty
		if i := bytes.IndexByte(pretty, '\n'); i >= 0 {
			line, pretty = pretty[:i], pretty[i+1:]
		} else {
			pretty = nil
		}
		b.Reset()
		colorLine(&b, line)
		out = append(out, capWidth(b.String()))
	}
	return out
}

func colorLine(b *strings.Builder, line []byte) {
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == '"':
			j := stringEnd(line, i)
			style := styles.JSONString
			if k := skipSpace(line, j); k < len(line) && line[k] == ':' {
				style = styles.JSONKey
			}
			writeStyled(b, style, line[i:j])
			i = j
		case c == '-' || (c >= '0' && c <= '9'):
			j := i + 1
			for j < len(line) && bytes.IndexByte([]byte("0123456789.eE+-"), line[j]) >= 0 {
				j++
			}
			writeStyled(b, styles.JSONNumber, line[i:j])
			i = j
		case c == 't' || c == 'f' || c == 'n':
			j := i
			for j < len(line) && line[j] >= 'a' && line[j] <= 'z' {
				j++
			}
			style := styles.JSONBool
			if c == 'n' {
				style = styles.JSONNull
			}
			writeStyled(b, style, line[i:j])
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
}

func writeStyled(b *strings.Builder, seq string, tok []byte) {
	b.WriteString(seq)
	b.Write(tok)
	b.WriteString(ansi.ResetStyle)
}

// stringEnd returns the index just past the string starting at i.
func stringEnd(line []byte, i int) int {
	for j := i + 1; j < len(line); j++ {
		switch line[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(line)
}

func skipSpace(line []byte, i int) int {
	for i < len(line) && line[i] == ' ' {
		i++
	}
	return i
}

// HeaderLines lists headers as "Name: value" lines, sorted by name.
func HeaderLines(h http.Header) []string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(h)) {
		for _, v := range h[k] {
			out = append(out, capWidth(Sanitize(k+": "+v)))
		}
	}
	return out
}

// DiffLines turns a unified diff into display lines: added lines green,
// removed ones red, hunk headers cyan.
func DiffLines(d string) []string {
	lines := TextLines(strings.TrimSuffix(d, "\n"))
	for i, l := range lines {
		switch {
		case strings.HasPrefix(l, "+"):
			lines[i] = styles.DiffAdd.Render(l)
		case strings.HasPrefix(l, "-"):
			lines[i] = styles.DiffDel.Render(l)
		case strings.HasPrefix(l, "@@"):
			lines[i] = styles.DiffHunk.Render(l)
		}
	}
	return lines
}
