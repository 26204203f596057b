package solifyn

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/flashcart/flashcart/sandbox/internal/kit"
)

// parsed is a request body as the vendor's server sees it after Express's
// JSON parser: the members of a top-level object, or a top-level array.
type parsed struct {
	fields map[string]json.RawMessage
	array  bool
}

var emptyBody = &parsed{fields: map[string]json.RawMessage{}}

// readBody is the one body-reading helper of the package. Like Express's
// JSON parser it parses only a body sent as application/json; a request of
// another content type, or with an empty body, has an empty object for a
// body (so it fails validation as if every field were missing). The body
// is read within the sandbox's limit (1 MiB; Express's parser defaults to
// 100 kB, the vendor's setting is not known). Diagnostics go to the
// request's hints.
func readBody(w http.ResponseWriter, r *http.Request) (*parsed, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return emptyBody, nil
	}
	if !kit.IsJSON(r.Header.Get("Content-Type")) {
		if r.ContentLength != 0 {
			kit.Hint(r, "body not parsed: Content-Type is "+quoteOrNone(r.Header.Get("Content-Type"))+", not application/json")
		}
		return emptyBody, nil
	}
	data, err := kit.ReadBody(w, r)
	switch {
	case errors.Is(err, kit.ErrTooBig):
		return nil, ErrPayloadTooLarge
	case err != nil:
		// Express's body reader answers an interrupted body this way.
		kit.Hint(r, "reading the body failed: "+err.Error())
		return nil, BadJSON("request aborted")
	}
	p, f := parseJSON(data)
	if f != nil {
		return nil, f
	}
	return p, nil
}

func quoteOrNone(s string) string {
	if s == "" {
		return "absent"
	}
	return `"` + s + `"`
}

// parseJSON parses a body the way Express's JSON parser does in its
// default strict mode: empty is an empty object; the first non-blank
// character must open an object or an array; anything else, or a syntax
// error, is a 400 whose single message is V8's JSON.parse text.
func parseJSON(data []byte) (*parsed, *Failure) {
	if len(data) == 0 {
		return emptyBody, nil
	}
	if !utf8.Valid(data) {
		return nil, BadJSON(MsgInvalidUTF8)
	}
	start := bytes.IndexFunc(data, func(r rune) bool { return r != ' ' && r != '\t' && r != '\n' && r != '\r' })
	if start < 0 {
		return nil, BadJSON(MsgUnexpectedEnd)
	}
	if c := data[start]; c != '{' && c != '[' {
		return nil, BadJSON(unexpected(data, start))
	}
	var fields map[string]json.RawMessage
	var err error
	if data[start] == '{' {
		err = json.Unmarshal(data, &fields)
	} else {
		err = json.Unmarshal(data, new(json.RawMessage))
	}
	var syn *json.SyntaxError
	switch {
	case err == nil && fields == nil:
		return &parsed{array: true}, nil
	case err == nil:
		return &parsed{fields: fields}, nil
	case errors.As(err, &syn) && syn.Offset > 0 && int(syn.Offset) <= len(data) && syn.Error() != "unexpected end of JSON input":
		return nil, BadJSON(unexpected(data, int(syn.Offset)-1))
	}
	return nil, BadJSON(MsgUnexpectedEnd)
}

// unexpected is V8's message for the token starting at byte i: strings
// and numbers are named, other characters quoted as they are. The
// position counts UTF-16 code units, as JavaScript strings do.
func unexpected(data []byte, i int) string {
	pos := 0
	for _, r := range string(data[:i]) {
		pos += utf16.RuneLen(r)
	}
	r, _ := utf8.DecodeRune(data[i:])
	switch {
	case r == '"':
		return fmt.Sprintf(msgUnexpectedString, pos)
	case r == '-' || (r >= '0' && r <= '9'):
		return fmt.Sprintf(msgUnexpectedNumber, pos)
	}
	return fmt.Sprintf(msgUnexpectedToken, string(r), pos)
}
