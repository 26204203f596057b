// Package journal is the workbench's journal pane: every request that
// reaches the sandbox, from the workbench or from outside, and every
// webhook the sandbox sends, listed live with its time, vendor, method,
// path (with a 2Checkout call's JSON-RPC method), status, error codes and
// latency, and a detail view of one with its headers, bodies and the
// sandbox's hints. v shows the vendor in use's alone.
package journal

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/flashcart/flashcart/sandbox"
	"github.com/flashcart/flashcart/sandbox/twocheckout"
	"github.com/flashcart/flashcart/tui/internal/styles"
	"github.com/flashcart/flashcart/tui/internal/ui"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

// MaxEntries bounds the entries the pane keeps.
const MaxEntries = 5000

// watchBuffer is how many entries may wait for the pane; the journal
// skips a watcher that falls behind, and the pane then reads the gap back
// from a snapshot.
const watchBuffer = 1024

// drain is how many waiting entries one message carries at most.
const drain = 256

type keyMap struct {
	Nav                        ui.Keys
	Open, Back, Follow, Vendor key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Nav:    ui.NewKeys("request"),
		Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "details")),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the list")),
		Follow: key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "follow new requests on/off")),
		Vendor: key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "the vendor in use only / all")),
	}
}

// Model is the journal pane.
type Model struct {
	j    *sandbox.Journal
	keys keyMap

	watch   <-chan sandbox.JournalEntry
	entries []sandbox.JournalEntry
	lastSeq uint64
	dropped uint64
	// vendor is the vendor in use; only, when set, lists its entries
	// alone, rows being the indices of the entries listed.
	vendor vendor.ID
	only   bool
	rows   []int

	nav           ui.Cursor
	follow        bool
	detail        bool
	view          viewport.Model
	width, height int
}

// New returns the pane of the journal j.
func New(j *sandbox.Journal) *Model {
	return &Model{j: j, keys: newKeyMap(), follow: true, view: viewport.New(), vendor: vendor.All[0]}
}

type (
	watchingMsg struct {
		ch      <-chan sandbox.JournalEntry
		entries []sandbox.JournalEntry
		dropped uint64
	}
	entriesMsg  struct{ entries []sandbox.JournalEntry }
	snapshotMsg struct {
		entries []sandbox.JournalEntry
		dropped uint64
	}
)

// Init starts watching the journal, then reads what it already holds.
func (m *Model) Init() tea.Cmd {
	j := m.j
	return func() tea.Msg {
		ch, _ := j.Watch(watchBuffer) // watched for the life of the process
		es, dropped := j.Snapshot(nil)
		return watchingMsg{ch: ch, entries: es, dropped: dropped}
	}
}

// next waits for new entries and takes the ones already waiting.
func next(ch <-chan sandbox.JournalEntry) tea.Cmd {
	return ui.Watch(func() tea.Msg {
		e, ok := <-ch
		if !ok {
			return nil
		}
		out := []sandbox.JournalEntry{e}
		for len(out) < drain {
			select {
			case e, ok := <-ch:
				if !ok {
					return entriesMsg{out}
				}
				out = append(out, e)
			default:
				return entriesMsg{out}
			}
		}
		return entriesMsg{out}
	})
}

func snapshot(j *sandbox.Journal, after uint64) tea.Cmd {
	return func() tea.Msg {
		es, dropped := j.Snapshot(func(e *sandbox.JournalEntry) bool { return e.Seq > after })
		return snapshotMsg{entries: es, dropped: dropped}
	}
}

// Title names the pane.
func (m *Model) Title() string { return "Journal" }

// Capturing is always false: the pane has no text input.
func (m *Model) Capturing() bool { return false }

// SetSize sets the pane's size.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.view.SetWidth(width)
	m.view.SetHeight(max(0, height-1))
	m.scroll()
}

// Entries returns the entries kept, oldest first, of every vendor.
func (m *Model) Entries() []sandbox.JournalEntry { return m.entries }

// about reports whether an entry is of the vendor in use: its request, or
// a request of the control API that names it (its orders, its webhooks).
func (m *Model) about(e sandbox.JournalEntry) bool {
	if e.Vendor != "" {
		return vendor.ID(e.Vendor) == m.vendor
	}
	return strings.HasPrefix(e.Path, "/_sandbox/") && strings.Contains(e.Path+"?"+e.Query, string(m.vendor))
}

