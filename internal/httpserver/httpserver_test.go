package httpserver

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestListenFallsBackWhenTaken(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	if _, _, err := Listen(taken.Addr().String(), false); err == nil {
		t.Fatal("listening on a taken address without fallback succeeded")
	}
	ln, moved, err := Listen(taken.Addr().String(), true)
	if err != nil || !moved || ln.Addr().String() == taken.Addr().String() {
		t.Fatalf("fallback: %v moved=%v", err, moved)
	}
	ln.Close()
}

func TestServeShutsDownGracefully(t *testing.T) {
	ln, _, err := Listen("127.0.0.1:0", false)
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		time.Sleep(200 * time.Millisecond)
		_, _ = io.WriteString(w, "finished")
	})
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, ln, h, slog.New(slog.DiscardHandler)) }()
	got := make(chan string, 1)
	go func() {
		resp, err := http.Get(URL(ln))
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		got <- string(b)
	}()
	<-started
	cancel()
	if body := <-got; body != "finished" {
		t.Errorf("the request in flight got %q", body)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}
	if _, err := http.Get(URL(ln)); err == nil || !strings.Contains(err.Error(), "refused") {
		t.Errorf("server still answers after shutdown: %v", err)
	}
}
