package requests

import (
	"fmt"
	"net/http"

	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/scenarios"
	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/form"
)

// Noventiq is generate_buy_link, starting on the reference's first
// example and validated by the sandbox's decoder and validator against the
// account catalogue returns (the syntax only while it returns nil).
func Noventiq(catalogue func() noventiq.Catalogue) []Request {
	seed := noventiq.SeedExamples()[0]
	return []Request{{
		Name:   noventiq.BuyLinkFields.Name,
		Schema: form.Body(noventiq.BuyLinkFields.Fields),
		Call:   client.BuyLinkCall,
		Validate: func(body []byte) []client.Problem {
			var cat noventiq.Catalogue
			if catalogue != nil {
				cat = catalogue()
			}
			return validateBuyLink(cat, body)
		},
		Initial: seed.Body, InitialName: seed.Name,
	}}
}

// validateBuyLink runs the sandbox's own decoder and validator on body;
// without a catalogue, the decoder only.
func validateBuyLink(cat noventiq.Catalogue, body []byte) []client.Problem {
	decoded, bad := noventiq.DecodeBuyLink(body)
	if bad != nil {
		return []client.Problem{problem(*bad)}
	}
	if cat == nil {
		return nil
	}
	_, errs := noventiq.ValidateBuyLink(cat, decoded)
	out := make([]client.Problem, len(errs))
	for i, e := range errs {
		out[i] = problem(e)
	}
	return out
}

func problem(e noventiq.Error) client.Problem {
	return client.Problem{Code: fmt.Sprint(int(e.Code)), Message: e.Message, Path: e.Path}
}

// NoventiqStep returns the generate_buy_link body a scenario step sends.
func NoventiqStep(st *scenarios.Step) (name string, body []byte, ok bool, err error) {
	r := st.Request
	if st.Kind != scenarios.KindRequest || r.Method != http.MethodPost || r.Path != client.BuyLinkPath || (r.Body == nil && r.RawBody == nil) {
		return "", nil, false, nil
	}
	body, err = r.BodyJSON()
	return noventiq.BuyLinkFields.Name, body, true, err
}
