package sandbox

import (
	"net/http"

	"github.com/gorilla/mux"
)

// routes lists every route the sandbox serves.
func (s *Sandbox) routes() http.Handler {
	r := mux.NewRouter()
	r.NotFoundHandler = notFound()
	r.MethodNotAllowedHandler = notFound()

	r.Handle("/v1/login_check", s.handleLogin()).Methods(http.MethodPost)
	r.Handle("/v1/generate_buy_link", s.requireToken(s.handleGenerateBuyLink())).Methods(http.MethodPost)

	c := r.PathPrefix("/_sandbox").Subrouter()
	c.NotFoundHandler = notFound()
	c.MethodNotAllowedHandler = notFound()
	c.Handle("/health", s.handleHealth()).Methods(http.MethodGet)
	c.Handle("/clock", s.handleClockGet()).Methods(http.MethodGet)
	c.Handle("/clock", s.handleClockSet()).Methods(http.MethodPost)
	c.Handle("/journal", s.handleJournal()).Methods(http.MethodGet)
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
