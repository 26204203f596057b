package noventiq

import (
	"fmt"
	"net/http"
	"time"

	"github.com/flashcart/flashcart/sandbox/internal/kit"
)

type buyLinkResponse struct {
	BuyLink    string `json:"buy_link"`
	ExternalID string `json:"external_id"`
}

// handleGenerateBuyLink is POST /v1/generate_buy_link: content type (111),
// body (110), currency and checkout page (3120, 3125), then every field.
func (v *Vendor) handleGenerateBuyLink() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !kit.IsJSON(r.Header.Get("Content-Type")) {
			kit.Hint(r, "Content-Type must be application/json, got "+fmt.Sprintf("%q", r.Header.Get("Content-Type")))
			writeErrors(w, r, []Error{NewError(InvalidContentType)})
			return
		}
		raw, err := kit.ReadBody(w, r)
		if err != nil {
			kit.Hint(r, err.Error())
			writeErrors(w, r, []Error{NewError(InvalidJSON)})
			return
		}
		acct := accountOf(r)
		req, errs := ParseBuyLink(acct, string(raw))
		if len(errs) == 1 && errs[0].Code == InvalidJSON {
			kit.Hint(r, "the body is not a JSON object in valid UTF-8")
		}
		if len(errs) > 0 {
			writeErrors(w, r, errs)
			return
		}
		world := v.env.World()
		link, err := newStoredLink(req, acct, v.env.Now(), time.Duration(world.Noventiq.LinkTTL))
		if err != nil {
			v.fail(w, r, err)
			return
		}
		err = saveLink(v.env.Store, link, func() string { return v.env.IDs.Digits("external_id", 8) }, func(id string) string {
			if v.env.LocalLinks {
				return "http://" + r.Host + "/basket/flash/" + id
			}
			return "https://" + link.Domain + world.Noventiq.TestSuffix + "/basket/flash/" + id
		})
		if err != nil {
			v.fail(w, r, err)
			return
		}
		kit.WriteJSON(w, http.StatusOK, buyLinkResponse{BuyLink: link.BuyLink, ExternalID: link.ExternalID})
	})
}
