package sandbox

import (
	"net/http"

	"github.com/flashcart/flashcart/sandbox/pages"
	"github.com/gorilla/mux"
)

// routes lists every route the sandbox serves.
func (s *Sandbox) routes() http.Handler {
	r := mux.NewRouter()
	r.NotFoundHandler = notFound()
	r.MethodNotAllowedHandler = notFound()

	r.Handle("/v1/login_check", s.handleLogin()).Methods(http.MethodPost)
	r.Handle("/v1/generate_buy_link", s.requireToken(s.handleGenerateBuyLink())).Methods(http.MethodPost)
	r.Handle("/v1/order/search", s.lazyRenewals(s.requireToken(s.handleOrderSearch()))).Methods(http.MethodPost)
	r.Handle("/v1/order/{order_id}", s.lazyRenewals(s.requireToken(s.handleOrderGet()))).Methods(http.MethodGet)
	r.Handle("/v1/subscription/modify_next_billing_price", s.lazyRenewals(s.requireToken(s.handleModify([]string{"currency", "next_billing_price"}, modifyPrice)))).Methods(http.MethodPost)
	r.Handle("/v1/subscription/modify_expiration_date", s.lazyRenewals(s.requireToken(s.handleModify([]string{"expiration_date"}, modifyExpiration)))).Methods(http.MethodPost)
	r.Handle("/v1/subscription/modify_next_product_name", s.lazyRenewals(s.requireToken(s.handleModify([]string{"next_product_name"}, modifyName)))).Methods(http.MethodPost)
	r.Handle("/v1/subscription/modify_activity", s.lazyRenewals(s.requireToken(s.handleModifyActivity()))).Methods(http.MethodPost)
	r.Handle("/v1/subscription/{id}", s.lazyRenewals(s.requireToken(s.handleSubscriptionGet()))).Methods(http.MethodGet)

	// The customer's pages, whatever the Host header.
	r.Handle("/basket/flash/{external_id}", s.handlePage()).Methods(http.MethodGet)
	r.Handle("/basket/flash/{external_id}/upsell", s.handlePageUpsell()).Methods(http.MethodPost)
	r.Handle("/basket/flash/{external_id}/continue", s.handlePageContinue()).Methods(http.MethodPost)
	r.Handle("/basket/flash/{external_id}/order", s.handlePageOrder()).Methods(http.MethodPost)
	r.Handle("/basket/flash/{external_id}/exit-intent", s.handleCheckoutExitIntent()).Methods(http.MethodPost)
	r.Handle("/order/status/{order_id}/{hash}", s.lazyRenewals(s.handleOrderPage())).Methods(http.MethodGet)
	r.PathPrefix("/assets/").Handler(pages.Assets()).Methods(http.MethodGet)

	c := r.PathPrefix("/_sandbox").Subrouter()
	c.NotFoundHandler = notFound()
	c.MethodNotAllowedHandler = notFound()
	c.Handle("/health", s.handleHealth()).Methods(http.MethodGet)
	c.Handle("/clock", s.handleClockGet()).Methods(http.MethodGet)
	c.Handle("/clock", s.handleClockSet()).Methods(http.MethodPost)
	c.Handle("/journal", s.handleJournal()).Methods(http.MethodGet)
	c.Handle("/checkout/{external_id}", s.lazyRenewals(s.handleCheckoutGet())).Methods(http.MethodGet)
	c.Handle("/checkout/{external_id}/upsell", s.handleCheckoutUpsell()).Methods(http.MethodPost)
	c.Handle("/checkout/{external_id}/exit-intent", s.handleCheckoutExitIntent()).Methods(http.MethodPost)
	c.Handle("/checkout/{external_id}/customer", s.handleCheckoutCustomer()).Methods(http.MethodPost)
	c.Handle("/checkout/{external_id}/order", s.handleCheckoutOrder()).Methods(http.MethodPost)
	c.Handle("/webhooks", s.lazyRenewals(s.handleWebhooks())).Methods(http.MethodGet)
	c.Handle("/reset", s.handleReset()).Methods(http.MethodPost)
	c.Handle("/faults", s.handleFaultsList()).Methods(http.MethodGet)
	c.Handle("/faults", s.handleFaultsAdd()).Methods(http.MethodPost)
	c.Handle("/faults", s.handleFaultsClear()).Methods(http.MethodDelete)
	c.Handle("/faults/{id}", s.handleFaultsRemove()).Methods(http.MethodDelete)
	c.Handle("/world", s.handleWorld()).Methods(http.MethodGet)
	c.Handle("/world/reload", s.handleWorldReload()).Methods(http.MethodPost)
	c.Handle("/stats", s.handleStats()).Methods(http.MethodGet)

	return s.recordJournal(recoverPanics(s.log, s.dateHeader(s.guardControl(s.injectFaults(s.forceError(r))))))
}
