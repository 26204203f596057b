package schema

import (
	"bytes"
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strings"
)

// Curl renders a request as a curl command line for a POSIX shell: method
// (left out for a GET without a body), URL, headers in name order, and the
// body, a JSON one compacted to one line; include adds -i to show the
// answer's headers. Go writes header names in canonical form; a name in
// wireNames (such as "AuthorizationJWT") is written as the vendor spells it.
func Curl(method, url string, header http.Header, body []byte, include bool, wireNames ...string) string {
	spelling := map[string]string{}
	for _, n := range wireNames {
		spelling[http.CanonicalHeaderKey(n)] = n
	}
	var b strings.Builder
	b.WriteString("curl -sS")
	if include {
		b.WriteString(" -i")
	}
	if method != http.MethodGet || len(body) > 0 {
		b.WriteString(" -X " + method)
	}
	b.WriteString(" " + shellQuote(url))
	for _, k := range slices.Sorted(maps.Keys(header)) {
		name := k
		if s, ok := spelling[http.CanonicalHeaderKey(k)]; ok {
			name = s
		}
		for _, v := range header[k] {
			b.WriteString(" -H " + shellQuote(name+": "+v))
		}
	}
	if len(body) > 0 {
		var compact bytes.Buffer
		if json.Compact(&compact, body) == nil {
			body = compact.Bytes()
		}
		b.WriteString(" --data-raw " + shellQuote(string(body)))
	}
	return b.String()
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
