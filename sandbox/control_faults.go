package sandbox

import (
	"fmt"
	"net/http"

	"github.com/flashcart/flashcart/sandbox/internal/faults"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/gorilla/mux"
)

type faultList struct {
	Faults []faults.Rule `json:"faults"`
}

// handleFaultsList is GET /_sandbox/faults.
func (s *Sandbox) handleFaultsList() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		kit.WriteJSON(w, http.StatusOK, faultList{Faults: s.faults.List()})
	})
}

// handleFaultsAdd is POST /_sandbox/faults.
func (s *Sandbox) handleFaultsAdd() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var spec faults.Spec
		if err := decodeControl(w, r, &spec); err != nil {
			kit.WriteControlError(w, http.StatusBadRequest, "the body must be a fault: "+err.Error())
			return
		}
		rule, err := s.faults.Add(spec, s.forceFault)
		if err != nil {
			kit.WriteControlError(w, http.StatusBadRequest, err.Error())
			return
		}
		kit.WriteJSON(w, http.StatusCreated, rule)
	})
}

// handleFaultsClear is DELETE /_sandbox/faults.
func (s *Sandbox) handleFaultsClear() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.faults.Clear()
		kit.WriteJSON(w, http.StatusOK, faultList{Faults: []faults.Rule{}})
	})
}

// handleFaultsRemove is DELETE /_sandbox/faults/{id}.
func (s *Sandbox) handleFaultsRemove() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := mux.Vars(r)["id"]
		if !s.faults.Remove(id) {
			kit.WriteControlError(w, http.StatusNotFound, "no active fault "+id)
			return
		}
		kit.WriteJSON(w, http.StatusOK, faultList{Faults: s.faults.List()})
	})
}

// forceFault makes the answer of a fault's forced error: the error of the
// fault's vendor, or else of the vendor serving the path (the first vendor
// for a pattern).
func (s *Sandbox) forceFault(spec faults.Spec, code string) (http.Handler, error) {
	m := s.vendors.list[0]
	if spec.Vendor != "" {
		var ok bool
		if m, ok = s.vendors.byName[spec.Vendor]; !ok {
			return nil, fmt.Errorf("no vendor %q; the vendors are %v", spec.Vendor, s.Vendors())
		}
	} else if req, err := http.NewRequest(http.MethodGet, spec.Path, nil); err == nil {
		m, _, _ = s.vendors.route(req)
	}
	return m.v.ForcedError(code)
}
