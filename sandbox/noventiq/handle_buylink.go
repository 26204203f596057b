package noventiq

import (
	"fmt"
	"net/http"

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
		raw, err := kit.ReadBodyText(w, r)
		if err != nil {
			kit.Hint(r, err.Error())
			writeErrors(w, r, []Error{NewError(InvalidJSON)})
			return
		}
		acct := accountOf(r)
		world := v.env.World()
		req, errs, packed := parseBuyLink(acct, raw, true)
		if len(errs) == 1 && errs[0].Code == InvalidJSON {
			kit.Hint(r, "the body is not a JSON object in valid UTF-8")
		}
		if len(errs) > 0 {
			writeErrors(w, r, errs)
			return
		}
		page, _ := acct.Page(req.MarketID) // the validation resolved it
		link := &freshLink{packed: packed, world: world, account: acct, created: v.env.Now()}
		if v.env.LocalLinks {
			link.host = r.Host
		}
		url := ""
		ev, err := saveLink(v.env.Store, v.links, link, func() string { return v.env.IDs.Digits("external_id", 8) }, func(id string) string {
			url = buyLink(world, link.host, page.Domain, id)
			return url
		})
		if err != nil {
			v.fail(w, r, err)
			return
		}
		if ev.n > 0 {
			kit.Hint(r, fmt.Sprintf("this link took the sandbox past its bound of %d links (--max-links): %d links never opened were evicted, oldest first, %s to %s", v.links.max, ev.n, ev.first, ev.last))
		}
		kit.WriteJSON(w, http.StatusOK, buyLinkResponse{BuyLink: url, ExternalID: link.id})
	})
}