// filter lists the entries shown: every one, or the vendor in use's.
func (m *Model) filter() {
	m.rows = m.rows[:0]
	for i, e := range m.entries {
		if !m.only || m.about(e) {
			m.rows = append(m.rows, i)
		}
	}
}

// Update handles a message.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case watchingMsg:
		m.watch, m.dropped = msg.ch, msg.dropped
		m.append(msg.entries)
		return next(m.watch)
	case entriesMsg:
		var gap tea.Cmd
		if m.lastSeq > 0 && msg.entries[0].Seq > m.lastSeq+1 {
			gap = snapshot(m.j, m.lastSeq)
		}
		m.append(msg.entries)
		return tea.Batch(gap, next(m.watch))
	case snapshotMsg:
		m.dropped = msg.dropped
		m.merge(msg.entries)
		return nil
	case ui.VendorMsg:
		m.vendor = msg.Vendor
		m.trim()
		return nil
	case tea.KeyPressMsg:
		if m.detail {
			return m.updateDetail(msg)
		}
		m.updateList(msg)
	case tea.MouseClickMsg:
		m.click(msg.Mouse())
	case tea.MouseWheelMsg:
		if m.detail {
			var cmd tea.Cmd
			m.view, cmd = m.view.Update(msg)
			return cmd
		}
		if msg.Button == tea.MouseWheelUp {
			m.nav.Wheel(-3, len(m.rows), m.listHeight())
		} else if msg.Button == tea.MouseWheelDown {
			m.nav.Wheel(3, len(m.rows), m.listHeight())
		}
		m.follow = m.follow && m.nav.Pos == len(m.rows)-1
	}
	return nil
}

// append adds entries newer than the last one listed.
func (m *Model) append(es []sandbox.JournalEntry) {
	for _, e := range es {
		if e.Seq > m.lastSeq {
			m.entries = append(m.entries, e)
			m.lastSeq = e.Seq
		}
	}
	m.trim()
}

// merge adds entries missed by the watch, keeping the list in order.
func (m *Model) merge(es []sandbox.JournalEntry) {
	slices.SortFunc(es, func(a, b sandbox.JournalEntry) int { return cmp.Compare(a.Seq, b.Seq) })
	have := map[uint64]bool{}
	for _, e := range m.entries {
		have[e.Seq] = true
	}
	var out []sandbox.JournalEntry
	i := 0
	for _, e := range es {
		if have[e.Seq] {
			continue
		}
		for i < len(m.entries) && m.entries[i].Seq < e.Seq {
			out = append(out, m.entries[i])
			i++
		}
		out = append(out, e)
		m.lastSeq = max(m.lastSeq, e.Seq)
	}
	m.entries = append(out, m.entries[i:]...)
	m.trim()
}

// trim forgets the oldest entries beyond MaxEntries and lists the rest,
// the cursor staying on its entry (on the newest when following).
func (m *Model) trim() {
	at := -1
	if m.nav.Pos < len(m.rows) {
		at = m.rows[m.nav.Pos]
	}
	if extra := len(m.entries) - MaxEntries; extra > 0 {
		m.entries = m.entries[extra:]
		at -= extra
	}
	m.filter()
	m.nav.Pos = max(0, sort.SearchInts(m.rows, at))
	if m.follow {
		m.nav.Pos = max(0, len(m.rows)-1)
	}
	m.scroll()
}

func (m *Model) updateList(msg tea.KeyPressMsg) {
	k := m.keys
	if m.nav.Key(msg, k.Nav, len(m.rows), m.listHeight()) {
		// Moving off the newest entry stops following; G follows again.
		m.follow = key.Matches(msg, k.Nav.Bottom) || (m.follow && m.nav.Pos == len(m.rows)-1)
		return
	}
	switch {
	case key.Matches(msg, k.Follow):
		m.follow = !m.follow
		m.trim()
	case key.Matches(msg, k.Vendor):
		m.only = !m.only
		m.trim()
	case key.Matches(msg, k.Open):
		m.open()
	}
}

func (m *Model) updateDetail(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, m.keys.Back) {
		m.detail = false
		return nil
	}
	var cmd tea.Cmd
	m.view, cmd = m.view.Update(msg)
	return cmd
}

