package response

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/flashcart/flashcart/tui/internal/tuitest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/ui"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

var sent = time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)

func exchange(status int, fields, body string) client.Exchange {
	h := http.Header{"Content-Type": {"application/json"}}
	if fields != "" {
		h.Set(client.ErrorFieldsHeader, fields)
	}
	return client.Exchange{
		Vendor: vendor.Noventiq, Call: client.BuyLinkCall([]byte(`{"currency":"EUR"}`)),
		Request: client.BuyLink("tok", []byte(`{"currency":"EUR"}`)),
		URL:     "http://sandbox.test/v1/generate_buy_link", Sent: sent, Latency: 1500 * time.Microsecond,
		Status: status, Header: h, Body: []byte(body),
	}
}

const twoErrors = `{"errors":[{"error":3010,"message":"Invalid field value: name."},{"error":3060,"message":"Email field is filled out incorrectly. Expected format: [name]@[domain].[zone]"}]}`

// newModel returns a response pane with the exchanges added.
func newModel(t testing.TB, session *client.Session, xs ...client.Exchange) (*Model, *[]tea.Msg) {
	t.Helper()
	m := New(session)
	m.SetSize(100, 30)
	var seen []tea.Msg
	for _, x := range xs {
		send(m, &seen, client.ExchangeMsg{Exchange: x})
	}
	return m, &seen
}

// send gives the pane messages and runs their commands, recording the
// messages meant for the root.
func send(m *Model, seen *[]tea.Msg, msgs ...tea.Msg) {
	tuitest.Send(func(msg tea.Msg) tea.Cmd {
		switch msg.(type) {
		case ui.StatusMsg, ui.FocusMsg, ui.JumpMsg, ui.OpenMsg:
			*seen = append(*seen, msg)
			return nil
		}
		return m.Update(msg)
	}, msgs...)
}

func TestErrorsJumpToTheirFields(t *testing.T) {
	m, seen := newModel(t, nil, exchange(400, "products[0].name,customer.email", twoErrors))
	view := ansi.Strip(m.View())
	for _, want := range []string{"400 Bad Request", "Errors (2)", "3010 products[0].name  Invalid field value: name.", "3060 customer.email    Email field"} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks %q:\n%s", want, view)
		}
	}
	if _, ok := (*seen)[0].(ui.FocusMsg); !ok {
		t.Errorf("a new response does not ask for focus: %#v", *seen)
	}
	send(m, seen, tuitest.Keys("down")[0], tuitest.Keys("enter")[0])
	if j, ok := (*seen)[len(*seen)-1].(ui.JumpMsg); !ok || j.Path != "customer.email" {
		t.Errorf("enter on the second error: %#v", (*seen)[len(*seen)-1])
	}
	// A click on the first error's line jumps too.
	send(m, seen, tea.MouseClickMsg{X: 4, Y: 2, Button: tea.MouseLeft})
	if j, ok := (*seen)[len(*seen)-1].(ui.JumpMsg); !ok || j.Path != "products[0].name" {
		t.Errorf("click on the first error: %#v", (*seen)[len(*seen)-1])
	}
}

func TestSuccessShowsTheLinkAndHistoryCompares(t *testing.T) {
	m, seen := newModel(t, nil,
		exchange(400, "products[0].name,customer.email", twoErrors),
		exchange(200, "", `{"buy_link":"https://cart.checkout.noventiq.com.demoslweb.ru/basket/flash/12345678","external_id":"12345678"}`))
	if v := ansi.Strip(m.View()); !strings.Contains(v, "✓ buy link · external_id 12345678") || !strings.Contains(v, "\n  https://cart.checkout.noventiq.com.demoslweb.ru/basket/flash/12345678 ") || !strings.Contains(v, "2 of 2") {
		t.Fatalf("view:\n%s", v)
	}
	send(m, seen, tuitest.Keys("c")[0])
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "-→ 400 Bad Request") || !strings.Contains(v, "+→ 200 OK") || !strings.Contains(v, `+  "external_id": "12345678"`) {
		t.Errorf("compare:\n%s", v)
	}
	send(m, seen, tuitest.Keys("esc")[0], tuitest.Keys("l")[0])
	if v := ansi.Strip(m.View()); !strings.Contains(v, "#1") || !strings.Contains(v, "3010 3060") {
		t.Errorf("history:\n%s", v)
	}
	send(m, seen, tuitest.Keys("m")[0], tuitest.Keys("down")[0], tuitest.Keys("c")[0])
	if !strings.Contains(ansi.Strip(m.View()), "--- #1") {
		t.Errorf("compare with the marked:\n%s", ansi.Strip(m.View()))
	}
	send(m, seen, tuitest.Keys("esc")[0], tuitest.Keys("[")[0])
	if !strings.Contains(ansi.Strip(m.View()), "1 of 2") {
		t.Errorf("[ does not show the older exchange")
	}
}

