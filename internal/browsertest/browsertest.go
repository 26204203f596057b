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

// New starts one headless Chromium tab for the test, with no network of
// its own (no background connections, updates or sync), and returns its
// context; the browser stops when the test ends.
func New(t testing.TB) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(Path(t)),
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
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}
