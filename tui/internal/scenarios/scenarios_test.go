package scenarios

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/tui/internal/tuitest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	scen "github.com/flashcart/flashcart/scenarios"
	"github.com/flashcart/flashcart/scenarios/runner"
	"github.com/flashcart/flashcart/tui/internal/suites"
	"github.com/flashcart/flashcart/tui/internal/ui"
	"github.com/flashcart/flashcart/tui/internal/vendor"
)

// newPane returns the pane on testdata/suites (as "mine") and a path that
// does not exist, loaded.
func newPane(t *testing.T) (*Model, *[]ui.StatusMsg) {
	t.Helper()
	set := suites.NewSet([]suites.Root{{Label: "mine", Path: "testdata/suites"}, {Label: "gone", Path: "testdata/gone"}})
	m := New(Options{Suites: set, Seed: 1, Jobs: 2})
	m.SetSize(120, 37)
	said := &[]ui.StatusMsg{}
	send(m, said)
	tuitest.Run(updater(m, said), m.Init())
	return m, said
}

func updater(m *Model, said *[]ui.StatusMsg) tuitest.Updater {
	return func(msg tea.Msg) tea.Cmd {
		if s, ok := msg.(ui.StatusMsg); ok {
			*said = append(*said, s)
			return nil
		}
		return m.Update(msg)
	}
}

func send(m *Model, said *[]ui.StatusMsg, msgs ...tea.Msg) { tuitest.Send(updater(m, said), msgs...) }

func screen(m *Model) string { return ansi.Strip(m.View()) }

func TestTreeOfSuitesFoldsAndSaysWhatFailedToLoad(t *testing.T) {
	m, said := newPane(t)
	files, errs := m.Files()
	if len(files) != 1 || files[0].Title() != "mine/mine.yaml" || len(errs) != 1 {
		t.Fatalf("files %v errs %v", files, errs)
	}
	if len(*said) != 1 || !(*said)[0].Err {
		t.Errorf("the load problem is not in the status bar: %v", *said)
	}
	s := screen(m)
	if !strings.Contains(s, "✗ scenario path testdata/gone") || !strings.Contains(s, "▸ mine/mine.yaml  2 scenarios") || strings.Contains(s, "wrong expectations") {
		t.Fatalf("tree:\n%s", s)
	}
	send(m, said, tuitest.Keys("enter")...)
	if s := screen(m); !strings.Contains(s, "▾ mine/mine.yaml") || !strings.Contains(s, "    · wrong expectations") || !strings.Contains(s, "    · checkout with an entry offer") {
		t.Errorf("unfolded:\n%s", s)
	}
	send(m, said, tea.MouseClickMsg{X: 6, Y: treeTop + 3, Button: tea.MouseLeft})
	if _, sc := m.under(); sc == nil || sc.Name != "checkout with an entry offer" {
		t.Errorf("a click selects %v", sc)
	}
}

func TestRunAllShowsPassFailAndTheDiff(t *testing.T) {
	m, said := newPane(t)
	send(m, said, tuitest.Keys("a")...) // the file is folded: a failure unfolds it
	if m.Running() {
		t.Fatal("the run did not end")
	}
	files, _ := m.Files()
	wrong, flow := m.Result(files[0].Scenarios[0]), m.Result(files[0].Scenarios[1])
	if wrong == nil || wrong.Status != runner.Failed || flow == nil || flow.Status != runner.Passed {
		t.Fatalf("results %+v %+v", wrong, flow)
	}
	last := (*said)[len(*said)-1]
	if !last.Err || last.Text != "all: 1 of 2 scenarios did not pass" {
		t.Errorf("status %+v", last)
	}
	s := screen(m)
	for _, want := range []string{"2 scenarios · 1 passed · 1 failed", "✗ wrong expectations — step link: status: expected 201, got 200", "✓ checkout with an entry offer", "last run: all · 2 of 2 · 1 passed · 1 failed", "seed 1"} {
		if !strings.Contains(s, want) {
			t.Errorf("the tree lacks %q:\n%s", want, s)
		}
	}
	send(m, said, tuitest.Keys("down", "enter")...)
	s = screen(m)
	for _, want := range []string{"wrong expectations  failed", "mine/mine.yaml:5 · tags demo", "── step link", "✗ status: expected 201, got 200", `-  "external_id": "1"`, "curl -sS -i -X POST http://127.0.0.1:8080/v1/generate_buy_link \\", "~ after"} {
		if !strings.Contains(s, want) {
			t.Errorf("the failed step lacks %q:\n%s", want, s)
		}
	}
	send(m, said, tuitest.Keys("esc")...)
	if strings.Contains(screen(m), "── step") {
		t.Error("esc does not go back to the tree")
	}
}

