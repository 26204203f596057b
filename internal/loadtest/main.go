// Command loadtest measures the sandbox on loopback, as `make load` runs it,
// every figure against a bare net/http handler measured in the same run:
// generate_buy_link with the reference's short and full examples (requests
// per second and p99 with wrk), the same with --state, the same while a
// client searches the orders in a loop, and the time from process start
// to the ready line. Each measure is taken -runs times, interleaved with
// its baseline, and reported as the ratio of each run (min / median / max).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/flashcart/flashcart/internal/traffic"
	"github.com/flashcart/flashcart/sandbox/noventiq"
)

func main() {
	var cfg config
	flag.StringVar(&cfg.bin, "bin", "bin/flashcart", "the flashcart binary to measure")
	flag.DurationVar(&cfg.duration, "duration", 5*time.Second, "how long each wrk run lasts")
	flag.IntVar(&cfg.conns, "connections", 32, "concurrent connections")
	flag.IntVar(&cfg.threads, "threads", 1, "wrk threads")
	flag.IntVar(&cfg.runs, "runs", 3, "runs of each measure")
	flag.IntVar(&cfg.orders, "orders", 50_000, "orders stored before the runs with a searching client")
	baseline := flag.Bool("serve-baseline", false, "internal: serve the baseline handler and print its URL")
	flag.Parse()
	if *baseline {
		serveBaseline()
		return
	}
	if err := run(cfg); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

type config struct {
	bin                          string
	duration                     time.Duration
	conns, threads, runs, orders int
}

// fixedBody is what the baseline answers: a generate_buy_link success body.
const fixedBody = `{"buy_link":"https://cart.checkout.noventiq.com.demoslweb.ru/basket/flash/12345678","external_id":"12345678"}`

func serveBaseline() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ready, _ := json.Marshal(traffic.Ready{Event: "ready", URL: "http://" + ln.Addr().String()})
	fmt.Println(string(ready))
	_ = http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(fixedBody))
	}))
}

// The quoted figures of WireMock 3.13 (JSONPath match, journal off) and of
// the bare handler in the same run, on the machine with the full
// body: WireMock cannot run here, so the durable sandbox is compared with
// its ratio to the bare handler.
var (
	wireMock     = [3]float64{15_844, 17_292, 19_427}
	wireMockBare = [3]float64{82_253, 87_237, 90_373}
)

// startTimeout bounds the wait for a server's ready line.
const startTimeout = 10 * time.Second

// result is one wrk run.
type result struct {
	rps float64
	p99 time.Duration
}

// target is a server wrk drives, with the script of each body.
type target struct {
	url     string
	scripts map[string]string // body name → wrk script
}

