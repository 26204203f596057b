package solifyn

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/flashcart/flashcart/sandbox/schema"
	"github.com/gorilla/mux"
)

// access says whether a route reads the bearer key.
type access int

const (
	// keyed routes need a key of a business (the spec's ApiKeyAuth).
	keyed access = iota
	// checkoutKeyed routes (checkout creation) need a key unless the
	// world's require_api_key is false; then, as the spec's public routes,
	// they do not read it (DESIGN decision 2).
	checkoutKeyed
	// public routes never read it (the spec's security: []).
	public
)

// request is a request going through the pipeline.
type request struct {
	r    *http.Request
	body *parsed
	sec  *fixtures.Solifyn
	// biz is the key's business; nil on a route that read no key.
	biz *fixtures.SolifynBusiness
}

// handlerFunc answers a request, or returns the error to answer.
type handlerFunc func(w http.ResponseWriter, q *request) error

// handle runs the pipeline: the body is read and parsed first (Express's
// parser runs before routing and guards), then the route's guard, then
// the handler; any error is answered by fail.
func (v *Vendor) handle(a access, h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := v.serve(w, r, a, h); err != nil {
			v.fail(w, r, err)
		}
	})
}

func (v *Vendor) serve(w http.ResponseWriter, r *http.Request, a access, h handlerFunc) error {
	body, err := readBody(w, r)
	if err != nil {
		return err
	}
	q := &request{r: r, body: body, sec: v.section()}
	switch {
	case a == keyed || (a == checkoutKeyed && q.sec.KeyRequired()):
		if q.biz, err = authenticate(q); err != nil {
			return err
		}
		kit.NoteOf(r).Account = q.biz.ID
	case a == checkoutKeyed && r.Header.Get(HeaderAuthorization) != "":
		kit.Hint(r, "Authorization not read: the world's require_api_key is false")
	}
	return h(w, q)
}

