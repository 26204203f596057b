package solifyn

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/flashcart/flashcart/sandbox/schema"
	"github.com/shopspring/decimal"
)

// kind is the JSON type of a body member, as class-validator tells them
// apart.
type kind int

const (
	absent kind = iota
	null
	stringKind
	numberKind
	boolKind
	objectKind
	arrayKind
)

// value is one member of a body, read for validation.
type value struct {
	kind kind
	str  string  // a string's text
	num  float64 // a number as JavaScript holds it (±Inf when out of range)
}

func read(raw json.RawMessage, present bool) value {
	if !present {
		return value{kind: absent}
	}
	switch raw[0] {
	case 'n':
		return value{kind: null}
	case 't', 'f':
		return value{kind: boolKind}
	case '{':
		return value{kind: objectKind}
	case '[':
		return value{kind: arrayKind}
	case '"':
		var s string
		_ = json.Unmarshal(raw, &s) // raw is a valid JSON string
		return value{kind: stringKind, str: s}
	}
	f, _ := strconv.ParseFloat(string(raw), 64) // out of range gives ±Inf, as in JavaScript
	return value{kind: numberKind, num: f}
}

func (v value) finite() bool { return v.kind == numberKind && !math.IsInf(v.num, 0) }

// validate checks a body against its table and returns the ValidationPipe's
// error, or nil. Like class-validator it reports every failing rule of
// every field: fields in the table's order; an optional field that is
// absent or null is skipped (IsOptional); unknown members are ignored (the
// pipe does not forbid them). A top-level array is not a DTO, which
// class-validator refuses as an unknown value.
func validate(b *schema.Body, p *parsed) *ValidationError {
	if p.array {
		return &ValidationError{Messages: []string{msgUnknownValue}}
	}
	var msgs []string
	for _, f := range b.Fields {
		raw, ok := p.fields[f.Name]
		msgs = append(msgs, fieldMessages(f, read(raw, ok))...)
	}
	if len(msgs) == 0 {
		return nil
	}
	return &ValidationError{Messages: msgs}
}

// fieldMessages returns the messages of one field's failing rules.
// class-validator reports a property's constraints in the reverse order of
// its decorators; the sandbox presumes the DTOs stack them as NestJS code
// usually does — type, IsNotEmpty, format, MaxLength, Min — so they are
// reported Min first and the type last. Each rule fails on a value of
// another JSON type, as class-validator's do.
func fieldMessages(f *schema.Field, v value) []string {
	if !f.Required && (v.kind == absent || v.kind == null) {
		return nil
	}
	var out []string
	fail := func(format string, args ...any) {
		out = append(out, fmt.Sprintf(format, append([]any{f.Name}, args...)...))
	}
	if f.Minimum != nil && !(v.kind == numberKind && v.num >= *f.Minimum) {
		fail(msgMin, jsNumber(*f.Minimum))
	}
	if f.Maximum != nil && !(v.kind == numberKind && v.num <= *f.Maximum) {
		fail(msgMax, jsNumber(*f.Maximum))
	}
	if f.MaxLength > 0 && !(v.kind == stringKind && utf8.RuneCountInString(v.str) <= f.MaxLength) {
		fail(msgMaxLength, f.MaxLength)
	}
	if f.Format == "email" && !(v.kind == stringKind && isEmail(v.str)) {
		fail(msgEmail)
	}
	if f.Required && (v.kind == absent || v.kind == null || (v.kind == stringKind && v.str == "")) {
		fail(msgNotEmpty)
	}
	switch {
	case f.Type == schema.String && v.kind != stringKind:
		fail(msgString)
	case f.Type == schema.Integer && !(v.finite() && math.Trunc(v.num) == v.num):
		fail(msgInt)
	case f.Type == schema.Number && !v.finite():
		fail(msgNumber)
	case f.Type == schema.Boolean && v.kind != boolKind:
		fail(msgBoolean)
	case f.Type == schema.Object && v.kind != objectKind:
		fail(msgObject)
	}
	return out
}

// jsNumber writes a bound as JavaScript prints a number.
func jsNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// The parts of an address, as validator.js's isEmail checks them with its
// default options (ASCII and UTF-8 letters; quoted local parts and IP
// domains are not accepted, which validator.js also refuses by default).
var (
	emailLocalRE = regexp.MustCompile("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u00a1-\uffff-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u00a1-\uffff-]+)*$")
	domainLabel  = regexp.MustCompile(`^[A-Za-z0-9\x{a1}-\x{ffff}]([A-Za-z0-9\x{a1}-\x{ffff}-]*[A-Za-z0-9\x{a1}-\x{ffff}])?$`)
	tldRE        = regexp.MustCompile(`^([A-Za-z\x{a1}-\x{ffff}]{2,}|xn--[A-Za-z0-9-]{2,})$`)
)

// isEmail reports whether s is an address validator.js's isEmail accepts.
func isEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || len(s) > 254 {
		return false
	}
	local, domain := s[:at], s[at+1:]
	if len(local) > 64 || !emailLocalRE.MatchString(local) {
		return false
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 || !tldRE.MatchString(labels[len(labels)-1]) {
		return false
	}
	for _, l := range labels {
		if len(l) > 63 || !domainLabel.MatchString(l) {
			return false
		}
	}
	return true
}

// The readers of validated members; each reads a member its table rule has
// already checked, so a wrong type cannot reach them.

func stringOf(p *parsed, name string) string {
	raw, ok := p.fields[name]
	return read(raw, ok).str
}

// optional returns a validated optional member, or nil when absent or null.
func optional(p *parsed, name string) json.RawMessage {
	raw, ok := p.fields[name]
	if !ok || raw[0] == 'n' {
		return nil
	}
	return raw
}

// decimalOf reads a validated number as the vendor's JavaScript server
// holds it — a float64, taken at its shortest decimal form ("7.5") — so
// that the number means what it means there, and its exponent stays
// within float64's range however the JSON writes it (1e-999999999 is 0).
// ok is false when the member is absent or null.
func decimalOf(p *parsed, name string) (decimal.Decimal, bool) {
	raw, ok := p.fields[name]
	v := read(raw, ok)
	if v.kind != numberKind {
		return decimal.Decimal{}, false
	}
	return decimal.NewFromFloat(v.num), true
}
