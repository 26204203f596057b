package solifyn

import (
	"net/http"
	"slices"
	"strings"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/journal"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
)

// Name is the vendor's name in the sandbox: in the journal, the outbox,
// the world file and the control API.
const Name = "solifyn"

// Vendor is Solifyn on the engine's services: its REST routes and hosted
// checkout (Routes), and the checkout's JSON twin (Control).
type Vendor struct {
	env kit.Env
}

// New builds the vendor and registers its webhook policy (Svix's schedule
// on the sandbox clock, each attempt signed anew) with the outbox.
func New(env kit.Env) *Vendor {
	v := &Vendor{env: env}
	env.Outbox.Register(Name, v.webhookPolicy())
	return v
}

// Name is the vendor's name.
func (v *Vendor) Name() string { return Name }

// noSection is what a world without a Solifyn section serves: no
// currency, no business, so every key is refused.
var noSection = &fixtures.Solifyn{}

// section returns the world's Solifyn section, or an empty one.
func (v *Vendor) section() *fixtures.Solifyn {
	if s := v.env.World().Solifyn; s != nil {
		return s
	}
	return noSection
}

// Hosts are the vendor's real hosts: its live and test API hosts and the
// checkout host. The host of a world's own checkout_base is not claimed:
// it may be the sandbox's own address, which every vendor shares; the
// hosted checkout's path reaches Solifyn whatever the host.
func (v *Vendor) Hosts() []string { return slices.Clone(Hosts) }

// IsAPI reports whether a path is one of the vendor's API calls, which
// X-Sandbox-Force-Error applies to: every path but the hosted checkout's
// pages and files.
func (v *Vendor) IsAPI(path string) bool {
	return !strings.HasPrefix(path, "/checkout/test/") && !strings.HasPrefix(path, AssetsPath)
}

// Buckets are the store buckets of the vendor's records.
func (v *Vendor) Buckets() []string { return slices.Clone(Buckets) }

// CatchUp has nothing to do: nothing of the vendor's waits for the clock.
func (v *Vendor) CatchUp(bool) {}

// Status answers an injected HTTP status in NestJS's body for an exception
// made without a message: {"message":"<status name>","statusCode":N}, and
// its own body for 500.
func (v *Vendor) Status(code int) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v.fail(w, r, &Failure{Status: code, Message: statusName(code)})
	})
}

// Redact hides the world's API keys and webhook secrets wherever a journal
// entry's query or bodies hold one (the Authorization header is hidden by
// the engine).
func (v *Vendor) Redact(e *journal.Entry) {
	var secrets []string
	for _, b := range v.section().Businesses {
		secrets = append(secrets, b.APIKeys...)
		if b.Webhook.Secret != "" {
			secrets = append(secrets, b.Webhook.Secret)
		}
	}
	for _, s := range secrets {
		e.Query = strings.ReplaceAll(e.Query, s, "[redacted]")
		e.RequestBody = strings.ReplaceAll(e.RequestBody, s, "[redacted]")
		e.ResponseBody = strings.ReplaceAll(e.ResponseBody, s, "[redacted]")
	}
}