func run(cfg config) error {
	if _, err := exec.LookPath("wrk"); err != nil {
		return fmt.Errorf("wrk is not installed (apt-get install wrk): %w", err)
	}
	ready, err := readyTimes(cfg.bin, 7)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "flashcart-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bodies := map[string][]byte{}
	for i, ex := range noventiq.SeedExamples() {
		bodies[[]string{"short", "full"}[i]] = ex.Body
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	procs := map[string]*traffic.Process{}
	defer func() {
		for _, p := range procs {
			_ = p.Kill()
		}
	}()
	for name, cmd := range map[string]*exec.Cmd{
		"bare":    exec.Command(self, "-serve-baseline"),
		"memory":  exec.Command(cfg.bin, "serve", "--addr", "127.0.0.1:0", "--seed", "1"),
		"durable": exec.Command(cfg.bin, "serve", "--addr", "127.0.0.1:0", "--seed", "1", "--state", filepath.Join(dir, "state.db")),
		"search":  exec.Command(cfg.bin, "serve", "--addr", "127.0.0.1:0", "--seed", "1"),
	} {
		if procs[name], err = traffic.Start(cmd, os.Stderr, startTimeout); err != nil {
			return fmt.Errorf("start %s: %w", name, err)
		}
	}
	targets := map[string]*target{}
	for name, p := range procs {
		t := &target{url: p.URL, scripts: map[string]string{}}
		token := ""
		if name != "bare" {
			c := &traffic.Client{Base: p.URL, Username: p.Username, Password: p.Password}
			if _, err := c.Login(context.Background()); err != nil || c.Token() == "" {
				return fmt.Errorf("login to %s: %v", name, err)
			}
			token = c.Token()
		}
		for body, raw := range bodies {
			if t.scripts[body], err = writeScript(dir, name+"-"+body, raw, token); err != nil {
				return err
			}
		}
		targets[name] = t
	}
	w := wrkRunner{cfg: cfg}
	fmt.Printf("wrk -t%d -c%d, %s a run, %d runs, POST %s with the seed's short (%d bytes) and full (%d bytes) examples\n",
		cfg.threads, cfg.conns, cfg.duration, cfg.runs, noventiq.BuyLinkPath, len(bodies["short"]), len(bodies["full"]))
	for _, name := range []string{"bare", "memory", "durable", "search"} { // warm up
		for body := range bodies {
			if _, err := w.run(targets[name], body, 2*time.Second); err != nil {
				return err
			}
		}
	}
	searcher, err := prepareSearch(procs["search"], cfg.orders)
	if err != nil {
		return err
	}
	m := newMeasures()
	for range cfg.runs {
		for _, body := range []string{"short", "full"} {
			bare, err := w.run(targets["bare"], body, cfg.duration)
			if err != nil {
				return err
			}
			mem, err := w.run(targets["memory"], body, cfg.duration)
			if err != nil {
				return err
			}
			m.add(body, bare, mem)
			if body == "full" {
				dur, err := w.run(targets["durable"], body, cfg.duration)
				if err != nil {
					return err
				}
				m.add("durable", bare, dur)
			}
		}
		alone, err := w.run(targets["search"], "full", cfg.duration)
		if err != nil {
			return err
		}
		stop := searcher.start()
		withSearch, err := w.run(targets["search"], "full", cfg.duration)
		searches := stop()
		if err != nil {
			return err
		}
		m.add("search", alone, withSearch)
		m.searchRates = append(m.searchRates, searches/cfg.duration.Seconds())
	}
	return m.report(cfg, ready)
}

// readyTimes starts the sandbox n times and measures, each time, the time
// from starting the process to reading its ready line.
func readyTimes(bin string, n int) ([]time.Duration, error) {
	var out []time.Duration
	for range n {
		begin := time.Now()
		p, err := traffic.Start(exec.Command(bin, "serve", "--addr", "127.0.0.1:0"), nil, startTimeout)
		if err != nil {
			return nil, err
		}
		out = append(out, time.Since(begin))
		_ = p.Kill()
	}
	slices.Sort(out)
	return out, nil
}

// writeScript writes the body to a file and a wrk script posting it, with
// the token when there is one: a Lua string literal could not hold every
// body as it is.
func writeScript(dir, name string, body []byte, token string) (string, error) {
	bodyFile := filepath.Join(dir, name+".json")
	if err := os.WriteFile(bodyFile, body, 0o600); err != nil {
		return "", err
	}
	auth := ""
	if token != "" {
		auth = fmt.Sprintf("wrk.headers[%q] = %q\n", noventiq.TokenHeader, "Bearer "+token)
	}
	script := fmt.Sprintf(`wrk.method = "POST"
local f = assert(io.open(%q, "rb"))
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
%sdone = function(summary, latency, requests)
  io.write(string.format("P99_US %%d\n", latency:percentile(99)))
  io.write(string.format("NON2XX %%d\n", summary.errors.status))
end
`, bodyFile, auth)
	path := filepath.Join(dir, name+".lua")
	return path, os.WriteFile(path, []byte(script), 0o600)
}

var (
	rpsRE    = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	p99RE    = regexp.MustCompile(`P99_US (\d+)`)
	non2xxRE = regexp.MustCompile(`NON2XX (\d+)`)
)

type wrkRunner struct{ cfg config }

func (w wrkRunner) run(t *target, body string, d time.Duration) (result, error) {
	cmd := exec.Command("wrk", "-t", strconv.Itoa(w.cfg.threads), "-c", strconv.Itoa(w.cfg.conns),
		"-d", fmt.Sprintf("%ds", int(d.Seconds())), "-s", t.scripts[body], t.url+noventiq.BuyLinkPath)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return result{}, fmt.Errorf("wrk: %w\n%s", err, out.String())
	}
	text := out.String()
	rps, p99, bad := rpsRE.FindStringSubmatch(text), p99RE.FindStringSubmatch(text), non2xxRE.FindStringSubmatch(text)
	if rps == nil || p99 == nil || bad == nil {
		return result{}, fmt.Errorf("cannot read wrk's output:\n%s", text)
	}
	if bad[1] != "0" {
		return result{}, fmt.Errorf("%s answered %s non-2xx responses", t.url, bad[1])
	}
	r, _ := strconv.ParseFloat(rps[1], 64)
	us, _ := strconv.Atoi(p99[1])
	return result{rps: r, p99: time.Duration(us) * time.Microsecond}, nil
}

