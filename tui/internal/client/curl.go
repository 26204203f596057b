package client

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/sandbox/schema"
)

// Curl returns a curl command line that sends r to the client's sandbox.
// A JSON body is compacted to one line; anything else is sent as it is.
func (c *Client) Curl(r Request) string {
	return schema.Curl(r.Method, c.URL(r), r.Header, r.Body, false, noventiq.TokenHeader)
}

// CurlLines lays a curl command out for a terminal width columns wide,
// so that a mouse copy of the lines is the same command: the URL first,
// then each header and the body on a line of its own, each line but the
// last ending in " \"; a word too wide for its line goes on over the next
// lines as quoted pieces that the shell joins into one word again (a
// backslash-newline between them, and no indentation).
func CurlLines(cmd string, width int) []string {
	width = max(width, 16)
	fits := func(s string) bool { return ansi.StringWidth(s)+2 <= width } // room for " \"
	var lines []string
	line := ""
	for i, g := range groups(Words(cmd)) {
		if i > 0 {
			lines = append(lines, line+` \`)
			line = "  "
		}
		for j, w := range g {
			word := shellWord(w)
			switch {
			case j == 0 && fits(line+word):
				line += word
				continue
			case j > 0 && fits(line+" "+word):
				line += " " + word
				continue
			case j > 0 && fits("  "+word):
				lines = append(lines, line+` \`)
				line = "  " + word
				continue
			case j > 0:
				line += " "
			}
			for rest := []rune(w); len(rest) > 0; {
				n := 1
				for n < len(rest) && fits(line+shellQuote(string(rest[:n+1]))) {
					n++
				}
				line += shellQuote(string(rest[:n]))
				if rest = rest[n:]; len(rest) > 0 {
					lines = append(lines, line+`\`)
					line = ""
				}
			}
		}
	}
	return append(lines, line)
}

// groups splits a command's words into lines: what comes before the first
// header or body, then each -H or --data-raw with its argument.
func groups(words []string) [][]string {
	var out [][]string
	for i, w := range words {
		if i == 0 || (w == "-H" || w == "--data-raw") {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], w)
	}
	return out
}

// shellWord writes w as a shell word: as it is when nothing in it is
// special to the shell, else quoted.
func shellWord(w string) string {
	if w != "" && !strings.ContainsFunc(w, func(r rune) bool { return !strings.ContainsRune(safeChars, r) }) {
		return w
	}
	return shellQuote(w)
}

// safeChars need no quoting.
const safeChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=+,@%"

// shellQuote quotes s for a POSIX shell, as schema.Curl does.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// Words splits a command line as a POSIX shell does, for the quoting
// schema.Curl writes: words apart at spaces, single quotes, backslash
// escapes and backslash-newlines; it returns each word's value.
func Words(cmd string) []string {
	var out []string
	var w strings.Builder
	inWord, quoted := false, false
	for i := 0; i < len(cmd); i++ {
		c := cmd[i]
		switch {
		case quoted && c == '\'':
			quoted = false
		case quoted:
			w.WriteByte(c)
		case c == '\\' && i+1 < len(cmd) && cmd[i+1] == '\n':
			i++
		case c == '\\' && i+1 < len(cmd):
			i++
			w.WriteByte(cmd[i])
			inWord = true
		case c == '\'':
			quoted, inWord = true, true
		case c == ' ' || c == '\n' || c == '\t':
			if inWord {
				out = append(out, w.String())
				w.Reset()
				inWord = false
			}
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		out = append(out, w.String())
	}
	return out
}
