package runner

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/flashcart/flashcart/internal/stdwebhooks"
	"github.com/flashcart/flashcart/scenarios"
	"github.com/flashcart/flashcart/scenarios/internal/match"
)

// listing is a GET /_sandbox/webhooks answer, each body kept as listed:
// the bytes that were signed and sent.
type listing struct {
	Deliveries []struct {
		ID     string          `json:"id"`
		Header http.Header     `json:"headers"`
		Body   json.RawMessage `json:"body"`
	} `json:"deliveries"`
}

// checkSignatures verifies, with the Standard Webhooks verifier, the
// signatures of every delivery of a webhook listing under both header
// families; a listing without a delivery is a problem, so that the check
// checks something.
func (x *exec) checkSignatures(sig *scenarios.Signatures, raw []byte) []match.Problem {
	secret, err := x.scope.ExpandString(sig.Secret)
	if err != nil {
		return []match.Problem{{Path: "signatures.secret", Msg: err.Error()}}
	}
	var l listing
	if err := json.Unmarshal(raw, &l); err != nil {
		return []match.Problem{{Path: "body", Msg: "expected a webhook listing, got " + snippet(raw)}}
	}
	if len(l.Deliveries) == 0 {
		return []match.Problem{{Path: "body.deliveries", Msg: "no delivery to check the signature of"}}
	}
	var problems []match.Problem
	for i, d := range l.Deliveries {
		for _, prefix := range []string{stdwebhooks.WebhookPrefix, stdwebhooks.SvixPrefix} {
			h := d.Header
			if err := stdwebhooks.Verify(secret, h.Get(prefix+"id"), h.Get(prefix+"timestamp"), h.Get(prefix+"signature"), d.Body); err != nil {
				problems = append(problems, match.Problem{Path: fmt.Sprintf("body.deliveries[%d].headers", i), Msg: fmt.Sprintf("%s (%s…): %v", d.ID, prefix, err)})
			}
		}
	}
	return problems
}