// searcher is a client searching a sandbox's orders by external id in a
// loop, one search at a time.
type searcher struct {
	client *traffic.Client
	ids    []string
}

// prepareSearch places n orders on the sandbox, from 8 clients at once.
func prepareSearch(p *traffic.Process, n int) (*searcher, error) {
	ctx := context.Background()
	c := &traffic.Client{Base: p.URL, Username: p.Username, Password: p.Password}
	if _, err := c.Login(ctx); err != nil {
		return nil, err
	}
	s := &searcher{client: c}
	var mu sync.Mutex
	var wg sync.WaitGroup
	var placed atomic.Int64
	errs := make(chan error, 8)
	begin := time.Now()
	for range 8 {
		wg.Go(func() {
			for placed.Add(1) <= int64(n) {
				_, link, err := c.GenerateBuyLink(ctx, []byte(traffic.OrderableLinkBody))
				if err == nil && link != nil {
					_, _, err = c.PlaceOrder(ctx, link.ExternalID, traffic.TestCard)
				}
				if err != nil || link == nil {
					errs <- errors.Join(err, errors.New("loadtest: an order to search was not placed"))
					return
				}
				mu.Lock()
				s.ids = append(s.ids, link.ExternalID)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return nil, err
	}
	fmt.Printf("%d orders placed for the searching client in %s\n", n, time.Since(begin).Round(time.Millisecond))
	return s, nil
}

// start searches until the returned function is called, which returns how
// many searches were answered.
func (s *searcher) start() func() float64 {
	ctx, cancel := context.WithCancel(context.Background())
	var n atomic.Int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		rng := rand.New(rand.NewPCG(1, 1))
		for ctx.Err() == nil {
			body := `{"external_id":"` + s.ids[rng.IntN(len(s.ids))] + `"}`
			resp, err := s.client.Do(ctx, http.MethodPost, noventiq.OrderSearchPath, s.client.Authed("Content-Type", "application/json"), []byte(body))
			if err == nil && resp.Status == http.StatusOK {
				n.Add(1)
			}
		}
	}()
	return func() float64 {
		cancel()
		<-done
		return float64(n.Load())
	}
}

// measures are the runs' figures: per measure, each run's result and its
// baseline's.
type measures struct {
	runs        map[string][][2]result
	searchRates []float64
}

func newMeasures() *measures { return &measures{runs: map[string][][2]result{}} }

func (m *measures) add(name string, base, got result) {
	m.runs[name] = append(m.runs[name], [2]result{base, got})
}

// spread is the min / median / max of values.
func spread(values []float64) [3]float64 {
	s := slices.Sorted(slices.Values(values))
	return [3]float64{s[0], s[len(s)/2], s[len(s)-1]}
}

func (m *measures) column(name string, f func(base, got result) float64) [3]float64 {
	var v []float64
	for _, r := range m.runs[name] {
		v = append(v, f(r[0], r[1]))
	}
	return spread(v)
}

func fmtSpread(s [3]float64, format string) string {
	return fmt.Sprintf(format+" / "+format+" / "+format, s[0], s[1], s[2])
}

func (m *measures) report(cfg config, ready []time.Duration) error {
	rps := func(which int) func(base, got result) float64 {
		return func(base, got result) float64 { return [2]result{base, got}[which].rps }
	}
	p99 := func(which int) func(base, got result) float64 {
		return func(base, got result) float64 { return float64([2]result{base, got}[which].p99) / 1e6 }
	}
	ratio := func(base, got result) float64 { return got.rps / base.rps }
	p99Ratio := func(base, got result) float64 { return float64(got.p99) / float64(base.p99) }
	var wm, wmRatio []float64
	for i := range wireMock {
		wm = append(wm, wireMock[i])
		wmRatio = append(wmRatio, wireMock[i]/wireMockBare[i])
	}
	var missed []string
	check := func(name string, ok bool) string {
		if ok {
			return "met"
		}
		missed = append(missed, name)
		return "**missed**"
	}
	fmt.Printf("\nmin / median / max of %d runs; each ratio is a run's figure over its baseline's in the same run\n\n", cfg.runs)
	fmt.Println("| measure | baseline | flashcart | ratio | target |")
	fmt.Println("|---|---|---|---|---|")
	for _, body := range []string{"short", "full"} {
		r, p := m.column(body, ratio), m.column(body, p99Ratio)
		fmt.Printf("| requests/s, %s body | bare: %s | %s | %s | ≥ 0.6: %s |\n", body,
			fmtSpread(m.column(body, rps(0)), "%.0f"), fmtSpread(m.column(body, rps(1)), "%.0f"), fmtSpread(r, "%.2f"), check(body+" throughput", r[1] >= 0.6))
		fmt.Printf("| p99 ms, %s body | bare: %s | %s | %s | ≤ 2: %s |\n", body,
			fmtSpread(m.column(body, p99(0)), "%.1f"), fmtSpread(m.column(body, p99(1)), "%.1f"), fmtSpread(p, "%.2f"), check(body+" p99", p[1] <= 2))
	}
	d, wmr := m.column("durable", ratio), spread(wmRatio)
	fmt.Printf("| requests/s, full body, --state | bare: %s | %s | %s | ≥ WireMock's %s (%s req/s, quoted): %s |\n",
		fmtSpread(m.column("durable", rps(0)), "%.0f"), fmtSpread(m.column("durable", rps(1)), "%.0f"), fmtSpread(d, "%.2f"),
		fmtSpread(wmr, "%.2f"), fmtSpread(spread(wm), "%.0f"), check("durable throughput", d[1] >= wmr[1]))
	s := m.column("search", ratio)
	fmt.Printf("| requests/s, full body, %d orders, a client searching by external_id (%s searches/s) | alone: %s | %s | %s | ≥ 0.8: %s |\n",
		cfg.orders, fmtSpread(spread(m.searchRates), "%.0f"), fmtSpread(m.column("search", rps(0)), "%.0f"),
		fmtSpread(m.column("search", rps(1)), "%.0f"), fmtSpread(s, "%.2f"), check("throughput while searching", s[1] >= 0.8))
	medianReady := ready[len(ready)/2]
	fmt.Printf("| ready after start, median of %d | – | %s | – | < 50ms: %s |\n", len(ready), medianReady.Round(100*time.Microsecond),
		check("ready time", medianReady < 50*time.Millisecond))
	if len(missed) > 0 {
		return fmt.Errorf("targets missed (by the median run): %s", strings.Join(missed, ", "))
	}
	fmt.Println("\nall targets met")
	return nil
}
