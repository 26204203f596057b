package presets

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/scenarios"
	"github.com/flashcart/flashcart/tui/internal/requests"
	"github.com/flashcart/flashcart/tui/internal/suites"
)

func TestLoadCombinesSourcesAndKeepsErrors(t *testing.T) {
	broken := func() ([]Preset, error) { return nil, errors.New("suite unreadable") }
	mine := func() ([]Preset, error) { return []Preset{{Group: "mine", Name: "x", Body: []byte(`{}`)}}, nil }
	msg := Load(Seed, broken, mine)().(LoadedMsg)
	if len(msg.Presets) != 3 || msg.Presets[0].Group != "seed" || msg.Presets[2].Name != "x" {
		t.Errorf("presets %+v", msg.Presets)
	}
	if len(msg.Errs) != 1 || msg.Errs[0].Error() != "suite unreadable" {
		t.Errorf("errs %v", msg.Errs)
	}
	if !strings.Contains(string(msg.Presets[1].Body), `"customer"`) {
		t.Errorf("seed example 2 body: %s", msg.Presets[1].Body)
	}
}

func TestScenariosYieldTheirBuyLinkRequests(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "mine.yaml")
	err := os.WriteFile(mine, []byte(`version: 1
scenarios:
  - name: two links
    steps:
      - {id: login, login: {}}
      - {id: first, request: {method: POST, path: /v1/generate_buy_link, body: {currency: EUR, products: [{id: 1, name: "${token}"}]}}}
      - {id: order, request: {method: GET, path: /v1/order/1}}
      - {id: second, request: {method: POST, path: /v1/generate_buy_link, body_raw: "{not json"}}
  - name: no link
    steps:
      - {id: login, login: {}}
`), 0o600)
	if err != nil {
		t.Fatal(err)
	}
	roots := suites.Roots(scenarios.Bundled(), []string{mine, filepath.Join(dir, "missing")})
	ps, err := Scenarios(suites.NewSet(roots), requests.NoventiqStep)()
	if err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("a missing path is not reported: %v", err)
	}
	groups := map[string]int{}
	for _, p := range ps {
		groups[p.Group]++
	}
	if groups["bundled/noventiq/upsell-errors.yaml"] == 0 || groups["bundled/noventiq/seed-examples.yaml"] == 0 {
		t.Errorf("bundled groups %v", groups)
	}
	var got []string
	for _, p := range ps {
		if p.Group == mine {
			got = append(got, p.Name+" = "+string(p.Body))
		}
	}
	want := []string{
		`two links · first = {"currency":"EUR","products":[{"id":1,"name":"${token}"}]}`,
		`two links · second = {not json`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("my presets:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestAnErrorNamesItsFileNotASourceNumber(t *testing.T) {
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.yaml")
	if err := os.WriteFile(broken, []byte("version: 2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	msg := Load(Seed, Scenarios(suites.NewSet(suites.Roots(nil, []string{dir})), requests.NoventiqStep))().(LoadedMsg)
	if len(msg.Errs) != 1 || !strings.HasPrefix(msg.Errs[0].Error(), broken+":1: ") || strings.Contains(msg.Errs[0].Error(), "source") {
		t.Errorf("errs %q", msg.Errs)
	}
}

func TestTwoCheckoutPresetsAreTheParamsAfterTheSession(t *testing.T) {
	ps, err := Scenarios(suites.NewSet(suites.Roots(scenarios.Bundled(), nil)), requests.TwoCheckoutStep)()
	if err != nil {
		t.Fatal(err)
	}
	var order *Preset
	for i, p := range ps {
		if p.Group == "bundled/twocheckout/orders.yaml" && p.Request == "placeOrder" && order == nil {
			order = &ps[i]
		}
		if strings.Contains(string(p.Body), "twocheckout.session") {
			t.Errorf("%s: %s holds the session: %s", p.Group, p.Name, p.Body)
		}
	}
	if order == nil || !strings.HasPrefix(string(order.Body), "[\n  {\n    \"Currency\": \"USD\"") {
		t.Fatalf("placeOrder preset %+v", order)
	}
}

func TestSolifynPresetsAreItsCheckoutCreations(t *testing.T) {
	ps, err := Scenarios(suites.NewSet(suites.Roots(scenarios.Bundled(), nil)), requests.SolifynStep)()
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, p := range ps {
		kinds[p.Request]++
		if !strings.HasPrefix(p.Group, "bundled/solifyn/") {
			t.Errorf("a preset of %s", p.Group)
		}
	}
	if kinds["checkout/create"] == 0 || kinds["checkout/collection/create"] == 0 || len(kinds) != 2 {
		t.Errorf("presets by request %v", kinds)
	}
}
