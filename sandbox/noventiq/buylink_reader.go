package noventiq

import (
	"encoding/json"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/flashcart/flashcart/internal/money"
	"github.com/shopspring/decimal"
)

// state tells what a field read found.
type state int

const (
	absent  state = iota // not sent
	invalid              // sent but wrong; the error is recorded
	valid                // sent and good
)

// checker collects the errors of one request in the order they are found.
type checker struct {
	errs []Error
}

func (c *checker) add(e Error) { c.errs = append(c.errs, e) }

func (c *checker) field(leaf, path string) { c.add(FieldError(leaf, path)) }

// object reads the fields of one JSON object in the order the reference
// lists them, remembering which keys it read so that the rest can be
// reported as unknown.
type object struct {
	c    *checker
	path string
	m    map[string]any
	// read lists the keys read so far (an object has a dozen at most);
	// found counts those present in m.
	read    []string
	found   int
	readBuf [16]string
}

func newObject(c *checker, path string, m map[string]any) *object {
	o := &object{c: c, path: path, m: m}
	o.read = o.readBuf[:0]
	return o
}

func (o *object) at(key string) string {
	if o.path == "" {
		return key
	}
	return o.path + "." + key
}

// get returns the raw value of key; a missing required key and a null are
// recorded as 3010.
func (o *object) get(key string, required bool) (any, state) {
	o.read = append(o.read, key)
	v, ok := o.m[key]
	if ok {
		o.found++
	}
	switch {
	case !ok && required:
		o.c.field(key, o.at(key))
		return nil, invalid
	case !ok:
		return nil, absent
	case v == nil:
		o.c.field(key, o.at(key))
		return nil, invalid
	}
	return v, valid
}

// fail records a 3010 for key and reports the field invalid.
func (o *object) fail(key string) state {
	o.c.field(key, o.at(key))
	return invalid
}

// unknown records a 3010 for every key that was not read, in name order;
// an empty key is named "" so that the message still names a field.
func (o *object) unknown() {
	if o.found == len(o.m) {
		return // every key present was read
	}
	for _, k := range slices.Sorted(maps.Keys(o.m)) {
		if !slices.Contains(o.read, k) {
			if k == "" {
				k = `""`
			}
			o.c.field(k, o.at(k))
		}
	}
}

// str reads a string of at most max characters (0: no limit); required
// strings must not be empty.
func (o *object) str(key string, required bool, max int) (string, state) {
	v, st := o.get(key, required)
	if st != valid {
		return "", st
	}
	s, ok := v.(string)
	if !ok || (required && s == "") || (max > 0 && utf8.RuneCountInString(s) > max) {
		return "", o.fail(key)
	}
	return s, valid
}

// optStr reads an optional string into a pointer, nil when not sent.
func (o *object) optStr(key string, max int) (*string, state) {
	s, st := o.str(key, false, max)
	if st != valid {
		return nil, st
	}
	return &s, valid
}

func (o *object) boolean(key string) (*bool, state) {
	v, st := o.get(key, false)
	if st != valid {
		return nil, st
	}
	b, ok := v.(bool)
	if !ok {
		return nil, o.fail(key)
	}
	return &b, valid
}

// positive reports whether s is a positive decimal integer of at most
// maxDigits digits, without sign, leading zero, fraction or exponent.
func positive(s string, maxDigits int) bool {
	if s == "" || len(s) > maxDigits || s[0] == '0' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// integer reads a JSON number holding a positive integer of at most
// maxDigits digits.
func (o *object) integer(key string, required bool, maxDigits int) (int64, state) {
	v, st := o.get(key, required)
	if st != valid {
		return 0, st
	}
	n, ok := v.(json.Number)
	if !ok || !positive(string(n), maxDigits) {
		return 0, o.fail(key)
	}
	i, err := strconv.ParseInt(string(n), 10, 64)
	if err != nil {
		return 0, o.fail(key)
	}
	return i, valid
}

// id reads an original product or checkout page id: up to 18 digits.
func (o *object) id(key string, required bool) (int64, state) {
	return o.integer(key, required, 18)
}

// quantity reads a product quantity: 1 to 999999.
func (o *object) quantity(key string) (int, state) {
	n, st := o.integer(key, true, 6)
	return int(n), st
}

// percentRE is discount_percent's form: at most six fractional digits, no
// exponent.
var percentRE = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]{1,6})?$`)

// price reads a price string such as "30.00".
func (o *object) price(key string, required bool) (decimal.Decimal, state) {
	v, st := o.get(key, required)
	if st != valid {
		return decimal.Decimal{}, st
	}
	s, ok := v.(string)
	if !ok {
		return decimal.Decimal{}, o.fail(key)
	}
	d, ok := money.Parse(s)
	if !ok {
		return decimal.Decimal{}, o.fail(key)
	}
	return d, valid
}

func (o *object) optPrice(key string) (*decimal.Decimal, state) {
	d, st := o.price(key, false)
	if st != valid {
		return nil, st
	}
	return &d, valid
}

// percent reads discount_percent: a JSON number with at most six
// fractional digits; outside 0 < d ≤ 100 it is 3030.
func (o *object) percent(key string) (*decimal.Decimal, state) {
	v, st := o.get(key, false)
	if st != valid {
		return nil, st
	}
	n, ok := v.(json.Number)
	if !ok || !percentRE.MatchString(string(n)) {
		return nil, o.fail(key)
	}
	d, err := decimal.NewFromString(string(n))
	if err != nil {
		return nil, o.fail(key)
	}
	if !d.IsPositive() || d.GreaterThan(decimal.NewFromInt(100)) {
		o.c.add(errorAt(InvalidDiscount, o.at(key)))
		return nil, invalid
	}
	return &d, valid
}

// object reads a nested JSON object.
func (o *object) object(key string, required bool) (*object, state) {
	v, st := o.get(key, required)
	if st != valid {
		return nil, st
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, o.fail(key)
	}
	return newObject(o.c, o.at(key), m), valid
}

// array reads a JSON array.
func (o *object) array(key string, required bool) ([]any, state) {
	v, st := o.get(key, required)
	if st != valid {
		return nil, st
	}
	a, ok := v.([]any)
	if !ok {
		return nil, o.fail(key)
	}
	return a, valid
}

// objects reads the elements of an array as objects; an element that is
// not an object is a 3010 named after the array. It reports whether every
// element was an object.
func (o *object) objects(key string, arr []any) ([]*object, bool) {
	out := make([]*object, 0, len(arr))
	all := true
	for i, el := range arr {
		path := o.at(key) + "[" + strconv.Itoa(i) + "]"
		m, ok := el.(map[string]any)
		if !ok {
			o.c.field(key, path)
			out, all = append(out, nil), false
			continue
		}
		out = append(out, newObject(o.c, path, m))
	}
	return out, all
}

var hundred = decimal.NewFromInt(100)
