package twocheckout

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
)

// Name is the vendor's name in the sandbox: in the journal, the outbox,
// the world file and the control API.
const Name = "twocheckout"

// Vendor is the 2Checkout JSON-RPC API on the engine's services.
type Vendor struct {
	env kit.Env
	// due spares the requests' completion check a scan of the waiting
	// orders while none can be due.
	due kit.DueHint
}

// New builds the vendor on the engine's services and registers its IPN
// delivery policy with the outbox.
func New(env kit.Env) *Vendor {
	v := &Vendor{env: env}
	env.Outbox.Register(Name, v.ipnPolicy())
	return v
}

// Name is the vendor's name.
func (v *Vendor) Name() string { return Name }

// Hosts are the API's real hosts: api.2checkout.com and its legacy
// Avangate name.
func (v *Vendor) Hosts() []string { return slices.Clone(Hosts) }

// Buckets are the store buckets of the vendor's records.
func (v *Vendor) Buckets() []string {
	return []string{bucketSessions, bucketMerchants, bucketProducts, bucketFields, bucketPromotions,
		bucketCampaigns, bucketOrders, bucketWaiting, bucketSubscriptions, bucketInline}
}

// merchant returns the world's merchant with that code.
func (v *Vendor) merchant(code string) (*fixtures.TwoCheckoutMerchant, bool) {
	w := v.env.World()
	if w == nil {
		return nil, false
	}
	return w.TwoCheckout.Merchant(code)
}

// hint sends a sandbox diagnostic about a request to its journal entry and
// X-Sandbox-Hint; a call made without an HTTP request (r nil) drops it.
func (v *Vendor) hint(r *http.Request, msg string) {
	if r != nil {
		kit.Hint(r, msg)
	}
}

// note records, for the journal, what a call acted on.
func (v *Vendor) note(r *http.Request, fn func(n *kit.Note)) {
	if r != nil {
		fn(kit.NoteOf(r))
	}
}

// MethodHint starts the hint that names the JSON-RPC method of a call in
// its journal entry and X-Sandbox-Hint: "JSON-RPC method placeOrder".
const MethodHint = "JSON-RPC method "

// MethodOf returns the JSON-RPC method a journal entry's hints name, or "".
func MethodOf(hints []string) string {
	for _, h := range hints {
		if m, ok := strings.CutPrefix(h, MethodHint); ok {
			return m
		}
	}
	return ""
}

// ForcedError answers the catalogue entry an X-Sandbox-Force-Error value
// names ("ORDER_PRODUCTS_EMPTY"), as a JSON-RPC error with the request's
// id. An entry whose message names a value takes it after the code
// ("ORDER_PROMOTION_INVALID SPRING10"); ORDER_PRODUCT_CODE_INVALID answers
// "Invalid product code." alone and "Requested product [X] was not found."
// with a code X.
func (v *Vendor) ForcedError(value string) (http.Handler, error) {
	e, err := parseForced(value)
	if err != nil {
		return nil, err
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var id *int64
		if body, err := kit.ReadBody(w, r); err == nil {
			env, _ := decodeEnvelope(body)
			id = env.id
			if env.method != "" {
				v.hint(r, MethodHint+env.method)
			}
		}
		kit.WriteRaw(w, http.StatusOK, "application/json", v.answerError(r, id, e))
	}), nil
}

// parseForced reads "<STRING_CODE>" or "<STRING_CODE> <value>".
func parseForced(value string) (*Error, error) {
	code, arg, _ := strings.Cut(strings.TrimSpace(value), " ")
	arg = strings.TrimSpace(arg)
	var found []Entry
	for _, e := range catalogue {
		if e.ErrorCode == code {
			found = append(found, e)
		}
	}
	// The entry that takes a value when one is given, else the one that
	// takes none.
	for _, e := range found {
		if strings.Contains(e.Message, "%s") == (arg != "") {
			return fail(e.ID, arg), nil
		}
	}
	switch {
	case len(found) == 0:
		return nil, fmt.Errorf("%q is not a documented error code; the codes are %s", code, documented())
	case arg == "":
		return nil, fmt.Errorf("%s names a value in its message %q: send it after the code, such as %q", code, found[0].Message, code+" X")
	}
	return nil, fmt.Errorf("%s takes no value", code)
}

// documented lists the catalogue's string codes, each once.
func documented() string {
	var codes []string
	for i, e := range catalogue {
		if i == 0 || catalogue[i-1].ErrorCode != e.ErrorCode {
			codes = append(codes, e.ErrorCode)
		}
	}
	return strings.Join(codes, ", ")
}

// NotFound answers a path of the vendor's hosts that is not the JSON-RPC
// endpoint: HTTP 404 with a JSON-RPC Invalid Request.
func (v *Vendor) NotFound() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e := fail(ErrInvalidRequest).hint("no JSON-RPC endpoint at %s %s: the API is POST %s", r.Method, r.URL.Path, PathRPC)
		kit.WriteRaw(w, http.StatusNotFound, "application/json", v.answerError(r, nil, e))
	})
}

// Status answers an injected HTTP status with a JSON-RPC error of no id:
// Internal error for a 5xx, Invalid Request for any other.
func (v *Vendor) Status(code int) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := ErrInvalidRequest
		if code >= 500 {
			id = ErrInternal
		}
		kit.WriteRaw(w, code, "application/json", answer(nil, nil, fail(id)))
	})
}

// IsAPI reports whether a path is the JSON-RPC API's, where
// X-Sandbox-Force-Error forces errors; the InLine cart's pages and client
// are not.
func (v *Vendor) IsAPI(path string) bool { return slices.Contains(Paths, path) }

var refNoRE = regexp.MustCompile(`^[0-9]{1,18}$`)

// CheckSubject checks a filter of GET /_sandbox/webhooks on a subject key
// of the vendor's deliveries.
func (v *Vendor) CheckSubject(key, value string) error {
	if key == SubjectRefNo && !refNoRE.MatchString(value) {
		return errors.New("refno must be an order's RefNo, a number")
	}
	return nil
}
