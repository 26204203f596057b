package sandbox

import (
	"net/http"
	"path"
	"strings"

	"github.com/flashcart/flashcart/sandbox/internal/faults"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/gorilla/mux"
)

// controlPrefix starts every path of the sandbox-only control API.
const controlPrefix = "/_sandbox/"

func isControl(path string) bool { return strings.HasPrefix(path, controlPrefix) }

// routes is the sandbox's whole handler: every request is journaled,
// guarded against panics and dated by the sandbox clock; control requests
// are checked against ControlAccess; vendor requests get the injected
// faults, then go to their vendor.
func (s *Sandbox) routes() http.Handler {
	control := s.controlRoutes()
	vendorCalls := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m, h, r := s.vendors.route(r)
		kit.NoteOf(r).Vendor = m.name
		if clean := cleanPath(r.URL.Path); clean != r.URL.Path {
			kit.Hint(r, "the path "+r.URL.Path+" has an empty or dot segment (//, /./ or /../); the sandbox, like the vendors' servers, neither cleans nor redirects it: send "+clean)
		}
		if v, sent := r.Header[forceKey]; sent && isAPI(m.v, r.URL.Path) {
			h = s.forced(m, strings.Join(v, " "))
		}
		s.injectFaults(m, h).ServeHTTP(w, r)
	})
	dispatch := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isControl(r.URL.Path) {
			s.guardControl(control).ServeHTTP(w, r)
			return
		}
		vendorCalls.ServeHTTP(w, r)
	})
	return s.recordJournal(s.recoverPanics(s.dateHeader(dispatch)))
}

// controlRoutes is the control API: the engine's routes and each vendor's.
func (s *Sandbox) controlRoutes() http.Handler {
	c := mux.NewRouter()
	// An unknown control path gets the 404 of a path no vendor serves.
	c.NotFoundHandler = s.vendors.list[0].v.NotFound()
	c.MethodNotAllowedHandler = c.NotFoundHandler
	c.Handle(controlPrefix+"health", s.handleHealth()).Methods(http.MethodGet)
	c.Handle(controlPrefix+"clock", s.handleClockGet()).Methods(http.MethodGet)
	c.Handle(controlPrefix+"clock", s.handleClockSet()).Methods(http.MethodPost)
	c.Handle(controlPrefix+"journal", s.handleJournal()).Methods(http.MethodGet)
	c.Handle(controlPrefix+"webhooks", s.handleWebhooks()).Methods(http.MethodGet)
	c.Handle(controlPrefix+"reset", s.handleReset()).Methods(http.MethodPost)
	c.Handle(controlPrefix+"faults", s.handleFaultsList()).Methods(http.MethodGet)
	c.Handle(controlPrefix+"faults", s.handleFaultsAdd()).Methods(http.MethodPost)
	c.Handle(controlPrefix+"faults", s.handleFaultsClear()).Methods(http.MethodDelete)
	c.Handle(controlPrefix+"faults/{id}", s.handleFaultsRemove()).Methods(http.MethodDelete)
	c.Handle(controlPrefix+"world", s.handleWorld()).Methods(http.MethodGet)
	c.Handle(controlPrefix+"world/reload", s.handleWorldReload()).Methods(http.MethodPost)
	c.Handle(controlPrefix+"stats", s.handleStats()).Methods(http.MethodGet)
	c.Handle(OpenAPIPath, s.handleOpenAPIList()).Methods(http.MethodGet)
	c.Handle(OpenAPIPath+"/{file}", s.handleOpenAPI()).Methods(http.MethodGet)
	for _, m := range s.vendors.list {
		m.v.Control(c)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Matched by hand, not by the router's ServeHTTP, so that an
		// unclean path such as //_sandbox/… is not redirected.
		var rm mux.RouteMatch
		c.Match(r, &rm)
		rm.Handler.ServeHTTP(w, mux.SetURLVars(r, rm.Vars))
	})
}

// forceKey is faults.ForceHeader as a request's header map holds it.
var forceKey = http.CanonicalHeaderKey(faults.ForceHeader)

// cleanPath is p without empty and dot segments, keeping a final slash.
func cleanPath(p string) string {
	c := path.Clean(p)
	if strings.HasSuffix(p, "/") && c != "/" {
		c += "/"
	}
	return c
}

// apiPaths is a vendor that tells its API calls from its customer pages:
// X-Sandbox-Force-Error forces errors on API calls only.
type apiPaths interface {
	IsAPI(path string) bool
}

// isAPI reports whether a path is one of the vendor's API calls; a vendor
// that does not say has only API calls.
func isAPI(v vendor, path string) bool {
	if a, ok := v.(apiPaths); ok {
		return a.IsAPI(path)
	}
	return true
}

// forced answers the vendor error an X-Sandbox-Force-Error header names; a
// header naming no documented error is a 400 control error.
func (s *Sandbox) forced(m *mounted, value string) http.Handler {
	h, err := m.v.ForcedError(value)
	if err != nil {
		msg := faults.ForceHeader + ": " + err.Error()
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			kit.Hint(r, msg)
			kit.WriteControlError(w, http.StatusBadRequest, msg)
		})
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		kit.Hint(r, faults.ForceHeader+" forced this error")
		h.ServeHTTP(w, r)
	})
}
