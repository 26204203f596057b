package scenarios

import (
	"strings"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/scenarios/internal/jsonnode"
	"github.com/flashcart/flashcart/scenarios/internal/match"
	"go.yaml.in/yaml/v3"
)

// Version is the scenario file format version this package reads.
const Version = 1

// DefaultStart is when the frozen clock of an in-process scenario starts,
// unless the scenario says otherwise.
var DefaultStart = time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)

// SandboxPrefix starts the paths of the sandbox-only control API.
const SandboxPrefix = "/_sandbox/"

// File is one scenario file.
type File struct {
	// Path is the file's path as it was found.
	Path      string
	Scenarios []*Scenario
}

// Scenario is a named, ordered list of steps run against one fresh sandbox.
type Scenario struct {
	// File is the path of the file the scenario is in; Index its position
	// there; Line its line.
	File  string
	Index int
	Line  int

	Name        string
	Description string
	Tags        []string
	// WorldPath is the world file the scenario needs ("" for the default
	// world); World is that world, loaded.
	WorldPath string
	World     *fixtures.World
	// Seed, when set, overrides the run's seed.
	Seed *uint64
	// Start is when the frozen clock starts.
	Start time.Time
	Steps []*Step

	// reads are the plain variables (username, solifyn.api_key, …) its
	// templates read.
	reads map[string]bool
}

// Reads reports whether the scenario's templates read the plain variable
// name, such as "solifyn.api_key".
func (s *Scenario) Reads(name string) bool { return s.reads[name] }

// HasTag reports whether the scenario carries any of the tags.
func (s *Scenario) HasTag(tags []string) bool {
	for _, t := range tags {
		for _, mine := range s.Tags {
			if strings.EqualFold(t, mine) {
				return true
			}
		}
	}
	return false
}

// ChangesClock reports whether a step moves the sandbox clock, which other
// scenarios sharing a live server would notice.
func (s *Scenario) ChangesClock() bool {
	for _, st := range s.Steps {
		if st.Kind == KindClock {
			return true
		}
	}
	return false
}

// Kind names what a step does; every kind is compiled into a Request.
type Kind string

// The step kinds.
const (
	KindRequest      Kind = "request"
	KindLogin        Kind = "login"
	KindClock        Kind = "clock"
	KindOpenLink     Kind = "open_link"
	KindAcceptOffer  Kind = "accept_offer"
	KindDeclineOffer Kind = "decline_offer"
	KindExitIntent   Kind = "exit_intent"
	KindCustomer     Kind = "customer"
	KindOrder        Kind = "order"
	KindWebhooks     Kind = "webhooks"
	// KindPaySession pays a Solifyn checkout session through its JSON twin.
	KindPaySession Kind = "pay_session"
	// KindRPC is a 2Checkout JSON-RPC call; KindRPCLogin its login, whose
	// HMAC the runner computes.
	KindRPC      Kind = "rpc"
	KindRPCLogin Kind = "rpc_login"
)

// Step is one request and what its response must be.
type Step struct {
	ID   string
	Line int
	Kind Kind
	// Index is the step's position in its scenario.
	Index   int
	Request Request
	// Expect is nil when nothing is checked.
	Expect *Expect
	// CapturesToken makes a 200 response's token the scenario's token.
	CapturesToken bool
	// RPCLogin, for an rpc_login step, is what the runner signs the login
	// with just before sending it; a JSON-RPC result of that step becomes
	// the scenario's 2Checkout session.
	RPCLogin *RPCLogin
}

// RPCLogin is a 2Checkout login: the runner dates it by the sandbox clock
// (in-process, or GET /_sandbox/clock of a flashcart target; else the real
// clock) plus Skew, and signs it with the HMAC of Algo keyed with Secret.
// Merchant and Secret may hold templates.
type RPCLogin struct {
	Merchant, Secret string
	// Algo is md5 (login's three parameters), sha256 or sha3-256 (sent as
	// the fourth).
	Algo string
	Skew time.Duration
}

// SandboxOnly reports whether only a flashcart sandbox can answer the
// step (its path is under /_sandbox/).
func (s *Step) SandboxOnly() bool { return strings.HasPrefix(s.Request.Path, SandboxPrefix) }

// LinkPlaceholder is replaced in a checkout step's path by the id of
// Request.Link: a Noventiq link's external id, or a Solifyn session's id.
const LinkPlaceholder = "{link}"

// Request is what a step sends. Strings may hold ${…} templates.
type Request struct {
	Method string
	// Path is the path, without scheme and host.
	Path string
	// Link, for checkout steps, is a buy link or external id, or a Solifyn
	// session's id, session_id or checkout_url, whose id replaces
	// LinkPlaceholder in Path.
	Link   string
	Query  []Pair
	Header []Pair
	// Auth sends the scenario's token in AuthorizationJWT, when it holds
	// one and Header does not set AuthorizationJWT.
	Auth bool
	// Body is a JSON body written as YAML; RawBody a body sent as it is.
	// At most one is set.
	Body    *yaml.Node
	RawBody *string
}

// Pair is a name and a templated value.
type Pair struct {
	Name, Value string
}

// Expect is what a response must be.
type Expect struct {
	// Status is the HTTP status; 0 is not checked.
	Status int
	// Headers, when set, is an object expectation on the named headers
	// (canonical names).
	Headers *match.Node
	// Body, when set, is the expectation on the JSON body.
	Body *match.Node
	// Partial lets body objects hold keys the expectation does not list.
	Partial bool
	// Signatures, when set, checks the signature of every webhook delivery
	// the response (a GET /_sandbox/webhooks listing) holds.
	Signatures *Signatures
}

// SchemeStandardWebhooks is the Standard Webhooks signing scheme
// (webhook-id, webhook-timestamp, webhook-signature; Solifyn's).
const SchemeStandardWebhooks = "standard-webhooks"

// Signatures is how the deliveries of a webhook listing must be signed.
type Signatures struct {
	// Scheme is SchemeStandardWebhooks, the one known.
	Scheme string
	// Secret is the signing secret, a template ("whsec_…").
	Secret string
}

// BodyJSON returns the request's body as it would be sent, with its
// templates left unexpanded; nil when it has none.
func (r *Request) BodyJSON() ([]byte, error) {
	switch {
	case r.RawBody != nil:
		return []byte(*r.RawBody), nil
	case r.Body != nil:
		return jsonnode.ToJSON(r.Body, nil)
	}
	return nil, nil
}
