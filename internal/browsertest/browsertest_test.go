package browsertest

import (
	"runtime"
	"strings"
	"testing"
)

// fakeT records how Path ends a test.
type fakeT struct {
	testing.TB
	skipped, failed string
}

func (f *fakeT) Helper()           {}
func (f *fakeT) Skip(args ...any)  { f.skipped = args[0].(string); runtime.Goexit() }
func (f *fakeT) Fatal(args ...any) { f.failed = args[0].(string); runtime.Goexit() }

// run runs fn as a test would, on its own goroutine.
func (f *fakeT) run(fn func(testing.TB)) {
	done := make(chan struct{})
	go func() { defer close(done); fn(f) }()
	<-done
}

// TestWithoutChromium hides every browser: a test skips saying so, and
// fails instead when CI is set.
func TestWithoutChromium(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("CI", "")
	f := &fakeT{}
	f.run(func(tb testing.TB) { Path(tb) })
	if !strings.HasPrefix(f.skipped, "SKIPPED: chromium is not installed") || f.failed != "" {
		t.Errorf("without CI: skipped %q, failed %q", f.skipped, f.failed)
	}
	t.Setenv("CI", "1")
	f = &fakeT{}
	f.run(func(tb testing.TB) { Path(tb) })
	if !strings.HasPrefix(f.failed, "CI is set and chromium is not installed") || f.skipped != "" {
		t.Errorf("with CI: skipped %q, failed %q", f.skipped, f.failed)
	}
}
