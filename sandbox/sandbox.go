package sandbox

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"log/slog"
	mrand "math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/faults"
	"github.com/flashcart/flashcart/sandbox/internal/journal"
	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/flashcart/flashcart/sandbox/internal/outbox"
	"github.com/flashcart/flashcart/sandbox/internal/store"
)

// MaxBodyBytes is the largest request body the sandbox reads.
const MaxBodyBytes = kit.MaxBodyBytes

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
	// Seed makes ids and secrets repeatable; nil draws one. With a durable
	// store, the secrets of the store's first start are kept and later
	// starts draw ids from a different stream, so no id repeats.
	Seed *uint64
	// Clock tells the sandbox's time; nil means a live clock.
	Clock *Clock
	// StatePath, when set, keeps every vendor's records in this bbolt
	// database file across restarts; empty means memory. Close closes it.
	StatePath string
	// LocalLinks makes checkout links point at the address the request
	// came to (http://<Host>/…) instead of the vendor's real hosts.
	LocalLinks bool
	// MaxLinks bounds the checkout links kept: past it, the oldest links
	// never opened are evicted, and counted (Stats); 0 means
	// noventiq.DefaultMaxLinks.
	MaxLinks int
	// JournalSize bounds the request journal in entries; 0 means 1000.
	// JournalBytes bounds it in bytes; 0 means 64 MiB.
	JournalSize  int
	JournalBytes int
	// Logger receives the sandbox's logs; nil discards them.
	Logger *slog.Logger
	// Control guards the control API (/_sandbox/…); the zero value leaves
	// it open to every caller, as in-process use needs.
	Control ControlAccess
	// WebhookBackoff, when set, replaces every vendor's webhook retry
	// schedule (the wait after the n-th failed attempt), so that tests
	// need not wait.
	WebhookBackoff func(n int) time.Duration
	// WebhookClient, when set, sends the webhooks; it should not follow
	// redirects.
	WebhookClient *http.Client

	// store, set by this package's tests, replaces the store StatePath
	// names.
	store store.Store
}

// Sandbox is one emulated environment of every vendor.
type Sandbox struct {
	world   atomic.Pointer[fixtures.World]
	clock   *Clock
	seed    uint64
	ids     *kit.Generator
	store   store.Store
	journal *journal.Journal
	log     *slog.Logger
	handler http.Handler
	faults  *faults.Set
	control ControlAccess
	worlds  worldSource
	started time.Time
	outbox  *outbox.Outbox
	vendors *vendors
	stop    context.CancelFunc
	done    chan struct{}
}

// New builds a sandbox and starts its background work: webhook delivery
// and subscription renewals. Close stops it.
func New(opts Options) (*Sandbox, error) {
	var err error
	s := &Sandbox{
		clock:   opts.Clock,
		log:     opts.Logger,
		control: opts.Control,
		worlds:  worldSource{file: opts.WorldFile, prepare: opts.PrepareWorld},
		started: time.Now(),
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
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if w.Notice != "" {
		s.log.Warn(w.Notice, "file", opts.WorldFile)
	}
	if s.seed, err = pickSeed(opts.Seed); err != nil {
		return nil, err
	}
	if s.store = opts.store; s.store == nil {
		s.store, err = openStore(opts.StatePath)
	}
	if err != nil {
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	before, err := store.Start(s.store)
	if err != nil {
		_ = s.store.Close()
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	s.ids = kit.NewIDs(store.StreamSeed(s.seed, before))
	s.faults = faults.New(mrand.New(mrand.NewPCG(s.seed, faultStream)))
	size := opts.JournalSize
	if size == 0 {
		size = 1000
	}
	s.outbox = outbox.New(s.store, s.clock.Now, s.log.With("component", "webhooks"))
	if opts.WebhookClient != nil {
		s.outbox.Client = opts.WebhookClient
	}
	env := kit.Env{
		World: s.World, Now: s.clock.Now, IDs: s.ids, Store: s.store, Outbox: s.outbox,
		Log: s.log, LocalLinks: opts.LocalLinks, Seeded: opts.Seed != nil, MaxLinks: opts.MaxLinks,
	}
	if s.vendors, err = build(env); err != nil {
		_ = s.store.Close()
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	if opts.WebhookBackoff != nil {
		s.outbox.Override(opts.WebhookBackoff)
	}
	budget := opts.JournalBytes
	if budget == 0 {
		budget = journal.DefaultMaxBytes
	}
	s.journal = journal.NewBounded(size, budget, s.vendors.redact)
	s.outbox.Observe = s.journalAttempt
	s.handler = s.routes()
	s.start()
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

// openStore opens the durable store at path, or memory when path is empty.
func openStore(path string) (store.Store, error) {
	if path == "" {
		return store.NewMemory(), nil
	}
	return store.OpenBolt(path)
}

// catchUpEvery is how often every vendor does what the clock has made due
// when no request made it look.
const catchUpEvery = time.Second

// start runs the outbox and every vendor's catching up with the clock until
// Close.
func (s *Sandbox) start() {
	ctx, stop := context.WithCancel(context.Background())
	s.stop, s.done = stop, make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() { s.outbox.Run(ctx) })
	wg.Go(func() {
		t := time.NewTicker(catchUpEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				for _, m := range s.vendors.list {
					m.v.CatchUp(true)
				}
			}
		}
	})
	go func() {
		wg.Wait()
		close(s.done)
	}()
}

// Close stops the sandbox's background work — webhook delivery and
// subscription renewals — and closes its store. Pending deliveries stay in
// a durable store.
func (s *Sandbox) Close() error {
	s.stop()
	<-s.done
	return s.store.Close()
}

// Handler serves every vendor's API and pages, and the control API.
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

// Seed returns the seed the sandbox was given or drew.
func (s *Sandbox) Seed() uint64 { return s.seed }

// Vendors lists the names of the vendors the sandbox serves, in routing
// order.
func (s *Sandbox) Vendors() []string {
	names := make([]string, len(s.vendors.list))
	for i, m := range s.vendors.list {
		names[i] = m.name
	}
	return names
}

// clockMoved tells every vendor the clock moved, so that what it made due
// happens at once, and wakes the outbox, whose retries may run on the
// sandbox clock.
func (s *Sandbox) clockMoved() {
	s.catchUp(true)
	s.outbox.Kick()
}

// catchUp has every vendor do what the clock has made due, before a
// control request reads what it changes.
func (s *Sandbox) catchUp(force bool) {
	for _, m := range s.vendors.list {
		m.v.CatchUp(force)
	}
}

// journalAttempt journals one webhook attempt: the sandbox's own request,
// shown beside the requests it answered.
func (s *Sandbox) journalAttempt(d *outbox.Delivery, a outbox.Attempt) {
	outcome := "delivered"
	if a.Error != "" {
		outcome = a.Error
	}
	s.journal.Add(journal.Entry{
		Time: a.At, Vendor: d.Vendor, Method: "WEBHOOK", Path: d.URL, Status: a.Status, Account: d.Account,
		Hints: []string{d.Event + " " + d.ID + " (attempt " + strconv.Itoa(len(d.Attempts)) + ", now " + string(d.State) + "): " + outcome},
	})
}
