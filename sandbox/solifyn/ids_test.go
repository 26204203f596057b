package solifyn

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestUUID7(t *testing.T) {
	h := newHarness(t)
	at := time.Date(2026, 5, 23, 12, 34, 56, 789_000_000, time.UTC)
	seen := map[string]bool{}
	for range 1000 {
		id := h.v.uuid7(kindCheckout, at)
		if !uuid7RE.MatchString(id) || seen[id] {
			t.Fatalf("id %q (seen before: %v)", id, seen[id])
		}
		seen[id] = true
		ms, err := strconv.ParseInt(strings.ReplaceAll(id, "-", "")[:12], 16, 64)
		if err != nil || ms != at.UnixMilli() {
			t.Fatalf("%s: timestamp %d, want %d", id, ms, at.UnixMilli())
		}
	}
}

// TestSeededIDs: the same seed and requests give the same ids; another
// kind of id drawn in between leaves a kind's sequence unchanged.
func TestSeededIDs(t *testing.T) {
	run := func(links int) []string {
		h := newHarness(t)
		var out []string
		for range 3 {
			for range links {
				h.must("POST", PathCheckoutLinks, `{"productId":"`+starterID+`"}`, demoKey, 201, nil)
			}
			c := h.checkout(`{"productId":"` + starterID + `"}`)
			out = append(out, c.ID, c.SessionID)
		}
		return out
	}
	a, b, c := run(0), run(0), run(2)
	if strings.Join(a, " ") != strings.Join(b, " ") || strings.Join(a, " ") != strings.Join(c, " ") {
		t.Fatalf("ids differ:\n%v\n%v\n%v", a, b, c)
	}
}
