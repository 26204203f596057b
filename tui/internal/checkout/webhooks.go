package checkout

import (
	"fmt"
	"net/url"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/styles"
	"github.com/flashcart/flashcart/tui/internal/ui"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

// pollEvery is how often the webhooks are read again while some are still
// being delivered.
const pollEvery = time.Second

// webhookList is the webhooks a checkout pane lists under what it opened
// (a Noventiq order's webhooks, a Solifyn session's, a 2Checkout order's
// IPNs): read from GET /_sandbox/webhooks with a filter, read again every
// second while one is being delivered, each listed with its event, a key of
// its subject, its state and its attempts.
type webhookList struct {
	vendor vendor.ID
	// subject is the subject key shown beside each event, headed title.
	subject, title string
	// query is the filter of the thing opened, encoded; "" for none.
	query      string
	deliveries []sandbox.WebhookDelivery
	// read is set once an answer came; err is why the last read failed.
	read bool
	err  error
}

// newWebhookList returns an empty list of a vendor's webhooks, showing the subject
// key subject under the heading title.
func newWebhookList(v vendor.ID, subject, title string) *webhookList {
	return &webhookList{vendor: v, subject: subject, title: title}
}

// webhookPollMsg asks for the webhooks of a filter again.
type webhookPollMsg struct{ query string }

// Watch lists the webhooks that pass query from now on (forgetting those
// of another filter); it returns the command that reads them.
func (l *webhookList) Watch(c *client.Client, query url.Values) tea.Cmd {
	if !l.Watching(query) {
		l.query, l.deliveries, l.read, l.err = query.Encode(), nil, false, nil
	}
	return c.Webhooks(l.vendor, query)
}

// Watching reports whether the list is of the webhooks that pass query.
func (l *webhookList) Watching(query url.Values) bool {
	return l.query != "" && l.query == query.Encode()
}

// Stop forgets the webhooks listed and any answer on its way.
func (l *webhookList) Stop() { l.query, l.deliveries, l.read, l.err = "", nil, false, nil }

// refresh reads the webhooks again.
func (l *webhookList) refresh(c *client.Client) tea.Cmd {
	if l.query == "" {
		return nil
	}
	q, _ := url.ParseQuery(l.query)
	return c.Webhooks(l.vendor, q)
}

// Update takes the answers of the list's reads: mine reports whether msg
// was one; cmd reads again in a second while a delivery is pending.
func (l *webhookList) Update(c *client.Client, msg tea.Msg) (cmd tea.Cmd, mine bool) {
	switch msg := msg.(type) {
	case client.WebhooksMsg:
		if msg.Vendor != l.vendor || msg.Query != l.query || l.query == "" {
			return nil, false
		}
		l.read, l.err = true, msg.Err
		if msg.Err == nil {
			l.deliveries = msg.Deliveries
		}
		for _, d := range l.deliveries {
			if d.State == sandbox.DeliveryPending {
				q := l.query
				return tea.Tick(pollEvery, func(time.Time) tea.Msg { return webhookPollMsg{q} }), true
			}
		}
		return nil, true
	case webhookPollMsg:
		if msg.query != l.query {
			return nil, true
		}
		return l.refresh(c), true
	}
	return nil, false
}

// Deliveries returns the webhooks as last read.
func (l *webhookList) Deliveries() []sandbox.WebhookDelivery { return l.deliveries }

// Lines list the webhooks: a heading, then each with its event, its
// subject key, its state and its attempts with the last one's answer.
func (l *webhookList) Lines() []string {
	switch {
	case l.err != nil:
		return []string{styles.Error.Render("  ✗ " + ui.Sanitize(l.err.Error()))}
	case !l.read:
		return []string{styles.Hint.Render("  reading…")}
	case len(l.deliveries) == 0:
		return []string{styles.Hint.Render("  none yet")}
	}
	subjects, subjectW := make([]string, len(l.deliveries)), len(l.title)
	for i, d := range l.deliveries {
		if v, ok := d.Subject[l.subject]; ok {
			subjects[i] = ui.Sanitize(fmt.Sprint(v))
		}
		subjectW = max(subjectW, len(subjects[i]))
	}
	row := func(event, subject, state, attempts string) string {
		return fmt.Sprintf("  %-26s %-*s %-12s %s", event, subjectW, subject, state, attempts)
	}
	lines := []string{styles.Section.Render(row("event", l.title, "state", "attempts"))}
	for i, d := range l.deliveries {
		attempts := fmt.Sprint(len(d.Attempts))
		if n := len(d.Attempts); n > 0 {
			last := d.Attempts[n-1]
			if last.Error != "" {
				attempts += " · last: " + ui.Sanitize(last.Error)
			} else {
				attempts += fmt.Sprintf(" · last: %d", last.Status)
			}
		}
		lines = append(lines, row(ui.Sanitize(d.Event), subjects[i], string(d.State), attempts))
	}
	return lines
}
