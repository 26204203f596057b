package noventiq

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/flashcart/flashcart/internal/jsontree"
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
	// segs are the path segments of the objects being read: the object
	// of depth d is at segs[:d]. Reading is depth first, so an object's
	// segments stay as they are while it is read.
	segs [8]segment
}

// segment is one step of a path: a member name, and an element index
// when it is ≥ 0.
type segment struct {
	name  string
	index int
}

func (c *checker) add(e Error) { c.errs = append(c.errs, e) }

func (c *checker) field(leaf, path string) { c.add(FieldError(leaf, path)) }

// object reads the fields of one JSON object in the order the reference
// lists them, remembering which keys it read so that the rest can be
// reported as unknown. Objects live on the stack of the validation, and
// their paths are only spelt out for errors.
type object struct {
	c     *checker
	v     jsontree.Value
	depth int
	// read holds the keys read so far (the table has a dozen per object
	// at most); found counts the members of v they name.
	read  [16]string
	nread int
	found int
}

// child is the object v, the member key of o, or its element index when
// index ≥ 0.
func (o *object) child(key string, index int, v jsontree.Value) object {
	o.c.segs[o.depth] = segment{key, index}
	return object{c: o.c, v: v, depth: o.depth + 1}
}

// at is the path of o's member key, such as "products[0].subscription.period".
func (o *object) at(key string) string {
	var b strings.Builder
	for _, s := range o.c.segs[:o.depth] {
		b.WriteString(s.name)
		if s.index >= 0 {
			b.WriteString("[" + strconv.Itoa(s.index) + "]")
		}
		b.WriteByte('.')
	}
	if b.Len() == 0 {
		return key
	}
	return b.String() + key
}

// get returns the value of key; a missing required key and a null are
// recorded as 3010.
func (o *object) get(key string, required bool) (jsontree.Value, state) {
	o.read[o.nread] = key
	o.nread++
	v, ok := o.v.Lookup(key)
	if ok {
		o.found++
	}
	switch {
	case !ok && required:
		o.c.field(key, o.at(key))
		return v, invalid
	case !ok:
		return v, absent
	case v.Kind() == jsontree.Null:
		o.c.field(key, o.at(key))
		return v, invalid
	}
	return v, valid
}

// fail records a 3010 for key and reports the field invalid.
func (o *object) fail(key string) state {
	o.c.field(key, o.at(key))
	return invalid
}

// unknown records a 3010 for every key that was not read, in name order,
// once each; an empty key is named "" so that the message still names a
// field.
func (o *object) unknown() {
	if o.found == o.v.Len() {
		return // every member was read; with a key sent twice, the loop finds none left
	}
	var keys []string
	for k := range o.v.Members() {
		if !slices.Contains(o.read[:o.nread], k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range slices.Compact(keys) {
		if k == "" {
			k = `""`
		}
		o.c.field(k, o.at(k))
	}
}

// str reads a string of at most max characters (0: no limit); required
// strings must not be empty.
func (o *object) str(key string, required bool, max int) (string, state) {
	v, st := o.get(key, required)
	if st != valid {
		return "", st
	}
	if v.Kind() != jsontree.String {
		return "", o.fail(key)
	}
	s := v.Text()
	if (required && s == "") || (max > 0 && utf8.RuneCountInString(s) > max) {
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
	switch v.Kind() {
	case jsontree.True:
		return &yes, valid
	case jsontree.False:
		return &no, valid
	}
	return nil, o.fail(key)
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
	n := v.Text()
	if v.Kind() != jsontree.Number || !positive(n, maxDigits) {
		return 0, o.fail(key)
	}
	i, err := strconv.ParseInt(n, 10, 64)
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

// price reads a price string such as "30.00".
func (o *object) price(key string, required bool) (decimal.Decimal, state) {
	v, st := o.get(key, required)
	if st != valid {
		return decimal.Decimal{}, st
	}
	if v.Kind() != jsontree.String {
		return decimal.Decimal{}, o.fail(key)
	}
	d, ok := money.Parse(v.Text())
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
	n := v.Text()
	if v.Kind() != jsontree.Number || !percentForm(n) {
		return nil, o.fail(key)
	}
	d, err := decimal.NewFromString(n)
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
func (o *object) object(key string, required bool) (object, state) {
	v, st := o.get(key, required)
	if st != valid {
		return object{}, st
	}
	if v.Kind() != jsontree.Object {
		return object{}, o.fail(key)
	}
	return o.child(key, -1, v), valid
}

// array reads a JSON array.
func (o *object) array(key string, required bool) (jsontree.Value, state) {
	v, st := o.get(key, required)
	if st != valid {
		return v, st
	}
	if v.Kind() != jsontree.Array {
		return v, o.fail(key)
	}
	return v, valid
}

// allObjects records a 3010 named after the array key for each element of
// arr that is not an object, and reports whether every element is one.
func (o *object) allObjects(key string, arr jsontree.Value) bool {
	all := true
	for i, el := range arr.Elements() {
		if el.Kind() != jsontree.Object {
			o.c.field(key, o.at(key)+"["+strconv.Itoa(i)+"]")
			all = false
		}
	}
	return all
}

var hundred = decimal.NewFromInt(100)

// yes and no are what boolean fields point at: a request's booleans are
// read, never written.
var yes, no = true, false
