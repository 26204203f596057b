package noventiq

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/flashcart/flashcart/sandbox/internal/journal"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/flashcart/flashcart/sandbox/noventiq/internal/orders"
	"github.com/flashcart/flashcart/sandbox/noventiq/internal/subscriptions"
)

// Name is the vendor's name in the sandbox: in the journal, the outbox,
// the world file and the control API.
const Name = "noventiq"

// The vendor's production API hosts, of both brands; the test environment
// appends one of TestSuffixes to them, and to the checkout page domains.
const (
	SoftlineAPIHost = "api.ecommerce.softline.com"
	NoventiqAPIHost = "api.ecommerce.noventiq.com"
)

// TestSuffixes are the test environment's host suffixes the vendor's pages
// show; the seed's is the first.
var TestSuffixes = []string{".demoslweb.ru", ".demoslweb.com", ".demonqweb.com"}

// Vendor is the Noventiq API on the engine's services.
type Vendor struct {
	env      kit.Env
	tokens   *tokenIssuer
	checkout *checkoutService
	desk     *backOffice
	links    *retention
}

// New builds the vendor; it keeps its token secret in the store's meta
// bucket, derived from the seed when the sandbox has one.
func New(env kit.Env) (*Vendor, error) {
	var derive func() []byte
	if env.Seeded {
		derive = func() []byte { return []byte(env.IDs.Hex("token-secret", 64)) }
	}
	secret, err := store.TokenSecret(env.Store, derive)
	if err != nil {
		return nil, fmt.Errorf("noventiq: %w", err)
	}
	max := env.MaxLinks
	if max == 0 {
		max = DefaultMaxLinks
	}
	links, err := newRetention(env.Store, max)
	if err != nil {
		return nil, fmt.Errorf("noventiq: read the links: %w", err)
	}
	v := &Vendor{env: env, tokens: newTokenIssuer(secret, env.Now), links: links}
	v.desk = &backOffice{Store: env.Store, Orders: orders.NewIndex(env.Store), IDs: env.IDs, Clock: env.Now, World: env.World, Kick: env.Outbox.Kick, Log: env.Log}
	v.checkout = &checkoutService{Store: env.Store, Now: env.Now, World: env.World, Placer: v.desk, Retention: links}
	env.Outbox.Register(Name, webhookPolicy)
	return v, nil
}

// Name is the vendor's name.
func (v *Vendor) Name() string { return Name }

// Hosts are the vendor's real hosts: the API hosts of both brands and the
// world's checkout page domains, in production and with every test suffix.
func (v *Vendor) Hosts() []string {
	var out []string
	add := func(host string) {
		out = append(out, host)
		for _, s := range TestSuffixes {
			out = append(out, host+s)
		}
	}
	add(SoftlineAPIHost)
	add(NoventiqAPIHost)
	for _, a := range v.env.World().Noventiq.Accounts {
		for _, p := range a.CheckoutPages {
			add(p.Domain)
		}
	}
	return out
}

// Buckets are the store buckets of the vendor's records.
func (v *Vendor) Buckets() []string {
	return []string{linksBucket, orders.Bucket, orders.SearchBucket, subscriptions.Bucket}
}

// NotFound is the vendor's answer to an unknown route.
func (v *Vendor) NotFound() http.Handler { return notFound() }

// ForcedError answers the documented error named by an X-Sandbox-Force-Error
// value ("3125", or "3010 <field>").
func (v *Vendor) ForcedError(value string) (http.Handler, error) {
	e, err := parseForced(value)
	if err != nil {
		return nil, err
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { writeErrors(w, r, []Error{e}) }), nil
}

// IsAPI reports whether a path is one of the vendor's API calls (/v1/…),
// which X-Sandbox-Force-Error applies to, rather than a customer page.
func (v *Vendor) IsAPI(path string) bool { return strings.HasPrefix(path, "/v1/") }

// parseForced reads "<code>" or "3010 <field name>".
func parseForced(v string) (Error, error) {
	fields := strings.Fields(v)
	if len(fields) == 0 || len(fields) > 2 {
		return Error{}, fmt.Errorf(`must be "<code>", or "3010 <field name>"`)
	}
	code, err := strconv.Atoi(fields[0])
	if err != nil {
		return Error{}, fmt.Errorf(`%q is not an error code`, fields[0])
	}
	field := ""
	if len(fields) == 2 {
		field = fields[1]
	}
	return forced(code, field)
}

// forced returns the documented error for code; field is the field name
// 3010 needs and no other code takes.
func forced(code int, field string) (Error, error) {
	if _, ok := LookupError(Code(code)); !ok {
		return Error{}, fmt.Errorf("%d is not a documented error code; the documented codes are %s", code, documented())
	}
	switch {
	case Code(code) == InvalidField && field == "":
		return Error{}, errors.New(`3010 needs the name of a field, such as "3010 currency"`)
	case Code(code) == InvalidField:
		return FieldError(field, field), nil
	case field != "":
		return Error{}, fmt.Errorf("%d takes no field name", code)
	}
	return NewError(Code(code)), nil
}

func documented() string {
	codes := make([]string, len(ErrorCatalogue))
	for i, e := range ErrorCatalogue {
		codes[i] = strconv.Itoa(int(e.Code))
	}
	return strings.Join(codes, ", ")
}

// Status answers an injected HTTP status in the framework's
// {"code","message"} body.
func (v *Vendor) Status(code int) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { writeFramework(w, code, http.StatusText(code)) })
}

// CheckSubject checks a filter of GET /_sandbox/webhooks on a subject key
// of the vendor's deliveries.
func (v *Vendor) CheckSubject(key, value string) error {
	if key == "order_id" {
		if _, err := strconv.ParseInt(value, 10, 64); err != nil {
			return errors.New("order_id must be a number")
		}
	}
	return nil
}

// Redact hides the password of a login_check request and the tokens of
// its answer in a journal entry being read.
func (v *Vendor) Redact(e *journal.Entry) {
	if e.Path != LoginPath {
		return
	}
	e.RequestBody = redactFields(e.RequestBody, "password")
	e.ResponseBody = redactFields(e.ResponseBody, "token", "refresh_token")
}

// redactFields hides the given string fields of a JSON object body.
func redactFields(body string, fields ...string) string {
	var m map[string]any
	if json.Unmarshal([]byte(body), &m) != nil {
		return body
	}
	for _, f := range fields {
		if _, ok := m[f].(string); ok {
			m[f] = "[redacted]"
		}
	}
	out, err := json.Marshal(m)
	if err != nil {
		return body
	}
	return string(out)
}
