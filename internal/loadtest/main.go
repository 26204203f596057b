// Command loadtest measures the sandbox on loopback, as `make load` runs it:
// generate_buy_link requests per second and p99 latency with wrk, against a
// bare net/http handler returning a fixed body measured in the same run, and
// the time from process start to the ready line.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/flashcart/flashcart/internal/traffic"
	"github.com/flashcart/flashcart/sandbox/noventiq"
)

func main() {
	bin := flag.String("bin", "bin/flashcart", "the flashcart binary to measure")
	duration := flag.Duration("duration", 10*time.Second, "how long each wrk run lasts")
	conns := flag.Int("connections", 32, "concurrent connections")
	threads := flag.Int("threads", 2, "wrk threads")
	baseline := flag.Bool("serve-baseline", false, "internal: serve the baseline handler and print its URL")
	flag.Parse()
	if *baseline {
		serveBaseline()
		return
	}
	if err := run(*bin, *duration, *conns, *threads); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

// fixedBody is what the baseline answers: a generate_buy_link success body.
const fixedBody = `{"buy_link":"https://cart.checkout.noventiq.com.demoslweb.ru/basket/flash/12345678","external_id":"12345678"}`

// requestBody is the seed's first example.
const requestBody = `{"currency":"EUR","products":[{"id":111111,"name":"Base version for 3 year","price":"30.00","quantity":10}]}`

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

// startTimeout bounds the wait for a server's ready line.
const startTimeout = 10 * time.Second

type result struct {
	rps float64
	p99 time.Duration
}

func run(bin string, duration time.Duration, conns, threads int) error {
	if _, err := exec.LookPath("wrk"); err != nil {
		return fmt.Errorf("wrk is not installed (apt-get install wrk): %w", err)
	}
	ready, err := readyTimes(bin, 7)
	if err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	bareProc, err := traffic.Start(exec.Command(self, "-serve-baseline"), os.Stderr, startTimeout)
	if err != nil {
		return err
	}
	defer bareProc.Kill()
	sandboxProc, err := traffic.Start(exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--seed", "1"), nil, startTimeout)
	if err != nil {
		return err
	}
	defer sandboxProc.Kill()
	baseURL, sandboxURL := bareProc.URL, sandboxProc.URL
	token, err := login(sandboxURL)
	if err != nil {
		return err
	}
	script, err := writeScript(token)
	if err != nil {
		return err
	}
	defer os.Remove(script)

	fmt.Printf("wrk: %d connections, %d threads, %s per run, POST /v1/generate_buy_link (seed example 1)\n", conns, threads, duration)
	var base, sb result
	// Warm both up, then measure baseline and sandbox back to back.
	for _, target := range []struct {
		url string
		res *result
	}{{baseURL, nil}, {sandboxURL, nil}, {baseURL, &base}, {sandboxURL, &sb}} {
		d := duration
		if target.res == nil {
			d = 2 * time.Second
		}
		r, err := wrk(target.url, script, d, conns, threads)
		if err != nil {
			return err
		}
		if target.res != nil {
			*target.res = r
		}
	}
	ratio := sb.rps / base.rps
	medianReady := ready[len(ready)/2]
	fmt.Printf("\n| measure | bare net/http | flashcart | ratio / target |\n|---|---|---|---|\n")
	fmt.Printf("| requests/s | %.0f | %.0f | %.0f%% of baseline (target ≥ 60%%) |\n", base.rps, sb.rps, ratio*100)
	fmt.Printf("| p99 latency | %s | %s | target < 5ms |\n", base.p99, sb.p99)
	fmt.Printf("| ready after start (median of %d) | – | %s | target < 50ms |\n", len(ready), medianReady.Round(100*time.Microsecond))
	var missed []string
	if ratio < 0.6 {
		missed = append(missed, "throughput")
	}
	if sb.p99 >= 5*time.Millisecond {
		missed = append(missed, "p99")
	}
	if medianReady >= 50*time.Millisecond {
		missed = append(missed, "ready time")
	}
	if len(missed) > 0 {
		return fmt.Errorf("targets missed: %s", strings.Join(missed, ", "))
	}
	fmt.Println("\nall targets met")
	return nil
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

func login(base string) (string, error) {
	resp, err := http.Post(base+noventiq.LoginPath, "application/json", strings.NewReader(`{"username":"demo","password":"demo"}`))
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out struct{ Token string }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.Token == "" {
		return "", fmt.Errorf("login failed: %d", resp.StatusCode)
	}
	return out.Token, nil
}

func writeScript(token string) (string, error) {
	body, _ := json.Marshal(requestBody)
	script := fmt.Sprintf(`wrk.method = "POST"
wrk.body = %s
wrk.headers["Content-Type"] = "application/json"
wrk.headers["%s"] = "Bearer %s"
done = function(summary, latency, requests)
  io.write(string.format("P99_US %%d\n", latency:percentile(99)))
  io.write(string.format("NON2XX %%d\n", summary.errors.status))
end
`, body, noventiq.TokenHeader, token)
	path := filepath.Join(os.TempDir(), fmt.Sprintf("flashcart-load-%d.lua", os.Getpid()))
	return path, os.WriteFile(path, []byte(script), 0o600)
}

var (
	rpsRE    = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	p99RE    = regexp.MustCompile(`P99_US (\d+)`)
	non2xxRE = regexp.MustCompile(`NON2XX (\d+)`)
)

func wrk(url, script string, d time.Duration, conns, threads int) (result, error) {
	cmd := exec.Command("wrk", "-t", strconv.Itoa(threads), "-c", strconv.Itoa(conns),
		"-d", fmt.Sprintf("%ds", int(d.Seconds())), "-s", script, url+noventiq.BuyLinkPath)
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
		return result{}, fmt.Errorf("%s answered %s non-2xx responses", url, bad[1])
	}
	r, _ := strconv.ParseFloat(rps[1], 64)
	us, _ := strconv.Atoi(p99[1])
	return result{rps: r, p99: time.Duration(us) * time.Microsecond}, nil
}
