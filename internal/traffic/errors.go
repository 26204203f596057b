package traffic

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/flashcart/flashcart/sandbox/noventiq"
)

// linkError is a generate_buy_link call that must fail with one code.
type linkError struct {
	code        int
	body        string
	contentType string // default application/json
	auth        string // default the client's token; "-" sends none
	force       string // X-Sandbox-Force-Error, for codes a body cannot cause
}

const upsellBody = `{"currency":"EUR","products":[{"id":111111,"name":"A","price":"10.00","quantity":1},{"id":222222,"name":"B","price":"5","quantity":1}],` +
	`"KEY":{"product_id":111111,"name":"Offer","products":[{"id":333333,"name":"Pro","name_for_upsell":"Go Pro","price":"20.00","quantity":1}]}}`

func edit(src string, pairs ...string) string { return strings.NewReplacer(pairs...).Replace(src) }

func upsell(key string, pairs ...string) string {
	return edit(edit(upsellBody, "KEY", key), pairs...)
}

const fourOffers = `"products":[{"id":333333,"name":"P1","name_for_upsell":"P1","price":"1","quantity":1},{"id":333333,"name":"P2","name_for_upsell":"P2","price":"1","quantity":1},{"id":444444,"name":"P3","name_for_upsell":"P3","price":"1","quantity":1},{"id":555555,"name":"P4","name_for_upsell":"P4","price":"1","quantity":1}]}}`

// linkErrors covers every documented code of generate_buy_link and of the
// token check.
var linkErrors = []linkError{
	{code: 110, body: `{"currency":`},
	{code: 111, body: ValidLinkBody, contentType: "text/plain"},
	{code: 1007, body: ValidLinkBody, auth: "Bearer not.a.token"},
	{code: 1008, body: ValidLinkBody, auth: "-"},
	{code: 1009, body: ValidLinkBody, force: "1009"},
	{code: 3010, body: edit(ValidLinkBody, `"EUR"`, `"eur"`)},
	{code: 3020, body: edit(ValidLinkBody, `"10.00"`, `"0.00"`)},
	{code: 3030, body: edit(ValidLinkBody, `"quantity"`, `"discount_percent":150,"quantity"`)},
	{code: 3040, body: edit(ValidLinkBody, `111111`, `222222`, `"quantity"`, `"subscription":{"period":"P1Y"},"quantity"`)},
	{code: 3050, body: edit(ValidLinkBody, `111111`, `999999`)},
	{code: 3060, body: edit(ValidLinkBody, `]}`, `],"customer":{"email":"a@b"}}`)},
	{code: 3070, body: edit(ValidLinkBody, `]}`, `,{"id":111111,"name":"B","price":"1","quantity":1}]}`)},
	{code: 3120, body: edit(ValidLinkBody, `"EUR"`, `"JPY"`)},
	{code: 3125, body: edit(ValidLinkBody, `"EUR"`, `"USD","market_id":1`)},
	{code: 3210, body: upsell("upsell", `"product_id":111111`, `"product_id":333333`)},
	{code: 3220, body: upsell("upsell", `"id":333333`, `"id":222222`)},
	{code: 3230, body: upsell("upsell", `"20.00"`, `"0.00"`)},
	{code: 3240, body: upsell("upsell", `"products":[{"id":333333,"name":"Pro","name_for_upsell":"Go Pro","price":"20.00","quantity":1}]}}`, fourOffers)},
	{code: 3310, body: upsell("upsell_exit", `"product_id":111111`, `"product_id":333333`)},
	{code: 3320, body: upsell("upsell_exit", `"id":333333`, `"id":222222`)},
	{code: 3330, body: upsell("upsell_exit", `"20.00"`, `"0.00"`)},
	{code: 3340, body: upsell("upsell_exit", `"products":[{"id":333333,"name":"Pro","name_for_upsell":"Go Pro","price":"20.00","quantity":1}]}}`, fourOffers)},
}

// LinkErrors returns one step per documented error of generate_buy_link,
// each checking that its code comes back.
func LinkErrors() []Step {
	steps := make([]Step, len(linkErrors))
	for i, e := range linkErrors {
		steps[i] = Step{Name: "link error " + strconv.Itoa(e.code), Weight: 1, Do: func(ctx context.Context, c *Client) error {
			h := c.Authed()
			switch e.auth {
			case "":
			case "-":
				h.Del(noventiq.TokenHeader)
			default:
				h.Set(noventiq.TokenHeader, e.auth)
			}
			if e.contentType != "" {
				h.Set("Content-Type", e.contentType)
			}
			if e.force != "" {
				h.Set("X-Sandbox-Force-Error", e.force)
			}
			resp, err := c.Do(ctx, http.MethodPost, noventiq.BuyLinkPath, h, []byte(e.body))
			status := http.StatusBadRequest
			if e.code >= 1007 && e.code <= 1009 {
				status = http.StatusUnauthorized
			}
			return expect(resp, err, status, e.code)
		}}
	}
	return steps
}

// Vendor is the mixed traffic of an integrator and its customers: logins,
// valid links, every kind of link error, purchases through the checkout,
// order lookups and searches, journal reads.
func Vendor() Mix {
	return append(Mix{Login(), LoginWrongPassword(), ValidLink(), Purchase(), OrderSearch(), JournalRead()}, LinkErrors()...)
}
