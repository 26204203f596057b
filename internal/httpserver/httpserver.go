// Package httpserver runs a sandbox handler on a listener with the timeouts
// that protect the process, and shuts it down gracefully.
package httpserver

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// Timeouts that keep slow or stalled clients from holding the process.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 30 * time.Second
	WriteTimeout      = 60 * time.Second
	IdleTimeout       = 2 * time.Minute
	MaxHeaderBytes    = 64 << 10
	shutdownGrace     = 5 * time.Second
)

// Limits protect the process from slow, stalled, oversized or too many
// clients.
type Limits struct {
	ReadHeaderTimeout, ReadTimeout, WriteTimeout, IdleTimeout time.Duration
	MaxHeaderBytes                                            int
	// MaxConns caps the connections served at once; 0 means no cap.
	MaxConns int
}

// DefaultLimits returns the sandbox's limits.
func DefaultLimits() Limits {
	return Limits{
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
		MaxConns:          DefaultMaxConns,
	}
}

// New returns an http.Server for h with the sandbox's default limits.
func New(h http.Handler, log *slog.Logger) *http.Server { return DefaultLimits().Server(h, log) }

// Server returns an http.Server for h with these limits; the connection
// cap is applied by Serve.
func (l Limits) Server(h http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: l.ReadHeaderTimeout,
		ReadTimeout:       l.ReadTimeout,
		WriteTimeout:      l.WriteTimeout,
		IdleTimeout:       l.IdleTimeout,
		MaxHeaderBytes:    l.MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// Serve serves h on ln with the default limits until ctx is done, then
// shuts down gracefully, letting requests in flight finish.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger) error {
	return DefaultLimits().Serve(ctx, ln, h, log)
}

// Serve serves h on ln with these limits until ctx is done, then shuts
// down gracefully, letting requests in flight finish.
func (l Limits) Serve(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger) error {
	srv := l.Server(h, log)
	if l.MaxConns > 0 {
		ln = LimitListener(ln, l.MaxConns, log)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	err := srv.Shutdown(shutCtx)
	if serveErr := <-done; !errors.Is(serveErr, http.ErrServerClosed) && serveErr != nil {
		return serveErr
	}
	return err
}

// Listen listens on addr; when fallback is true and the address is taken,
// it listens on a free port of the same host instead and reports moved.
func Listen(addr string, fallback bool) (ln net.Listener, moved bool, err error) {
	ln, err = net.Listen("tcp", addr)
	if err == nil || !fallback {
		return ln, false, err
	}
	host, _, splitErr := net.SplitHostPort(addr)
	if splitErr != nil {
		return nil, false, err
	}
	ln, err2 := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err2 != nil {
		return nil, false, errors.Join(err, err2)
	}
	return ln, true, nil
}

// URL returns the http base URL of a listener.
func URL(ln net.Listener) string { return "http://" + ln.Addr().String() }
