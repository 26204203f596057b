// Package sandbox is an offline, faithful emulation of the Dynamic Product
// Checkout API. New returns a Sandbox whose Handler serves the vendor's
// routes (/v1/…) and the sandbox-only control API (/_sandbox/…); it can be
// mounted on any server or called in-process.
package sandbox

import (
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"log/slog"
	mrand "math/rand/v2"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/auth"
	"github.com/flashcart/flashcart/sandbox/internal/faults"
	"github.com/flashcart/flashcart/sandbox/internal/ids"
	"github.com/flashcart/flashcart/sandbox/internal/journal"
	"github.com/flashcart/flashcart/sandbox/internal/store"
)

// MaxBodyBytes is the largest request body the sandbox reads.
const MaxBodyBytes = 1 << 20

// Options configure a Sandbox; the zero value is a working sandbox with the
// default world, a live clock, a random seed and memory storage.
type Options struct {
	// World is what the sandbox knows; nil means fixtures.Default().
	World *fixtures.World
	// WorldFile names the file World was loaded from; ReloadWorld reads it
	// again. Empty means World cannot be reloaded.
	WorldFile string
	// PrepareWorld, when set, adjusts every world reloaded from WorldFile
	// the way World was adjusted, such as with command-line overrides.
	PrepareWorld func(*fixtures.World) error
	// Seed makes ids and token secrets repeatable; nil draws one. With a
	// durable store, the token secret of the store's first start is kept
	// and later starts draw ids from a different stream, so no id repeats.
	Seed *uint64
	// Clock tells the sandbox's time; nil means a live clock.
	Clock *Clock
	// StatePath, when set, keeps every vendor's records in this bbolt
	// database file across restarts; empty means memory. Close closes it.
	StatePath string
	// LocalLinks makes buy links point at the address the request came to
	// (http://<Host>/basket/flash/<id>) instead of the faithful
	// https://<domain><test suffix>/basket/flash/<id>.
	LocalLinks bool
	// JournalSize bounds the request journal; 0 means 1000 entries.
	JournalSize int
	// Logger receives the sandbox's logs; nil discards them.
	Logger *slog.Logger
	// Control guards the control API (/_sandbox/…); the zero value leaves
	// it open to every caller, as in-process use needs.
	Control ControlAccess
	// WebhookBackoff, when set, replaces the webhook retry schedule (the
	// wait after the n-th failed attempt), so that tests need not wait.
	WebhookBackoff func(n int) time.Duration
	// WebhookClient, when set, sends the webhooks.
	WebhookClient *http.Client
}

// Sandbox is one emulated vendor environment.
type Sandbox struct {
	world      atomic.Pointer[fixtures.World]
	clock      *Clock
	seed       uint64
	ids        *ids.Generator
	tokens     *auth.Issuer
	store      store.Store
	journal    *journal.Journal
	log        *slog.Logger
	localLinks bool
	handler    http.Handler
	faults     *faults.Set
	control    ControlAccess
	worlds     worldSource
	started    time.Time
	shop       commerce
}

// New builds a sandbox.
func New(opts Options) (*Sandbox, error) {
	var err error
	s := &Sandbox{
		clock:      opts.Clock,
		log:        opts.Logger,
		localLinks: opts.LocalLinks,
		control:    opts.Control,
		worlds:     worldSource{file: opts.WorldFile, prepare: opts.PrepareWorld},
		started:    time.Now(),
	}
	w := opts.World
	if w == nil {
		w = fixtures.Default()
	}
	s.world.Store(w)
	s.worlds.status = newWorldStatus(opts.WorldFile, w, s.started)
	if s.clock == nil {
		s.clock = LiveClock()
	}
	if s.store, err = openStore(opts.StatePath); err != nil {
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.seed, err = pickSeed(opts.Seed); err != nil {
		return nil, err
	}
	before, err := store.Start(s.store)
	if err != nil {
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	s.ids = ids.New(store.StreamSeed(s.seed, before))
	var derive func() []byte
	if opts.Seed != nil {
		derive = func() []byte { return []byte(s.ids.Hex("token-secret", 64)) }
	}
	secret, err := store.TokenSecret(s.store, derive)
	if err != nil {
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	s.tokens = auth.NewIssuer(secret, s.clock.Now)
	s.faults = faults.New(mrand.New(mrand.NewPCG(s.seed, faultStream)))
	size := opts.JournalSize
	if size == 0 {
		size = 1000
	}
	s.journal = journal.New(size, redactEntry)
	s.startCommerce(opts)
	s.handler = s.routes()
	return s, nil
}

// faultStream keeps injected latencies off the id streams.
const faultStream = 0xfa17

func pickSeed(seed *uint64) (uint64, error) {
	if seed != nil {
		return *seed, nil
	}
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return 0, fmt.Errorf("sandbox: draw a seed: %w", err)
	}
	return binary.LittleEndian.Uint64(b[:]), nil
}

// Handler serves the vendor API, the checkout pages and the control API.
func (s *Sandbox) Handler() http.Handler { return s.handler }

// World returns the world the sandbox serves now.
func (s *Sandbox) World() *fixtures.World { return s.world.Load() }

// Clock returns the sandbox's clock.
func (s *Sandbox) Clock() *Clock { return s.clock }

// Journal is the sandbox's bounded record of the requests it answered.
type Journal = journal.Journal

// JournalEntry is one request and its response, as the journal keeps it
// and GET /_sandbox/journal answers it.
type JournalEntry = journal.Entry

// Journal returns the request journal.
func (s *Sandbox) Journal() *Journal { return s.journal }

// openStore opens the durable store at path, or memory when path is empty.
func openStore(path string) (store.Store, error) {
	if path == "" {
		return store.NewMemory(), nil
	}
	return store.OpenBolt(path)
}

// Seed returns the seed the sandbox was given or drew.
func (s *Sandbox) Seed() uint64 { return s.seed }

// Faults returns the faults injected into vendor calls.
func (s *Sandbox) Faults() *faults.Set { return s.faults }
