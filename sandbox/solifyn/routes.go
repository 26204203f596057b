package solifyn

import (
	"net/http"

	"github.com/gorilla/mux"
)

// Endpoint is one route of the vendor.
type Endpoint struct {
	Method, Path string
	// Keyed says whether the route needs an API key (checkout creation
	// only when the world's require_api_key is true).
	Keyed bool
}

type route struct {
	Endpoint
	h http.Handler
}

// routes lists every route, /v1/discounts/validate before
// /v1/discounts/{id} (the router tries them in order).
func (v *Vendor) routes() []route {
	r := func(method, path string, a access, h handlerFunc) route {
		return route{Endpoint{Method: method, Path: path, Keyed: a != public}, v.handle(a, h)}
	}
	create := v.createCheckout(CreateBody)
	collection := v.createCheckout(CollectionCreateBody)
	return []route{
		r(http.MethodPost, PathCreate, checkoutKeyed, create),
		r(http.MethodPost, PathGuideCreate, checkoutKeyed, create),
		r(http.MethodPost, PathCollectionCreate, checkoutKeyed, collection),
		r(http.MethodPost, PathGuideCollectionCreate, checkoutKeyed, collection),
		r(http.MethodGet, PathSession, public, v.getSession),
		r(http.MethodGet, PathSupportedCurrencies, public, v.supportedCurrencies),
		r(http.MethodGet, PathProducts, keyed, v.listProducts),
		r(http.MethodGet, PathProduct, keyed, v.getProduct),
		r(http.MethodGet, PathCollections, keyed, v.listCollections),
		r(http.MethodGet, PathCollection, keyed, v.getCollection),
		r(http.MethodGet, PathDiscounts, keyed, v.listDiscounts),
		r(http.MethodGet, PathDiscountValidate, keyed, v.validateDiscount),
		r(http.MethodGet, PathDiscount, keyed, v.getDiscount),
		r(http.MethodGet, PathCheckoutLinks, keyed, v.listLinks),
		r(http.MethodPost, PathCheckoutLinks, keyed, v.createLink),
		r(http.MethodGet, PathCheckoutLink, keyed, v.getLink),
		r(http.MethodPatch, PathCheckoutLink, keyed, v.updateLink),
		r(http.MethodDelete, PathCheckoutLink, keyed, v.deleteLink),
	}
}

// Endpoints lists the vendor's API routes (without the hosted checkout),
// for docs and clients.
func Endpoints() []Endpoint {
	rs := (&Vendor{}).routes() // the handlers are made, not run
	out := make([]Endpoint, len(rs))
	for i, rt := range rs {
		out[i] = rt.Endpoint
	}
	return out
}

// Routes registers the vendor's API routes on r, each also with a final
// slash (Express's routing ignores one), and the hosted checkout with its
// files. The engine answers a known path asked with another method, and
// an unknown path of the vendor's hosts, with NotFound: NestJS's 404
// "Cannot <METHOD> <path>" (Express has no 405).
func (v *Vendor) Routes(r *mux.Router) {
	for _, rt := range v.routes() {
		r.Handle(rt.Path, rt.h).Methods(rt.Method)
		r.Handle(rt.Path+"/", rt.h).Methods(rt.Method)
	}
	r.Handle(PathHostedCheckout, v.handlePage()).Methods(http.MethodGet)
	r.Handle(PathHostedCheckout, v.handlePagePay()).Methods(http.MethodPost)
	r.PathPrefix(AssetsPath).Handler(assets()).Methods(http.MethodGet)
}
