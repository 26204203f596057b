package ui

import (
	"net/http"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/flashcart/flashcart/tui/internal/styles"
)

func TestLinesColorsIndentedJSON(t *testing.T) {
	lines := Lines([]byte(`{"buy_link":"https://x/\"q\"","n":-1.5e3,"ok":true,"none":null,"a":[]}`))
	plain := make([]string, len(lines))
	for i, l := range lines {
		plain[i] = ansi.Strip(l)
	}
	want := `{
  "buy_link": "https://x/\"q\"",
  "n": -1.5e3,
  "ok": true,
  "none": null,
  "a": []
}`
	if got := strings.Join(plain, "\n"); got != want {
		t.Fatalf("plain:\n%s", got)
	}
	if !strings.HasPrefix(lines[1], "  "+styles.JSONKey+`"buy_link"`) || !strings.Contains(lines[1], styles.JSONString+`"https://x/\"q\""`) {
		t.Errorf("key and string styles: %q", lines[1])
	}
	for i, style := range map[int]string{2: styles.JSONNumber, 3: styles.JSONBool, 4: styles.JSONNull} {
		if !strings.Contains(lines[i], style) {
			t.Errorf("line %d lacks its style: %q", i, lines[i])
		}
	}
}

func TestTextIsMadeSafe(t *testing.T) {
	lines := Lines([]byte("\x1b[2Jhello\tworld\x07\r\nsecond \xff line"))
	if len(lines) != 2 || lines[0] != "�[2Jhello    world�" || lines[1] != "second � line" {
		t.Errorf("lines %q", lines)
	}
	if got := ansi.Strip(Lines(nil)[0]); got != "(empty)" {
		t.Errorf("empty body: %q", got)
	}
	long := Lines([]byte(`"` + strings.Repeat("x", MaxLineWidth+100) + `"`))
	if w := ansi.StringWidth(long[0]); w > MaxLineWidth+40 || !strings.Contains(ansi.Strip(long[0]), "… 102 more columns") {
		t.Errorf("long line: width %d, %q", w, ansi.Strip(long[0])[MaxLineWidth-5:])
	}
}

func TestHeaderLinesSorted(t *testing.T) {
	got := HeaderLines(http.Header{"X-B": {"2", "3"}, "A": {"1\x1b"}})
	if strings.Join(got, "|") != "A: 1�|X-B: 2|X-B: 3" {
		t.Errorf("%q", got)
	}
}
