package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/flashcart/flashcart/sandbox/internal/store"
)

// Reset removes records: a vendor's, an account's, or both; with neither,
// every record, and then the journal and the injected faults are cleared
// too. The secrets and id streams are kept, so issued tokens stay valid
// and ids never repeat. It returns how many records it removed per bucket.
func (s *Sandbox) Reset(vendor, account string) (map[string]int, error) {
	scope := store.Scope{Account: account, Keep: []string{store.MetaBucket}}
	if vendor != "" {
		m, ok := s.vendors.byName[vendor]
		if !ok {
			return nil, fmt.Errorf("no vendor %q; the vendors are %v", vendor, s.Vendors())
		}
		scope.Vendor, scope.Buckets = vendor, m.v.Buckets()
	}
	removed, err := store.Reset(s.store, scope)
	if err != nil {
		return nil, err
	}
	if vendor == "" && account == "" {
		s.journal.Clear()
		s.faults.Clear()
	}
	s.log.Info("sandbox reset", "vendor", vendor, "account", account, "removed", removed)
	return removed, nil
}

// resetRequest is the body of POST /_sandbox/reset; nothing named means
// everything.
type resetRequest struct {
	Vendor  json.RawMessage `json:"vendor"`
	Account json.RawMessage `json:"account"`
}

type resetResult struct {
	Vendor  string         `json:"vendor,omitempty"`
	Account string         `json:"account,omitempty"`
	Removed map[string]int `json:"removed"`
	// JournalCleared and FaultsCleared are true for a reset of everything.
	JournalCleared bool `json:"journal_cleared"`
	FaultsCleared  bool `json:"faults_cleared"`
}

// name reads an optional non-empty string of a reset body.
func name(raw json.RawMessage, key, what string) (string, error) {
	if raw == nil {
		return "", nil
	}
	var v string
	if json.Unmarshal(raw, &v) != nil || v == "" {
		return "", fmt.Errorf("%q must name %s; leave it out to reset every one", key, what)
	}
	return v, nil
}

// handleReset is POST /_sandbox/reset.
func (s *Sandbox) handleReset() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req resetRequest
		if err := decodeControl(w, r, &req); err != nil {
			kit.WriteControlError(w, http.StatusBadRequest, `the body must be empty, {} or {"vendor":"<name>","account":"<username>"} (either or both): `+err.Error())
			return
		}
		vendor, err := name(req.Vendor, "vendor", "a vendor")
		var account string
		if err == nil {
			account, err = name(req.Account, "account", "an account")
		}
		if _, known := s.vendors.byName[vendor]; err == nil && vendor != "" && !known {
			err = fmt.Errorf("no vendor %q; the vendors are %v", vendor, s.Vendors())
		}
		if err != nil {
			kit.WriteControlError(w, http.StatusBadRequest, err.Error())
			return
		}
		removed, err := s.Reset(vendor, account)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		all := vendor == "" && account == ""
		kit.WriteJSON(w, http.StatusOK, resetResult{Vendor: vendor, Account: account, Removed: removed, JournalCleared: all, FaultsCleared: all})
	})
}
