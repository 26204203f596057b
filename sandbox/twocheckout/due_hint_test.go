package twocheckout_test

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox"
)

// TestDueHintNeverDelaysACompletion: the requests' completion check skips
// its scan while no waiting order can be due, and still completes an order
// on the first request once the clock passed its delay, however the clock
// moved (here without the control API, which forces a scan), and once a
// reloaded world shortened the delay.
func TestDueHintNeverDelaysACompletion(t *testing.T) {
	src, err := os.ReadFile("../../fixtures/default.yaml")
	if err != nil {
		t.Fatal(err)
	}
	world := filepath.Join(t.TempDir(), "world.yaml")
	if err := os.WriteFile(world, src, 0o600); err != nil {
		t.Fatal(err)
	}
	clock := sandbox.FrozenClock(epoch)
	e := newEngine(t, func(o *sandbox.Options) {
		w, err := fixtures.Load(world)
		if err != nil {
			t.Fatal(err)
		}
		o.World, o.WorldFile, o.Clock = w, world, clock
	})
	sid := e.login("MERCHANT_CODE")
	first := e.place(sid)
	clock.Advance(59 * time.Second)
	second := e.place(sid) // completes at 10:01:59
	if got := e.status(sid, first); got != "AUTHRECEIVED/WAITING" {
		t.Fatalf("before the delay: %s", got)
	}
	clock.Advance(time.Second)
	if got := e.status(sid, first); got != "COMPLETE/OK" {
		t.Errorf("the first request after the delay: %s", got)
	}
	if got := e.status(sid, second); got != "AUTHRECEIVED/WAITING" {
		t.Errorf("the second order, before its delay: %s", got)
	}
	// A world whose delay is 1 s makes the second order (placed at
	// 10:00:59; it is 10:01:00) due at once.
	short := strings.ReplaceAll(string(src), "approval_delay: 1m", "approval_delay: 1s")
	if err := os.WriteFile(world, []byte(short), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := e.sb.ReloadWorld("test"); err != nil {
		t.Fatal(err)
	}
	if got := e.status(sid, second); got != "COMPLETE/OK" {
		t.Errorf("the second order, past the reloaded world's delay: %s", got)
	}
}

// TestALiveSandboxCompletesWithoutARequest: the engine catches every
// vendor up with its clock once a second, so an order past its approval
// delay completes, and the merchant gets its COMPLETE IPN, while nothing
// at all is asked of the sandbox.
func TestALiveSandboxCompletesWithoutARequest(t *testing.T) {
	rc := &receiver{t: t}
	srv := httptest.NewServer(rc)
	t.Cleanup(srv.Close)
	world := fixtures.Default()
	world.TwoCheckout.Merchants[0].IPNURL = srv.URL + "/ipn"
	clock := sandbox.FrozenClock(epoch)
	e := newEngine(t, func(o *sandbox.Options) { o.World, o.Clock = world, clock })
	ref := e.place(e.login("MERCHANT_CODE"))
	clock.Advance(2 * time.Minute) // past the world's 1m delay, behind the sandbox's back
	deadline := time.Now().Add(5 * time.Second)
	for {
		forms, failed := rc.seen()
		for _, f := range forms {
			if strings.Contains(f, "REFNO="+ref) && strings.Contains(f, "ORDERSTATUS=COMPLETE") {
				if len(failed) > 0 {
					t.Errorf("IPNs refused by the receiver: %q", failed)
				}
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no COMPLETE IPN of order %s 5 s after its delay; received %q", ref, forms)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
