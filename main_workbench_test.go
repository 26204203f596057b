package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/flashcart/flashcart/scenarios"
	"github.com/flashcart/flashcart/tui"
)

func TestWorkbenchFlags(t *testing.T) {
	var errOut bytes.Buffer
	opts, code := workbenchOptions([]string{"--addr", "127.0.0.1:0", "--scenarios", "a,b.yaml", "--scenarios", "dir"}, &errOut)
	if code != -1 || opts.Addr != "127.0.0.1:0" || !slices.Equal(opts.Scenarios, []string{"a,b.yaml", "dir"}) || opts.Bundled == nil {
		t.Errorf("options %+v, code %d, stderr %q", opts, code, errOut.String())
	}
	if _, code := workbenchOptions([]string{"--scenarios"}, &errOut); code != 1 {
		t.Errorf("--scenarios without a path: exit %d", code)
	}
}

// TestBundledSuitesAreEmbedded checks that the embedded suites load as the
// repository's do: a suite that reads a file the embed pattern misses
// fails here.
func TestBundledSuitesAreEmbedded(t *testing.T) {
	tmp := t.TempDir()
	if err := os.CopyFS(tmp, bundled); err != nil {
		t.Fatal(err)
	}
	embedded, err := scenarios.Load(filepath.Join(tmp, tui.BundledDir))
	if err != nil {
		t.Fatalf("the embedded suites do not load (add what they read to the go:embed line): %v", err)
	}
	repo, err := scenarios.Load(tui.BundledDir)
	if err != nil {
		t.Fatal(err)
	}
	count := func(files []*scenarios.File) (n int) {
		for _, f := range files {
			n += len(f.Scenarios)
		}
		return n
	}
	if len(embedded) != len(repo) || count(embedded) != count(repo) || count(repo) == 0 {
		t.Errorf("embedded: %d files, %d scenarios; the repository: %d files, %d scenarios", len(embedded), count(embedded), len(repo), count(repo))
	}
}
