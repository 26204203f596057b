// Package browsertest starts a headless Chromium for the tests of the
// customer pages. Where Chromium is not installed a test skips, saying so
// loudly; when the CI environment variable is set, it fails instead, so
// that CI never passes without the browser.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Missing is what a test says when Chromium is not there.
const Missing = "chromium is not installed (apt-get install chromium): the customer pages were NOT tested in a browser"

// Path finds the browser. Without one, the test skips (fails under CI).
func Path(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("CI is set and " + Missing)
	}
	t.Skip("SKIPPED: " + Missing)
	return ""
}

// startAttempts is how many times New starts Chromium before it gives up.
const startAttempts = 3

// New starts one headless Chromium tab for the test, with no network of
// its own (no background connections, updates or sync), and returns its
// context; the browser stops when the test ends. The browser is started
// here, each attempt on a context of its own: a start that fails on a
// loaded machine is tried again on a fresh one, never on the same context
// (chromedp starts a second browser there, and panics closing its
// context's channel twice when both exit).
func New(t testing.TB) context.Context {
	t.Helper()
	path := Path(t)
	for attempt := 1; ; attempt++ {
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(path),
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.NoFirstRun,
			chromedp.UserDataDir(t.TempDir()),
			chromedp.WindowSize(1200, 900),
		)
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancelCtx := chromedp.NewContext(actx)
		err := chromedp.Do(ctx) // starts the browser and its first tab
		if err == nil {
			ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
			t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
			return ctx
		}
		cancelCtx()
		cancelAlloc()
		if attempt == startAttempts {
			t.Fatalf("chromium did not start in %d attempts: %v", attempt, err)
		}
		t.Logf("chromium did not start (attempt %d of %d): %v", attempt, startAttempts, err)
	}
}