func (m *Model) listHeight() int { return max(0, m.height-2) }

func (m *Model) scroll() { m.nav.Scroll(len(m.rows), m.listHeight()) }

func (m *Model) click(mouse tea.Mouse) {
	if mouse.Button != tea.MouseLeft || m.detail {
		return
	}
	i := m.nav.Offset + mouse.Y - 2
	if mouse.Y < 2 || i >= len(m.rows) {
		return
	}
	if i == m.nav.Pos {
		m.open()
		return
	}
	m.nav.Pos = i
	m.follow = m.nav.Pos == len(m.rows)-1
}

// open shows the entry under the cursor.
func (m *Model) open() {
	if len(m.rows) == 0 {
		return
	}
	m.detail = true
	m.view.SetContentLines(detailLines(m.entries[m.rows[m.nav.Pos]]))
	m.view.GotoTop()
}

// View renders the pane.
func (m *Model) View() string {
	if m.detail {
		e := m.entries[m.rows[m.nav.Pos]]
		return ui.Fit([]string{styles.Title.Render(fmt.Sprintf("%s #%d", kind(e), e.Seq)) + styles.Hint.Render("  esc back · ↑/↓ pgup/pgdn scroll"), m.view.View()}, m.width, m.height)
	}
	follow := "paused (G follows)"
	if m.follow {
		follow = "following"
	}
	head := styles.Title.Render("Journal") + styles.Hint.Render(fmt.Sprintf(" · %d %s · %s", len(m.rows), map[bool]string{true: "request", false: "requests"}[len(m.rows) == 1], follow))
	if m.only {
		head += styles.Warn.Render(" · " + m.vendor.Title() + " only (v: all)")
	}
	if m.dropped > 0 {
		head += styles.Warn.Render(fmt.Sprintf(" · %d older dropped by the sandbox", m.dropped))
	}
	lines := []string{head, styles.Section.Render(m.columns("time", "", "method", "path", "status", "codes", "latency", lipgloss.NewStyle()))}
	if len(m.rows) == 0 {
		lines = append(lines, styles.Hint.Render("No request yet. Every request to the sandbox shows here, from the workbench or from outside."))
	}
	end := min(m.nav.Offset+m.listHeight(), len(m.rows))
	for i := m.nav.Offset; i < end; i++ {
		lines = append(lines, m.row(i))
	}
	return ui.Fit(lines, m.width, m.height)
}

// columns lays out one row; the path takes the room the others leave.
// The status is styled by its class.
func (m *Model) columns(t, tag, method, path, status, codes, latency string, statusStyle lipgloss.Style) string {
	return fmt.Sprintf("%-12s %-3s %-7s %-*s ", t, tag, method, m.pathWidth(), path) +
		statusStyle.Render(fmt.Sprintf("%-6s", status)) + fmt.Sprintf(" %-12s %9s", ui.Cut(codes, 12), latency)
}

// pathWidth is the room the other columns leave the path.
func (m *Model) pathWidth() int { return max(8, m.width-12-3-7-6-12-9-9) }

func (m *Model) row(i int) string {
	e := m.entries[m.rows[i]]
	hint := ""
	if len(e.Hints) > 0 {
		hint = " " + styles.Warn.Render("⚑")
	}
	status := fmt.Sprint(e.Status)
	if e.Status == 0 {
		status = "—"
	}
	path, took := ui.CutPath(ui.Sanitize(target(e)), m.pathWidth()), latency(e.Latency)
	switch {
	case e.Method == webhook: // the event first, then the receiver
		path, took = ui.Cut(ui.Sanitize(target(e)), m.pathWidth()), ""
	case e.Query != "": // the last segment, then as much of the query as fits
		last := e.Path[strings.LastIndexByte(e.Path, '/')+1:]
		if p := ui.Sanitize(target(e)); lipgloss.Width(p) > m.pathWidth() {
			path = ui.Cut("…/"+ui.Sanitize(last+"?"+e.Query), m.pathWidth())
		}
	}
	line := m.columns(e.Time.Format("15:04:05.000"), vendor.ID(e.Vendor).Tag(), ui.Sanitize(e.Method), path, status,
		codes(e), took, styles.StatusCode(e.Status)) + hint
	if i == m.nav.Pos {
		return styles.Selected.Render(ansi.Strip(line))
	}
	return line
}