// authenticate finds the business of the request's bearer key.
func authenticate(q *request) (*fixtures.SolifynBusiness, error) {
	scheme, key, ok := strings.Cut(q.r.Header.Get(HeaderAuthorization), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || key == "" {
		kit.Hint(q.r, "no key: send Authorization: Bearer <API key>")
		return nil, ErrUnauthorized
	}
	biz, ok := q.sec.BusinessByKey(key)
	if !ok {
		kit.Hint(q.r, "the key is not a key of any business of the world")
		return nil, ErrInvalidKey
	}
	return biz, nil
}

// fail answers an error: a validation error or a documented failure as
// its body, anything else (a store error) as the one 500.
func (v *Vendor) fail(w http.ResponseWriter, r *http.Request, err error) {
	var ve *ValidationError
	var f *Failure
	switch {
	case errors.As(err, &ve):
		v.write(w, r, http.StatusBadRequest, ve.Body())
	case errors.As(err, &f) && f.Status == http.StatusInternalServerError:
		send(w, http.StatusInternalServerError, internalBody)
	case errors.As(err, &f):
		v.write(w, r, f.Status, f.Body())
	default:
		v.internal(w, r, err)
	}
}

// internalBody is NestJS's 500 body, which puts statusCode first.
var internalBody, _ = encode(InternalErrorBody{StatusCode: http.StatusInternalServerError, Message: ErrInternal.Message})

// internal is the one answer to an unexpected error (a store that failed):
// NestJS's 500 body, the cause in the log and the hint.
func (v *Vendor) internal(w http.ResponseWriter, r *http.Request, err error) {
	v.env.Log.Error("solifyn: request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	kit.Hint(r, "internal error: "+err.Error())
	send(w, http.StatusInternalServerError, internalBody)
}

// write answers with status and body as JSON.
func (v *Vendor) write(w http.ResponseWriter, r *http.Request, status int, body any) {
	raw, err := encode(body)
	if err != nil {
		v.internal(w, r, err)
		return
	}
	send(w, status, raw)
}

// send answers a JSON body as Express does, with its charset.
func send(w http.ResponseWriter, status int, body []byte) {
	kit.WriteRaw(w, status, "application/json; charset=utf-8", body)
}

// encode writes v as JSON.stringify would: no HTML escaping, no newline.
func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("solifyn: encode: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// linkBase is the origin of checkout_url: the world's checkout base, or
// with LocalLinks the sandbox's own address as the client reached it.
func (v *Vendor) linkBase(q *request) string {
	if !v.env.LocalLinks {
		return q.sec.Base()
	}
	scheme := "http"
	if q.r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + q.r.Host
}

// view runs fn in a read transaction and answers its result with 200.
func (v *Vendor) view(w http.ResponseWriter, q *request, fn func(tx store.Tx) (any, error)) error {
	var out any
	err := v.env.Store.View(func(tx store.Tx) error {
		var err error
		out, err = fn(tx)
		return err
	})
	if err != nil {
		return err
	}
	v.write(w, q.r, http.StatusOK, out)
	return nil
}

// update runs fn in a write transaction and answers its result with status.
func (v *Vendor) update(w http.ResponseWriter, q *request, status int, fn func(tx store.Tx) (any, error)) error {
	var out any
	err := v.env.Store.Update(func(tx store.Tx) error {
		var err error
		out, err = fn(tx)
		return err
	})
	if err != nil {
		return err
	}
	v.write(w, q.r, status, out)
	return nil
}

func pathID(q *request) string { return mux.Vars(q.r)["id"] }

// createCheckout answers both checkout creations; b is the route's body.
func (v *Vendor) createCheckout(b *schema.Body) handlerFunc {
	return func(w http.ResponseWriter, q *request) error {
		if err := validate(b, q.body); err != nil {
			return err
		}
		in := createInputOf(q.body)
		return v.update(w, q, http.StatusCreated, func(tx store.Tx) (any, error) {
			s, err := v.createSession(tx, q.sec, q.biz, in, v.linkBase(q))
			if err != nil {
				return nil, err
			}
			return CheckoutResponse{ID: s.ID, SessionID: s.SessionID, CheckoutURL: s.CheckoutURL}, nil
		})
	}
}

func (v *Vendor) getSession(w http.ResponseWriter, q *request) error {
	return v.view(w, q, func(tx store.Tx) (any, error) {
		s, ok, err := loadSession(tx, pathID(q))
		switch {
		case err != nil:
			return nil, err
		case !ok:
			return nil, ErrSessionNotFound
		}
		return details(tx, q.sec, s, v.env.Now())
	})
}

func (v *Vendor) supportedCurrencies(w http.ResponseWriter, q *request) error {
	out := make([]SupportedCurrency, len(q.sec.SupportedCurrencies))
	for i, c := range q.sec.SupportedCurrencies {
		out[i] = SupportedCurrency{Label: c.Label, Value: c.Value}
	}
	v.write(w, q.r, http.StatusOK, out)
	return nil
}

func (v *Vendor) listProducts(w http.ResponseWriter, q *request) error {
	return v.view(w, q, func(tx store.Tx) (any, error) { return listProducts(tx, q.biz, q.r.URL.Query()) })
}

func (v *Vendor) getProduct(w http.ResponseWriter, q *request) error {
	p, ok := q.biz.Product(pathID(q))
	if !ok {
		return ErrProductNotFound
	}
	return v.view(w, q, func(tx store.Tx) (any, error) { return productView(tx, q.biz, p) })
}

func (v *Vendor) listCollections(w http.ResponseWriter, q *request) error {
	v.write(w, q.r, http.StatusOK, listCollections(q.biz))
	return nil
}

func (v *Vendor) getCollection(w http.ResponseWriter, q *request) error {
	return v.view(w, q, func(tx store.Tx) (any, error) { return collectionDetail(tx, q.biz, pathID(q)) })
}

func (v *Vendor) listDiscounts(w http.ResponseWriter, q *request) error {
	return v.view(w, q, func(tx store.Tx) (any, error) { return listDiscounts(tx, q.biz, q.r.URL.Query(), v.env.Now()) })
}

func (v *Vendor) getDiscount(w http.ResponseWriter, q *request) error {
	d, ok := q.biz.Discount(pathID(q))
	if !ok {
		return ErrDiscountNotFound
	}
	return v.view(w, q, func(tx store.Tx) (any, error) { return discountView(tx, q.biz, d, v.env.Now()) })
}

func (v *Vendor) validateDiscount(w http.ResponseWriter, q *request) error {
	return v.view(w, q, func(tx store.Tx) (any, error) { return validateDiscount(tx, q.biz, q.r.URL.Query(), v.env.Now()) })
}

func (v *Vendor) listLinks(w http.ResponseWriter, q *request) error {
	return v.view(w, q, func(tx store.Tx) (any, error) { return listLinks(tx, q.biz) })
}

func (v *Vendor) createLink(w http.ResponseWriter, q *request) error {
	if err := validate(LinkCreateBody, q.body); err != nil {
		return err
	}
	return v.update(w, q, http.StatusCreated, func(tx store.Tx) (any, error) { return v.newLink(tx, q.biz, q.body) })
}

func (v *Vendor) getLink(w http.ResponseWriter, q *request) error {
	return v.view(w, q, func(tx store.Tx) (any, error) { return loadLink(tx, q.biz, pathID(q)) })
}

func (v *Vendor) updateLink(w http.ResponseWriter, q *request) error {
	if err := validate(LinkUpdateBody, q.body); err != nil {
		return err
	}
	return v.update(w, q, http.StatusOK, func(tx store.Tx) (any, error) {
		return CheckoutLinkMessage{Message: MsgLinkUpdated}, v.changeLink(tx, q.biz, pathID(q), q.body)
	})
}

func (v *Vendor) deleteLink(w http.ResponseWriter, q *request) error {
	return v.update(w, q, http.StatusOK, func(tx store.Tx) (any, error) {
		return CheckoutLinkMessage{Message: MsgLinkDeleted}, deleteLink(tx, q.biz, pathID(q))
	})
}

// NotFound answers a request no route serves with NestJS's 404 "Cannot
// <METHOD> <original URL>", after parsing its body as every request's is.
func (v *Vendor) NotFound() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, err := readBody(w, r)
		if err == nil {
			uri := r.RequestURI
			if uri == "" {
				uri = r.URL.RequestURI()
			}
			kit.Hint(r, "no Solifyn route for "+r.Method+" "+r.URL.Path)
			err = RouteNotFound(r.Method, uri)
		}
		v.fail(w, r, err)
	})
}
