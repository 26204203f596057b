package tui

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/flashcart/flashcart/scenarios"
)

// screenWriter is a terminal that tells when a text first shows.
type screenWriter struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	want []byte
	seen chan struct{}
	once sync.Once
}

func newScreen(want string) *screenWriter {
	return &screenWriter{want: []byte(want), seen: make(chan struct{})}
}

func (w *screenWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if bytes.Contains(w.buf.Bytes(), w.want) {
		w.once.Do(func() { close(w.seen) })
	}
	return len(p), nil
}

// hello is the smallest program: the baseline of a first frame.
type hello struct{}

func (hello) Init() tea.Cmd                       { return nil }
func (hello) Update(tea.Msg) (tea.Model, tea.Cmd) { return hello{}, nil }
func (hello) View() tea.View                      { return tea.NewView("hello, first frame") }

var termOptions = []tea.ProgramOption{tea.WithWindowSize(120, 40), tea.WithColorProfile(colorprofile.Ascii)}

// firstFrame starts a program and returns how long until its output shows
// want, then stops it.
func firstFrame(b *testing.B, start func(out *screenWriter) (*tea.Program, func()), want string) time.Duration {
	b.Helper()
	out := newScreen(want)
	t0 := time.Now()
	p, stop := start(out)
	done := make(chan struct{})
	go func() { _, _ = p.Run(); close(done) }()
	select {
	case <-out.seen:
	case <-time.After(10 * time.Second):
		b.Fatalf("no first frame; output %q", out.buf.String())
	}
	elapsed := time.Since(t0)
	p.Quit()
	<-done
	stop()
	return elapsed
}

// BenchmarkFirstFrame measures the time from start to the first frame on
// the terminal: "baseline" is a bare Bubble Tea program, "workbench" is
// Start (sandbox, listener, panes) up to the tab bar. The figure is the
// first-frame-ms metric.
func BenchmarkFirstFrame(b *testing.B) {
	run := func(b *testing.B, start func(out *screenWriter) (*tea.Program, func()), want string) {
		var total time.Duration
		n := 0
		for b.Loop() {
			total += firstFrame(b, start, want)
			n++
		}
		b.ReportMetric(float64(total.Microseconds())/float64(n)/1000, "first-frame-ms")
	}
	b.Run("baseline", func(b *testing.B) {
		run(b, func(out *screenWriter) (*tea.Program, func()) {
			opts := append([]tea.ProgramOption{tea.WithInput(&bytes.Buffer{}), tea.WithOutput(out)}, termOptions...)
			return tea.NewProgram(hello{}, opts...), func() {}
		}, "hello, first frame")
	})
	bundled := scenarios.Bundled()
	b.Run("workbench", func(b *testing.B) {
		run(b, func(out *screenWriter) (*tea.Program, func()) {
			ctx, cancel := context.WithCancel(context.Background())
			p, _, served, err := Start(ctx, Options{Addr: "127.0.0.1:0", Input: &bytes.Buffer{}, Output: out, ProgramOptions: termOptions, Bundled: bundled})
			if err != nil {
				b.Fatal(err)
			}
			return p, func() { cancel(); <-served }
		}, "1 Compose")
	})
}

// TestStartServesOutsideClients checks the wiring Run uses: a taken
// address moves to a free port, the status bar says so, and the sandbox
// answers outside clients while the program runs.
func TestStartServesOutsideClients(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := newScreen("was taken")
	p, m, served, err := Start(ctx, Options{Addr: taken.Addr().String(), Input: &bytes.Buffer{}, Output: out, ProgramOptions: termOptions})
	if err != nil {
		t.Fatal(err)
	}
	cfg := m.Config()
	if !cfg.Moved || cfg.URL == "http://"+taken.Addr().String() {
		t.Fatalf("config %+v", cfg)
	}
	done := make(chan struct{})
	go func() { _, _ = p.Run(); close(done) }()
	select {
	case <-out.seen:
	case <-time.After(10 * time.Second):
		t.Fatal("the status bar does not say the address was taken")
	}
	resp, err := http.Get(cfg.URL + "/_sandbox/health")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("health: %d", resp.StatusCode)
	}
	p.Quit()
	<-done
	cancel()
	if err := <-served; err != nil {
		t.Errorf("serve: %v", err)
	}
}
