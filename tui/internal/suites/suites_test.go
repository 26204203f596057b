package suites

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/scenarios"
)

func TestLoadLabelsFilesByRoot(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	one := "version: 1\nscenarios: [{name: a, steps: [{id: s, login: {}}]}]\n"
	for _, p := range []string{"sub/deep.yaml", "top.yml"} {
		if err := os.WriteFile(filepath.Join(dir, p), []byte(one), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	single := filepath.Join(dir, "top.yml")
	roots := Roots(scenarios.Bundled(), []string{dir, single, filepath.Join(dir, "nope")})
	if len(roots) != 4 || roots[0].Label != Bundled {
		t.Fatalf("roots %+v", roots)
	}
	files, errs := Load(roots)
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "nope") {
		t.Errorf("errs %v", errs)
	}
	titles := map[string]bool{}
	for _, f := range files {
		titles[f.Title()] = true
	}
	for _, want := range []string{"bundled/noventiq/auth.yaml", dir + "/sub/deep.yaml", dir + "/top.yml", single} {
		if !titles[want] {
			t.Errorf("no file titled %q in %v", want, titles)
		}
	}
	if len(Roots(nil, nil)) != 0 {
		t.Error("no bundled folder still makes a root")
	}
}

func TestASetIsReadOnce(t *testing.T) {
	set := NewSet(Roots(scenarios.Bundled(), nil))
	done := make(chan []File)
	for range 2 {
		go func() { files, _ := set.Load(); done <- files }()
	}
	a, b := <-done, <-done
	if len(a) == 0 || len(a) != len(b) || a[0].File != b[0].File {
		t.Errorf("two loads read twice or differ: %d and %d files", len(a), len(b))
	}
}
