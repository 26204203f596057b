package scenarios

import "testing"

// TestBundledSuitesAreEmbedded checks that the embedded suites load as the
// repository's do: a suite that reads a file the embed pattern misses
// fails here.
func TestBundledSuitesAreEmbedded(t *testing.T) {
	embedded, err := LoadFS(Bundled(), BundledSuites)
	if err != nil {
		t.Fatalf("the embedded suites do not load (add what they read to the go:embed line): %v", err)
	}
	repo, err := Load(BundledSuites)
	if err != nil {
		t.Fatal(err)
	}
	count := func(files []*File) (n int) {
		for _, f := range files {
			n += len(f.Scenarios)
		}
		return n
	}
	if len(embedded) != len(repo) || count(embedded) != count(repo) || count(repo) == 0 {
		t.Errorf("embedded: %d files, %d scenarios; the repository: %d files, %d scenarios", len(embedded), count(embedded), len(repo), count(repo))
	}
}