func latency(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return fmt.Sprintf("%dµs", d.Microseconds())
	case d < time.Second:
		return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000)
	}
	return d.Round(time.Millisecond).String()
}

// webhook is the method of the journal's entries of the sandbox's own
// webhook attempts.
const webhook = "WEBHOOK"

// kind names what an entry is.
func kind(e sandbox.JournalEntry) string {
	if e.Method == webhook {
		return "webhook attempt"
	}
	return "request"
}

// target is what an entry's path column shows: the path and query of a
// request, with a 2Checkout call's JSON-RPC method; the event of a webhook
// attempt and its receiver.
func target(e sandbox.JournalEntry) string {
	if e.Method == webhook {
		return event(e) + " → " + e.Path
	}
	path := e.Path
	if e.Query != "" {
		path += "?" + e.Query
	}
	if method := twocheckout.MethodOf(e.Hints); method != "" {
		path += " " + method
	}
	return path
}

// event is the event of a webhook attempt, which its hint starts with.
func event(e sandbox.JournalEntry) string {
	if len(e.Hints) == 0 {
		return ""
	}
	name, _, _ := strings.Cut(e.Hints[0], " ")
	return name
}

// codes are an entry's error codes.
func codes(e sandbox.JournalEntry) string {
	out := make([]string, len(e.Codes))
	for i, c := range e.Codes {
		out[i] = fmt.Sprint(c)
	}
	return strings.Join(out, " ")
}

// detailLines renders one entry: the request line, the hints, then the
// request and the response with their headers and bodies. A webhook
// attempt keeps only its outcome: its body is in GET /_sandbox/webhooks.
func detailLines(e sandbox.JournalEntry) []string {
	status := styles.StatusCode(e.Status).Render(fmt.Sprint(e.Status))
	if e.Status == 0 {
		status = styles.Error.Render("no answer")
	}
	lines := []string{
		ui.Sanitize(e.Method+" "+target(e)) + " → " + status +
			styles.Hint.Render(fmt.Sprintf(" · %s · %s", latency(e.Latency), e.Time.Format("2006-01-02 15:04:05.000"))),
	}
	if e.Vendor != "" {
		lines = append(lines, styles.Hint.Render("vendor ")+vendor.ID(e.Vendor).Title())
	}
	if e.Account != "" {
		lines = append(lines, styles.Hint.Render("account ")+ui.Sanitize(e.Account))
	}
	if len(e.Codes) > 0 {
		lines = append(lines, styles.Error.Render(fmt.Sprintf("error codes %v", e.Codes)))
	}
	if e.Method == webhook {
		lines = append(lines, "", styles.Section.Render("The sandbox's own request: a webhook to the vendor's receiver"))
		for _, h := range e.Hints {
			lines = append(lines, "  "+ui.Sanitize(h))
		}
		return append(lines, "", styles.Hint.Render("Its body and headers: GET /_sandbox/webhooks, or the Checkout pane of its order."))
	}
	if len(e.Hints) > 0 {
		lines = append(lines, "", styles.Warn.Render("Sandbox hints"))
		for _, h := range e.Hints {
			lines = append(lines, styles.Warn.Render("  ⚑ ")+ui.Sanitize(h))
		}
	}
	if e.Truncated {
		lines = append(lines, styles.Hint.Render("(a body was longer than the journal keeps and is cut)"))
	}
	section := func(title string) { lines = append(lines, "", styles.Section.Render("── "+title)) }
	section("request headers")
	lines = append(lines, ui.HeaderLines(e.RequestHeaders)...)
	section("request body")
	lines = append(lines, ui.Lines([]byte(e.RequestBody))...)
	section("response headers")
	lines = append(lines, ui.HeaderLines(e.ResponseHeaders)...)
	section("response body")
	return append(lines, ui.Lines([]byte(e.ResponseBody))...)
}

// ShortHelp lists the main keys of the current view.
func (m *Model) ShortHelp() []key.Binding {
	if m.detail {
		return []key.Binding{m.keys.Back}
	}
	return []key.Binding{m.keys.Open, m.keys.Follow, m.keys.Vendor, m.keys.Nav.Bottom}
}

// FullHelp lists every key of the pane.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{k.Nav.List(), {k.Open, k.Back, k.Follow, k.Vendor}}
}