func TestOOpensTheLinkInCheckout(t *testing.T) {
	m, seen := newModel(t, nil,
		exchange(200, "", `{"buy_link":"https://cart.checkout.noventiq.com.demoslweb.ru/basket/flash/12345678","external_id":"12345678"}`),
		exchange(400, "products[0].name,customer.email", twoErrors))
	send(m, seen, tuitest.Keys("o")[0])
	if p, ok := (*seen)[len(*seen)-1].(ui.StatusMsg); !ok || !p.Err || !strings.Contains(p.Text, "made nothing") {
		t.Errorf("o on an error: %#v", (*seen)[len(*seen)-1])
	}
	send(m, seen, tuitest.Keys("[")[0], tuitest.Keys("o")[0])
	want := ui.OpenMsg{ID: "12345678", URL: "https://cart.checkout.noventiq.com.demoslweb.ru/basket/flash/12345678"}
	if got := (*seen)[len(*seen)-1]; got != want {
		t.Errorf("o on a link: %#v", got)
	}
}

func TestResendSendsTheSameBody(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = append(got, r.Header.Get("AuthorizationJWT")+" "+string(b))
		fmt.Fprint(w, `{"buy_link":"x","external_id":"1"}`)
	}))
	defer srv.Close()
	s := &client.Session{Client: client.New(srv.URL), Vendor: vendor.Noventiq, Token: "fresh"}
	m, seen := newModel(t, s, exchange(400, "products[0].name,customer.email", twoErrors))
	send(m, seen, tuitest.Keys("r")[0])
	if len(got) != 1 || got[0] != `Bearer fresh {"currency":"EUR"}` || len(m.history) != 2 || m.history[1].x.Status != 200 {
		t.Errorf("resent %q, history %d", got, len(m.history))
	}
}

func TestHostileAndFailedResponsesAreShownSafely(t *testing.T) {
	failed := exchange(0, "", "")
	failed.Err = errors.New("connection refused")
	m, _ := newModel(t, nil, exchange(500, "", "\x1b[2J\x1b]52;c;aGk=\x07plain text\n"), failed)
	if v := m.View(); !strings.Contains(ansi.Strip(v), "failed: connection refused") {
		t.Errorf("failed exchange:\n%s", v)
	}
	send(m, new([]tea.Msg), tuitest.Keys("[")[0])
	v := m.View()
	if strings.Contains(v, "\x1b[2J") || strings.Contains(v, "\x1b]52") || !strings.Contains(v, "plain text") {
		t.Errorf("control sequences reach the terminal: %q", v)
	}
}

func TestScrollingDoesNotFormatAgain(t *testing.T) {
	m, _ := newModel(t, nil, exchange(200, "", bigJSON(64<<10)))
	first := &m.current().body[0]
	for range 5 {
		m.Update(tea.KeyPressMsg{Code: tea.KeyPgDown})
		_ = m.View()
	}
	m.SetSize(120, 40)
	if &m.current().body[0] != first || m.view.YOffset() == 0 {
		t.Error("the body was formatted again, or did not scroll")
	}
}

// bigJSON returns a JSON body of about n bytes: an array of orders.
func bigJSON(n int) string {
	var b strings.Builder
	b.WriteString(`{"orders":[`)
	for i := 0; b.Len() < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"order_id":%d,"status":"paid","currency":"EUR","amount":"%d.00","paid":true,"note":null,"customer":{"email":"c%d@example.com","country":"FR"}}`, i, i%1000, i)
	}
	b.WriteString(`]}`)
	return b.String()
}

// BenchmarkView measures a frame of the response pane: scroll one page
// and render. "small" is the baseline; "1MiB" must cost about the same,
// since the body is formatted once, when it arrives ("format-once" is that
// one-off cost).
func BenchmarkView(b *testing.B) {
	for _, size := range []struct {
		name string
		n    int
	}{{"small", 200}, {"1MiB", 1 << 20}} {
		b.Run(size.name, func(b *testing.B) {
			m, _ := newModel(b, nil, exchange(200, "", bigJSON(size.n)))
			down := tea.KeyPressMsg{Code: tea.KeyPgDown}
			for b.Loop() {
				m.Update(down)
				_ = m.View()
			}
		})
	}
	b.Run("format-once-1MiB", func(b *testing.B) {
		x := exchange(200, "", bigJSON(1<<20))
		for b.Loop() {
			newEntry(x)
		}
	})
}

func TestABuyLinkShowsWholeAt80Columns(t *testing.T) {
	link := "https://cart.checkout.noventiq.com.demoslweb.ru/basket/flash/8350E7FCA5AB"
	m, _ := newModel(t, nil, exchange(200, "", `{"buy_link":"`+link+`","external_id":"8350E7FCA5AB"}`))
	m.SetSize(80, 21)
	if v := ansi.Strip(m.View()); !strings.Contains(v, link) || !strings.Contains(v, "external_id 8350E7FCA5AB") {
		t.Errorf("the buy link is cut at 80 columns:\n%s", v)
	}
}

func TestTheRuleCountsTheHeaderLinesShown(t *testing.T) {
	m, seen := newModel(t, nil, exchange(400, "products[0].name,customer.email", twoErrors))
	send(m, seen, tuitest.Keys("H")...)
	// Content-Type and X-Sandbox-Error-Fields; the body pretty-printed.
	if v := ansi.Strip(m.View()); !strings.Contains(v, "2 header lines") || !strings.Contains(v, "12 body lines") {
		t.Errorf("the rule after H:\n%s", v)
	}
}
