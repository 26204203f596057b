// Command flashcart is an offline sandbox of vendors' checkout APIs — the
// Dynamic Product Checkout API of Noventiq, Solifyn's checkout sessions and
// 2Checkout's JSON-RPC API — with a terminal workbench. It wires flags to the packages that do the
// work and holds no logic of its own.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/internal/httpserver"
	"github.com/flashcart/flashcart/internal/traffic"
	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/scenarios"
	"github.com/flashcart/flashcart/tui"
)

const usage = `flashcart — an offline sandbox of vendors' checkout APIs (Noventiq, Solifyn, 2Checkout)

Usage:
  flashcart [--addr ADDR] [--scenarios PATH]...
                            the terminal workbench, with the sandbox listening (127.0.0.1:8080)
  flashcart serve [flags]   the sandbox alone, headless
  flashcart run [flags] PATH...
                            run scenario files or folders (in-process, or --target URL)
  flashcart record [flags]  a recording proxy that writes traffic as a scenario file
  flashcart state check PATH
                            report what a --state file holds, or why it cannot be used
  flashcart version         the version

Run 'flashcart <command> --help' for a command's flags.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (strings.HasPrefix(args[0], "-") && args[0] != "-h" && args[0] != "--help") {
		return workbench(args, stdout, stderr)
	}
	switch args[0] {
	case "serve":
		return serve(args[1:], stdout, stderr)
	case "run":
		return runScenarios(args[1:], stdout, stderr)
	case "record":
		return record(args[1:], stdout, stderr)
	case "state":
		return state(args[1:], stdout, stderr)
	case "version":
		return printVersion(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "flashcart: unknown command %q\n\n%s", args[0], usage)
		return 1
	}
}

// flagSet is a command's flags: its usage goes to stdout when asked for
// (--help, so that it pipes into less) and to stderr after a mistake.
type flagSet struct {
	*flag.FlagSet
	usage          bytes.Buffer
	stdout, stderr io.Writer
}

// newFlags returns the flag set of a command.
func newFlags(name, synopsis string, stdout, stderr io.Writer) *flagSet {
	fs := &flagSet{FlagSet: flag.NewFlagSet(name, flag.ContinueOnError), stdout: stdout, stderr: stderr}
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(&fs.usage, "Usage: flashcart %s\n\nFlags:\n", synopsis)
		fs.SetOutput(&fs.usage)
		fs.PrintDefaults()
		fs.SetOutput(stderr)
	}
	return fs
}

// parse parses args and says what became of them: 0 when help was asked
// for (the usage went to stdout), 1 after a mistake (the usage went to
// stderr), -1 to go on.
func (fs *flagSet) parse(args []string) int {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		_, _ = fs.usage.WriteTo(fs.stdout)
		return 0
	case err != nil:
		_, _ = fs.usage.WriteTo(fs.stderr)
		return 1
	}
	return -1
}

// parseFlags parses args, which take no positional argument; it returns
// the exit code to stop with, or -1.
func parseFlags(fs *flagSet, args []string) int {
	if code := fs.parse(args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.stderr, "flashcart: unexpected argument %q\n", fs.Arg(0))
		return 1
	}
	return -1
}

// seedFlag is an optional uint64 flag.
type seedFlag struct{ v *uint64 }

func (s *seedFlag) String() string {
	if s.v == nil {
		return ""
	}
	return strconv.FormatUint(*s.v, 10)
}

func (s *seedFlag) Set(v string) error {
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		return fmt.Errorf("seed must be a non-negative integer")
	}
	s.v = &n
	return nil
}

// linksFlag chooses the form of buy links.
type linksFlag struct{ local bool }

func (l *linksFlag) String() string {
	if l.local {
		return "local"
	}
	return "faithful"
}

func (l *linksFlag) Set(v string) error {
	switch v {
	case "faithful":
		l.local = false
	case "local":
		l.local = true
	default:
		return fmt.Errorf(`links must be "faithful" or "local"`)
	}
	return nil
}

type readyLine struct {
	Event    string `json:"event"`
	URL      string `json:"url"`
	Username string `json:"username"`
	Password string `json:"password"`
	// Solifyn is the key of the world's first Solifyn business, when it
	// has one.
	Solifyn *traffic.ReadySolifyn `json:"solifyn,omitempty"`
	// TwoCheckout is the world's first 2Checkout merchant, when it has one.
	TwoCheckout *twoCheckoutReady `json:"twocheckout,omitempty"`
}

// twoCheckoutReady is a 2Checkout merchant's credentials in the ready line.
type twoCheckoutReady struct {
	MerchantCode string `json:"merchant_code"`
	SecretKey    string `json:"secret_key"`
}

// readyOf is the ready line of a sandbox serving world at url: the first
// Noventiq account, and the first Solifyn business's key and 2Checkout
// merchant when the world has them.
func readyOf(world *fixtures.World, url string) readyLine {
	first := world.Noventiq.Accounts[0]
	line := readyLine{Event: "ready", URL: url, Username: first.Username, Password: first.Password}
	if sol := world.Solifyn; sol != nil {
		line.Solifyn = &traffic.ReadySolifyn{APIKey: sol.Businesses[0].APIKeys[0]}
	}
	if tc := world.TwoCheckout; tc != nil {
		line.TwoCheckout = &twoCheckoutReady{MerchantCode: tc.Merchants[0].Code, SecretKey: tc.Merchants[0].SecretKey}
	}
	return line
}

// ServeGCPercent and ServeMemoryLimit are the garbage collector's target
// and soft limit while flashcart serve runs, unless GOGC or GOMEMLIMIT
// say otherwise: a sandbox's live heap is small, and at Go's default
// target of 100 a server under load spends much of its time, and its p99,
// collecting it (docs/performance.md). The soft limit holds the heap of a
// large sandbox (hundreds of thousands of links) to what the default
// target would use: past ServeMemoryLimit/5 of live heap it collects more
// often than 400 would, as often as 100 at ServeMemoryLimit/2.
const (
	ServeGCPercent   = 400
	ServeMemoryLimit = 4 << 30
)

// serveGC sets ServeGCPercent and ServeMemoryLimit unless the environment
// sets them; the function it returns restores the settings before.
func serveGC() (restore func()) {
	gc, limit := -2, int64(-1)
	if os.Getenv("GOGC") == "" {
		gc = debug.SetGCPercent(ServeGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		limit = debug.SetMemoryLimit(ServeMemoryLimit)
	}
	return func() {
		if gc != -2 {
			debug.SetGCPercent(gc)
		}
		if limit >= 0 {
			debug.SetMemoryLimit(limit)
		}
	}
}

func serve(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "serve [flags]", stdout, stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; port 0 picks a free port")
	worldPath := fs.String("world", "", "world file to load instead of the embedded default")
	var seed seedFlag
	fs.Var(&seed, "seed", "seed for ids and token secrets, for repeatable runs")
	statePath := fs.String("state", "", "keep links, orders and tokens in this database file across restarts (default: memory)")
	var links linksFlag
	fs.Var(&links, "links", `buy link form: "faithful" (https://<domain>.demoslweb.ru/…) or "local" (this server's URL)`)
	controlToken := fs.String("control-token", "", "lets clients off loopback use the control API (/_sandbox/…) by sending it in X-Sandbox-Control-Token; without it only loopback clients may")
	maxConns := fs.Int("max-conns", httpserver.DefaultMaxConns, "connections served at once; more are answered 503")
	webhookURL := fs.String("webhook-url", "", "send every account's webhooks to this URL (overrides the world file)")
	webhookSecret := fs.String("webhook-secret", "", "sign every account's webhooks with this secret (overrides the world file)")
	solifynURL := fs.String("solifyn-webhook-url", "", "send every Solifyn business's webhooks to this URL (overrides the world file)")
	solifynSecret := fs.String("solifyn-webhook-secret", "", "sign every Solifyn business's webhooks with this whsec_ secret (overrides the world file)")
	ipnURL := fs.String("twocheckout-ipn-url", "", "send every 2Checkout merchant's IPNs to this URL (overrides the world file)")
	maxLinks := fs.Int("max-links", noventiq.DefaultMaxLinks, "buy links kept; past it the oldest never opened are evicted, counted in /_sandbox/stats and hinted in the journal")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if *maxConns < 1 {
		fmt.Fprintln(stderr, "flashcart: --max-conns must be at least 1")
		return 1
	}
	if *maxLinks < 1 {
		fmt.Fprintln(stderr, "flashcart: --max-links must be at least 1")
		return 1
	}
	defer serveGC()()
	log := slog.New(slog.NewTextHandler(stderr, nil))
	world := fixtures.Default()
	if *worldPath != "" {
		w, err := fixtures.Load(*worldPath)
		if err != nil {
			fmt.Fprintf(stderr, "flashcart: %v\n", err)
			return 2
		}
		world = w
	}
	prepare := func(w *fixtures.World) error {
		return errors.Join(w.SetWebhook(*webhookURL, *webhookSecret), w.SetSolifynWebhook(*solifynURL, *solifynSecret), w.SetTwoCheckoutIPN(*ipnURL))
	}
	if err := prepare(world); err != nil {
		fmt.Fprintf(stderr, "flashcart: %v\n", err)
		return 2
	}
	sb, err := sandbox.New(sandbox.Options{
		World: world, WorldFile: *worldPath, Seed: seed.v, StatePath: *statePath, LocalLinks: links.local, Logger: log,
		PrepareWorld: prepare, MaxLinks: *maxLinks,
		Control: sandbox.ControlAccess{LoopbackOnly: true, Token: *controlToken},
	})
	if errors.Is(err, sandbox.ErrDamagedState) {
		fmt.Fprintf(stderr, "flashcart: %v; the file is left as it is: start with a new --state file, or run 'flashcart state check %s'\n", err, *statePath)
		return 4
	}
	if err != nil {
		fmt.Fprintf(stderr, "flashcart: %v\n", err)
		return 3
	}
	defer sb.Close()
	ln, _, err := httpserver.Listen(*addr, false)
	if err != nil {
		fmt.Fprintf(stderr, "flashcart: %v\n", err)
		return 3
	}
	ready, _ := json.Marshal(readyOf(world, httpserver.URL(ln)))
	fmt.Fprintf(stdout, "%s\n", ready)
	log.Info("sandbox serving", "url", httpserver.URL(ln), "seed", sb.Seed(), "links", links.String(), "state", *statePath)

	if *controlToken == "" {
		log.Info("the control API (/_sandbox/…) answers loopback clients only; --control-token opens it to others")
	}
	if *worldPath != "" {
		w, err := sb.WatchWorld(worldDebounce)
		if err != nil {
			log.Warn("world file not watched; reload it with POST /_sandbox/world/reload", "err", err)
		} else {
			defer w.Close()
		}
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	limits := httpserver.DefaultLimits()
	limits.MaxConns = *maxConns
	if err := limits.Serve(ctx, ln, sb.Handler(), log); err != nil {
		log.Error("serve", "err", err)
		return 3
	}
	log.Info("sandbox stopped")
	return 0
}

// pathsFlag collects a repeatable path flag.
type pathsFlag []string

func (p *pathsFlag) String() string { return strings.Join(*p, " ") }

func (p *pathsFlag) Set(v string) error {
	*p = append(*p, v)
	return nil
}

// workbenchOptions parses the workbench's flags; it returns the exit code
// to stop with, or -1.
func workbenchOptions(args []string, stdout, stderr io.Writer) (tui.Options, int) {
	fs := newFlags("flashcart", "[--addr ADDR] [--scenarios PATH]...", stdout, stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address the sandbox listens on; when taken, a free port is used")
	var paths pathsFlag
	fs.Var(&paths, "scenarios", "your scenario file or folder, shown in the Scenarios pane beside the bundled suites (repeatable)")
	code := parseFlags(fs, args)
	return tui.Options{Addr: *addr, Bundled: scenarios.Bundled(), Scenarios: paths}, code
}

// workbench runs the terminal workbench until it quits.
func workbench(args []string, stdout, stderr io.Writer) int {
	opts, code := workbenchOptions(args, stdout, stderr)
	if code >= 0 {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	if err := tui.Run(ctx, opts); err != nil {
		fmt.Fprintf(stderr, "flashcart: %v\n", err)
		return 3
	}
	return 0
}

// worldDebounce lets an editor finish saving before the world reloads.
const worldDebounce = 100 * time.Millisecond

func printVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("version", "version", stdout, stderr)
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	v := "(devel)"
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		v = info.Main.Version
	}
	fmt.Fprintf(stdout, "flashcart %s %s %s/%s\n", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return 0
}

// state runs `flashcart state check PATH`: 0 and a JSON report when the
// file can be used, 4 and the reason when it is damaged.
func state(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("state", "state check PATH", stdout, stderr)
	if len(args) == 0 || args[0] != "check" {
		fs.Usage()
		_, _ = fs.usage.WriteTo(stderr)
		return 1
	}
	code, paths := parseArgs(fs, args[1:])
	if code >= 0 {
		return code
	}
	if len(paths) != 1 {
		fmt.Fprintln(stderr, "flashcart state check: give one state file")
		return 1
	}
	rep, err := sandbox.CheckState(paths[0])
	if err != nil {
		fmt.Fprintf(stderr, "flashcart: %v\n", err)
		if errors.Is(err, sandbox.ErrDamagedState) {
			return 4
		}
		return 3
	}
	out, _ := json.Marshal(rep)
	fmt.Fprintf(stdout, "%s\n", out)
	return 0
}
