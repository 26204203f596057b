package client

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strings"
)

// Curl returns a curl command line that sends r to the client's sandbox.
// A JSON body is compacted to one line; anything else is sent as it is.
func (c *Client) Curl(r Request) string {
	var b strings.Builder
	b.WriteString("curl -sS -X ")
	b.WriteString(r.Method)
	b.WriteString(" ")
	b.WriteString(shellQuote(c.URL(r)))
	for _, k := range slices.Sorted(maps.Keys(r.Header)) {
		for _, v := range r.Header[k] {
			b.WriteString(" -H ")
			b.WriteString(shellQuote(k + ": " + v))
		}
	}
	if len(r.Body) > 0 {
		body := r.Body
		var compact bytes.Buffer
		if json.Compact(&compact, body) == nil {
			body = compact.Bytes()
		}
		b.WriteString(" --data-raw ")
		b.WriteString(shellQuote(string(body)))
	}
	return b.String()
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
