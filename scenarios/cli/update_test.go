package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/scenarios"
	"github.com/flashcart/flashcart/scenarios/runner"
)

func runFile(t *testing.T, path string) *runner.Result {
	t.Helper()
	files, err := scenarios.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := runner.Run(context.Background(), files[0].Scenarios, runner.Options{Seed: 4, KeepGoing: true})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestApplyRewritesStaleExpectations(t *testing.T) {
	data, err := os.ReadFile("testdata/stale.yaml")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "stale.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	before := runFile(t, path)
	if c := before.Count(); c[runner.Failed] != 2 {
		t.Fatalf("both stale scenarios should fail: %v", c)
	}
	changed, err := Apply(before)
	if err != nil || len(changed) != 1 || changed[0] != path {
		t.Fatalf("Apply = %v, %v", changed, err)
	}
	out, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, want := range []string{
		"# A suite whose expectations went stale.",
		"# The matchers must survive the update.",
		"status: 200",
		"headers: {Content-Type: application/json}",
		`buy_link: "https://cart.checkout.noventiq.com.demoslweb.ru/basket/flash/${steps.link.body.external_id}"`,
		`external_id: {$regex: '^\d+$'}`,
		"      - id: again\n        request: {method: POST, path: /v1/generate_buy_link, body_raw: 'nope'}\n\n",
		"      - {id: relogin, login: {password: wrong}, expect: {status: 401}}\n",
		"errors: [{error: 3120, message: Unable to define cart settings for this currency. Please contact technical support.}]",
		"\n\n  - name: stale error\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the updated file lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "extra") || strings.Contains(text, "201") {
		t.Errorf("stale values remain:\n%s", text)
	}
	after := runFile(t, path)
	if c := after.Count(); c[runner.Passed] != 2 {
		t.Fatalf("after --update the suite still fails: %v", c)
	}
	if again, err := Apply(after); err != nil || len(again) != 0 {
		t.Errorf("a passing run changed files: %v %v", again, err)
	}
}

func TestApplyFailsWhenTheFileMoved(t *testing.T) {
	path := filepath.Join(t.TempDir(), "stale.yaml")
	data, _ := os.ReadFile("testdata/stale.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	res := runFile(t, path)
	if err := os.WriteFile(path, []byte("version: 1\nscenarios: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Apply(res); err == nil || !strings.Contains(err.Error(), "is not where the file had it") {
		t.Errorf("err = %v", err)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if _, err := Apply(res); err == nil {
		t.Error("a missing file was updated")
	}
}

func TestSpaceScenarios(t *testing.T) {
	in := "version: 1\nscenarios:\n  # the first\n  - name: one\n    steps: []\n  # the second\n  # says more\n  - name: two\n    steps: []\n  - name: three\n    steps: []\n"
	want := "version: 1\nscenarios:\n  # the first\n  - name: one\n    steps: []\n\n  # the second\n  # says more\n  - name: two\n    steps: []\n\n  - name: three\n    steps: []\n"
	if got := string(spaceScenarios([]byte(in))); got != want {
		t.Errorf("spaced\n%s\nwant\n%s", got, want)
	}
}
