package httpserver

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// start serves a handler that reads the whole body and answers "ok", with
// small limits; it returns the address.
func start(t *testing.T, lim Limits) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := io.ReadAll(r.Body); err != nil {
			http.Error(w, "body: "+err.Error(), http.StatusBadRequest)
			return
		}
		_, _ = io.WriteString(w, "ok")
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- lim.Serve(ctx, ln, h, slog.New(slog.DiscardHandler)) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return ln.Addr().String()
}

func testLimits() Limits {
	return Limits{
		ReadHeaderTimeout: 200 * time.Millisecond,
		ReadTimeout:       300 * time.Millisecond,
		WriteTimeout:      time.Second,
		IdleTimeout:       time.Second,
		MaxHeaderBytes:    1 << 10,
		MaxConns:          2,
	}
}

// raw sends text on a new connection and returns the first status line the
// server answers with, or "closed" when it closes without answering.
func raw(t *testing.T, addr, text string, pause time.Duration) string {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	head, tail, _ := strings.Cut(text, "|")
	if _, err := io.WriteString(c, head); err != nil {
		t.Fatal(err)
	}
	time.Sleep(pause)
	_, _ = io.WriteString(c, tail)
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return "closed"
	}
	return strings.TrimSpace(line)
}

// oneShot closes its connections after each request, so that tests of the
// connection cap count only the connections they hold.
var oneShot = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}

func healthy(t *testing.T, addr string) {
	t.Helper()
	resp, err := oneShot.Get("http://" + addr + "/")
	if err != nil {
		t.Fatalf("the server is not healthy: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("the server is not healthy: %d", resp.StatusCode)
	}
}

func TestBadClientsGetClearErrors(t *testing.T) {
	lim := testLimits()
	lim.MaxConns = 100 // the server lingers on connections it refused a request on
	addr := start(t, lim)
	tests := []struct {
		name, text string
		pause      time.Duration
		want       string
	}{
		{"a well-formed request", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", 0, "HTTP/1.1 200 OK"},
		{"a malformed request line", "BLAH\r\n\r\n", 0, "HTTP/1.1 400 Bad Request"},
		{"a header over the limit", "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("a", 8<<10) + "\r\n\r\n", 0, "HTTP/1.1 431 Request Header Fields Too Large"},
		{"headers that stall", "GET / HTTP/1.1\r\nHost: x\r\n|\r\n", time.Second, "closed"},
		{"a body that stalls", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc|", time.Second, "HTTP/1.1 400 Bad Request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := raw(t, addr, tt.text, tt.pause); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			healthy(t, addr)
		})
	}
}

func TestConnectionCap(t *testing.T) {
	lim := testLimits()
	lim.ReadHeaderTimeout = 5 * time.Second
	lim.ReadTimeout = 5 * time.Second
	addr := start(t, lim)
	var held []net.Conn
	for range lim.MaxConns {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	// Both slots are held by idle connections: the next one is refused.
	resp, err := oneShot.Get("http://" + addr + "/")
	if err != nil {
		t.Fatalf("a connection over the cap got no answer: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 503 || string(body) != `{"code":503,"message":"Service Unavailable"}` ||
		!strings.Contains(resp.Header.Get("X-Sandbox-Hint"), "at most 2 connections") {
		t.Errorf("over the cap: %d %s %v", resp.StatusCode, body, resp.Header)
	}
	for _, c := range held {
		c.Close()
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		resp, err := oneShot.Get("http://" + addr + "/")
		if err == nil && resp.StatusCode == 200 {
			resp.Body.Close()
			break
		}
		if err == nil {
			resp.Body.Close()
		}
		if time.Now().After(deadline) {
			t.Fatal("the slots were not freed when the connections closed")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestRefusalsAreSummarized refuses a flood of connections: the log gets
// one line at the first, then one per RefusalSummary counting the rest,
// and the count of the last ones when the listener closes.
func TestRefusalsAreSummarized(t *testing.T) {
	var logged bytes.Buffer
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := LimitListener(ln, 1, slog.New(slog.NewTextHandler(&logged, nil))).(*limitListener)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l.now = func() time.Time { return now }
	for i := range 1000 {
		now = now.Add(20 * time.Millisecond) // 1000 refusals in 20 s
		l.noteRefusal(fmt.Sprint("10.0.0.1:", i))
	}
	_ = l.Close()
	lines := strings.Split(strings.TrimSpace(logged.String()), "\n")
	total := 0
	for _, line := range lines {
		if m := regexp.MustCompile(`refused=(\d+)`).FindStringSubmatch(line); m != nil {
			n, _ := strconv.Atoi(m[1])
			total += n
		} else if strings.Contains(line, "connection refused") {
			total++
		}
	}
	if len(lines) > 4 || total != 1000 {
		t.Errorf("%d log lines counting %d refusals:\n%s", len(lines), total, logged.String())
	}
}
