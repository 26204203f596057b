package noventiq

import (
	"errors"
	"net/http"
	"strconv"
	"unicode/utf8"

	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/gorilla/mux"
)

// vendorBody reads a token API's JSON object body: 111 for a content type
// other than application/json, 110 for anything but a JSON object.
func vendorBody(w http.ResponseWriter, r *http.Request) (*bodyObject, bool) {
	if !kit.IsJSON(r.Header.Get("Content-Type")) {
		kit.Hint(r, "Content-Type must be application/json")
		writeErrors(w, r, []Error{NewError(InvalidContentType)})
		return nil, false
	}
	raw, err := kit.ReadBody(w, r)
	o, ok := parseObject(raw)
	if err != nil || !ok || !utf8.Valid(raw) {
		kit.Hint(r, "the body must be a JSON object in valid UTF-8")
		writeErrors(w, r, []Error{NewError(InvalidJSON)})
		return nil, false
	}
	return o, true
}

// handleOrderGet is GET /v1/order/{order_id}.
func (v *Vendor) handleOrderGet() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.ParseInt(mux.Vars(r)["order_id"], 10, 64)
		if err != nil {
			notFoundHint(w, r, "order ids are numbers")
			return
		}
		o, err := v.desk.Order(accountOf(r).Username, id)
		switch {
		case errors.Is(err, errNoOrder):
			notFoundHint(w, r, "the account has no order "+strconv.FormatInt(id, 10))
		case err != nil:
			v.fail(w, r, err)
		default:
			kit.WriteJSON(w, http.StatusOK, o)
		}
	})
}

type searchResult struct {
	IDs []int64 `json:"ids"`
}

// handleOrderSearch is POST /v1/order/search.
func (v *Vendor) handleOrderSearch() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o, ok := vendorBody(w, r)
		if !ok {
			return
		}
		f, errs := decodeFilter(o)
		if len(errs) > 0 {
			writeErrors(w, r, errs)
			return
		}
		ids, err := v.desk.Search(accountOf(r).Username, f)
		if err != nil {
			v.fail(w, r, err)
			return
		}
		if ids == nil {
			ids = []int64{}
		}
		kit.WriteJSON(w, http.StatusOK, searchResult{IDs: ids})
	})
}