func TestOneRunAtATime(t *testing.T) {
	m, said := newPane(t)
	first := m.Update(tuitest.Keys("a")[0])
	send(m, said, tuitest.Keys("r")...)
	if len(*said) == 0 || !strings.Contains((*said)[len(*said)-1].Text, "a run is under way") {
		t.Errorf("a second run: %v", *said)
	}
	tuitest.Run(updater(m, said), first)
	if m.Running() {
		t.Error("the first run did not end")
	}
}

func TestStepThroughOneStepAtATime(t *testing.T) {
	m, said := newPane(t)
	send(m, said, tuitest.Keys("enter", "down", "down", "s")...)
	if m.stepper == nil || m.stepper.s == nil || !strings.Contains(screen(m), "step-through: 0 of 6 steps run") {
		t.Fatalf("s:\n%s", screen(m))
	}
	send(m, said, tuitest.Keys("n")...)
	if s := screen(m); !strings.Contains(s, "1 of 6 steps run") || !strings.Contains(s, "✓ login") || !strings.Contains(s, "▸ link") {
		t.Fatalf("one step:\n%s", s)
	}
	files, _ := m.Files()
	if m.Result(files[0].Scenarios[1]) != nil {
		t.Error("a result before the last step")
	}
	send(m, said, tuitest.Keys("n", "n", "n")...)
	if s := screen(m); !strings.Contains(s, "── step take") || !strings.Contains(s, `"product_id": 333333`) {
		t.Errorf("the accepted offer:\n%s", s)
	}
	send(m, said, tuitest.Keys("f")...)
	res := m.Result(files[0].Scenarios[1])
	if res == nil || res.Status != runner.Passed || len(res.Steps) != 6 || m.stepper != nil {
		t.Fatalf("after f: %+v", res)
	}
	if s := screen(m); !strings.Contains(s, "checkout with an entry offer  passed") || !strings.Contains(s, "order.created") {
		t.Errorf("the end:\n%s", s)
	}
}

func TestLeavingAStepThroughClosesIt(t *testing.T) {
	m, said := newPane(t)
	send(m, said, tuitest.Keys("enter", "down", "s", "n", "esc")...)
	if m.stepper != nil || m.mode != modeTree {
		t.Errorf("esc: stepper %v mode %v", m.stepper, m.mode)
	}
	files, _ := m.Files()
	if m.Result(files[0].Scenarios[0]) != nil {
		t.Error("a step-through left half way has a result")
	}
}

func TestAProblemTooWideWrapsInTheTree(t *testing.T) {
	m, said := newPane(t)
	m.SetSize(56, 30)
	send(m, said, tuitest.Keys("a")...)
	s := screen(m)
	if !strings.Contains(s, "✗ wrong expectations — step link: status:") || !strings.Contains(s, "\n      expected 201, got 200") {
		t.Errorf("the problem does not wrap at 56 columns:\n%s", s)
	}
}

func TestEveryBrokenFileShowsWithItsError(t *testing.T) {
	dir := t.TempDir()
	for i := range 9 {
		body := fmt.Sprintf("version: 1\nscenarios: [{name: s%d, steps: [{id: a, login: {}, clock: {}}]}]\n", i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("broken-%d.yaml", i)), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	m := New(Options{Suites: suites.NewSet([]suites.Root{{Label: dir, Path: dir}}), Seed: 1})
	m.SetSize(120, 37)
	said := &[]ui.StatusMsg{}
	tuitest.Run(updater(m, said), m.Init())
	if _, errs := m.Files(); len(errs) != 9 {
		t.Errorf("%d errors for 9 broken files: %v", len(errs), errs)
	}
	// Each file heads its problems; the cursor goes through all of them.
	var seen strings.Builder
	for range 9 {
		seen.WriteString(screen(m))
		send(m, said, tuitest.Keys("up")...)
	}
	for i := range 9 {
		file := filepath.Join(dir, fmt.Sprintf("broken-%d.yaml", i))
		if want := "✗ " + file + " "; !strings.Contains(seen.String(), want) {
			t.Errorf("the pane never shows %q", want)
		}
	}
	if s := screen(m); !strings.Contains(s, "    line 2: scenarios[0].steps[0]: a step does exactly one of request") {
		t.Errorf("a broken file's problems:\n%s", s)
	}
	if len(*said) != 1 || !strings.Contains((*said)[0].Text, "9 files") {
		t.Errorf("status %v", *said)
	}
}

func TestTheCursorGoesToTheVendorsSuites(t *testing.T) {
	m := New(Options{Suites: suites.NewSet(suites.Roots(scen.Bundled(), nil)), Seed: 1})
	m.SetSize(120, 37)
	said := &[]ui.StatusMsg{}
	tuitest.Run(updater(m, said), m.Init())
	send(m, said, ui.VendorMsg{Vendor: vendor.TwoCheckout})
	if f, _ := m.under(); f == nil || !strings.HasPrefix(f.Title(), "bundled/twocheckout/") {
		t.Errorf("the cursor is on %v", f)
	}
}
