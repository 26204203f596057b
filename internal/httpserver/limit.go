package httpserver

import (
	"bufio"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// DefaultMaxConns is the default cap on connections served at once.
const DefaultMaxConns = 512

// rejectWorkers bounds the goroutines answering refused connections; past
// it, a refused connection is closed without an answer.
const rejectWorkers = 64

// maxRefusedRead bounds what is read from a refused connection.
const maxRefusedRead = 1 << 20

// rejectGrace is how long a refused connection gets to take its answer.
const rejectGrace = time.Second

// RefusalSummary is how often refused connections are logged: one warning
// at the first refusal, then one line per period counting the others.
const RefusalSummary = 10 * time.Second

// LimitListener serves at most max connections at once. A connection over
// the cap is answered 503 with the framework's error body and closed, so
// that a client learns why instead of waiting.
func LimitListener(ln net.Listener, max int, log *slog.Logger) net.Listener {
	return &limitListener{
		Listener: ln,
		slots:    make(chan struct{}, max),
		rejects:  make(chan struct{}, rejectWorkers),
		answer:   refusal(max),
		log:      log,
		now:      time.Now,
	}
}

type limitListener struct {
	net.Listener
	slots, rejects chan struct{}
	answer         []byte
	log            *slog.Logger
	now            func() time.Time

	mu       sync.Mutex
	loggedAt time.Time // when the last refusal line was logged
	unlogged int       // refusals since then
}

// noteRefusal logs a refused connection: at once when none was logged for
// RefusalSummary, else counted into the next line.
func (l *limitListener) noteRefusal(remote string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if !l.loggedAt.IsZero() && now.Sub(l.loggedAt) < RefusalSummary {
		l.unlogged++
		return
	}
	if l.unlogged > 0 {
		l.log.Warn("connections refused: too many connections", "refused", l.unlogged+1, "since", l.loggedAt.Format(time.RFC3339), "max", cap(l.slots), "last_remote", remote)
	} else {
		l.log.Warn("connection refused: too many connections", "remote", remote, "max", cap(l.slots))
	}
	l.loggedAt, l.unlogged = now, 0
}

func refusal(max int) []byte {
	body := `{"code":503,"message":"Service Unavailable"}`
	return []byte("HTTP/1.1 503 Service Unavailable\r\n" +
		"Content-Type: application/json\r\n" +
		"Content-Length: " + strconv.Itoa(len(body)) + "\r\n" +
		"Connection: close\r\n" +
		"X-Sandbox-Hint: the sandbox serves at most " + strconv.Itoa(max) + " connections at once (--max-conns)\r\n" +
		"\r\n" + body)
}

func (l *limitListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		select {
		case l.slots <- struct{}{}:
			return &limitConn{Conn: c, release: func() { <-l.slots }}, nil
		default:
			l.refuse(c)
		}
	}
}

// Close closes the listener and logs the refusals not logged yet.
func (l *limitListener) Close() error {
	l.mu.Lock()
	if l.unlogged > 0 {
		l.log.Warn("connections refused: too many connections", "refused", l.unlogged, "since", l.loggedAt.Format(time.RFC3339), "max", cap(l.slots))
		l.unlogged = 0
	}
	l.mu.Unlock()
	return l.Listener.Close()
}

// refuse answers a connection over the cap in the background.
func (l *limitListener) refuse(c net.Conn) {
	select {
	case l.rejects <- struct{}{}:
	default:
		_ = c.Close()
		return
	}
	l.noteRefusal(c.RemoteAddr().String())
	go func() {
		defer func() { <-l.rejects }()
		defer c.Close()
		_ = c.SetDeadline(time.Now().Add(rejectGrace))
		// Answer the request once it is read: a client takes an answer
		// that comes before its request for a protocol error.
		in := bufio.NewReader(io.LimitReader(c, maxRefusedRead))
		if _, err := http.ReadRequest(in); err != nil {
			return
		}
		if _, err := c.Write(l.answer); err != nil {
			return
		}
		// Half-close and drain what the client still sends, so that it
		// reads the answer instead of a reset.
		if tc, ok := c.(interface{ CloseWrite() error }); ok {
			_ = tc.CloseWrite()
		}
		_, _ = io.Copy(io.Discard, in)
	}()
}

// limitConn frees its slot once, when closed.
type limitConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
