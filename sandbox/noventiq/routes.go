package noventiq

import (
	"net/http"

	"github.com/gorilla/mux"
)

// The vendor's API paths.
const (
	LoginPath   = "/v1/login_check"
	BuyLinkPath = "/v1/generate_buy_link"
	// OrderSearchPath searches the account's orders; OrderPath prefixes
	// GET /v1/order/{order_id}.
	OrderSearchPath = "/v1/order/search"
	OrderPath       = "/v1/order/"
	// SubscriptionPath prefixes GET /v1/subscription/{id} and the
	// modify calls.
	SubscriptionPath = "/v1/subscription/"
	// FlashPath prefixes the checkout page of a buy link:
	// /basket/flash/{external_id}.
	FlashPath = "/basket/flash/"
	// OrderPagePath prefixes the customer's order page:
	// /order/status/{order_id}/{hash}.
	OrderPagePath = "/order/status/"
	// CheckoutStatePath prefixes the checkout's JSON twin in the control
	// API: /_sandbox/checkout/{external_id}[/upsell|/exit-intent|/customer|/order].
	CheckoutStatePath = "/_sandbox/checkout/"
)

// Routes registers the vendor's API and customer pages.
func (v *Vendor) Routes(r *mux.Router) {
	r.Handle(LoginPath, v.handleLogin()).Methods(http.MethodPost)

	// The token APIs share their guard; renewals due by the clock are
	// billed before any of them reads the orders.
	api := r.NewRoute().Subrouter()
	api.Use(v.requireToken)
	api.Handle(BuyLinkPath, v.handleGenerateBuyLink()).Methods(http.MethodPost)
	books := api.NewRoute().Subrouter()
	books.Use(v.lazyRenewals)
	books.Handle(OrderSearchPath, v.handleOrderSearch()).Methods(http.MethodPost)
	books.Handle(OrderPath+"{order_id}", v.handleOrderGet()).Methods(http.MethodGet)
	books.Handle(ModifyPriceFields.Path, v.handleModify(ModifyPriceFields, modifyPrice)).Methods(http.MethodPost)
	books.Handle(ModifyExpirationFields.Path, v.handleModify(ModifyExpirationFields, modifyExpiration)).Methods(http.MethodPost)
	books.Handle(ModifyNameFields.Path, v.handleModify(ModifyNameFields, modifyName)).Methods(http.MethodPost)
	books.Handle(ModifyActivityFields.Path, v.handleModifyActivity()).Methods(http.MethodPost)
	books.Handle(SubscriptionPath+"{id}", v.handleSubscriptionGet()).Methods(http.MethodGet)

	// The customer's pages, whatever the Host header.
	r.Handle(FlashPath+"{external_id}", v.handlePage()).Methods(http.MethodGet)
	r.Handle(FlashPath+"{external_id}/upsell", v.handlePageUpsell()).Methods(http.MethodPost)
	r.Handle(FlashPath+"{external_id}/continue", v.handlePageContinue()).Methods(http.MethodPost)
	r.Handle(FlashPath+"{external_id}/order", v.handlePageOrder()).Methods(http.MethodPost)
	r.Handle(FlashPath+"{external_id}/exit-intent", v.handleCheckoutExitIntent()).Methods(http.MethodPost)
	r.Handle(OrderPagePath+"{order_id}/{hash}", v.lazyRenewals(v.handleOrderPage())).Methods(http.MethodGet)
	r.PathPrefix("/assets/").Handler(assets()).Methods(http.MethodGet)
}

// Control registers the vendor's part of the control API: the checkout's
// JSON twin, which drives the same state machine as the checkout page.
func (v *Vendor) Control(r *mux.Router) {
	r.Handle(CheckoutStatePath+"{external_id}", v.lazyRenewals(v.handleCheckoutGet())).Methods(http.MethodGet)
	r.Handle(CheckoutStatePath+"{external_id}/upsell", v.handleCheckoutUpsell()).Methods(http.MethodPost)
	r.Handle(CheckoutStatePath+"{external_id}/exit-intent", v.handleCheckoutExitIntent()).Methods(http.MethodPost)
	r.Handle(CheckoutStatePath+"{external_id}/customer", v.handleCheckoutCustomer()).Methods(http.MethodPost)
	r.Handle(CheckoutStatePath+"{external_id}/order", v.handleCheckoutOrder()).Methods(http.MethodPost)
}
