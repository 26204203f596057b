package kit

import (
	"testing"
	"time"

	"github.com/flashcart/flashcart/fixtures"
)

func TestDueHintIgnoresAScanThatRacedAWrite(t *testing.T) {
	var h DueHint
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if h.Skip(nil, now) {
		t.Error("a hint never learnt skips")
	}
	gen := h.Generation()
	h.Lower(now.Add(time.Hour)) // a write lands while the scan runs
	h.Learn(gen, nil, now.Add(24*time.Hour), false)
	if h.Skip(nil, now.Add(2*time.Hour)) {
		t.Error("the hint learnt a scan that began before a write")
	}
	h.Learn(h.Generation(), nil, now.Add(24*time.Hour), false)
	if !h.Skip(nil, now.Add(2*time.Hour)) || h.Skip(nil, now.Add(24*time.Hour)) {
		t.Error("the hint does not follow a clean scan")
	}
	h.Lower(now.Add(time.Hour))
	if h.Skip(nil, now.Add(time.Hour)) {
		t.Error("lowering did not lower")
	}
	h.Learn(h.Generation(), nil, time.Time{}, true)
	if !h.Skip(nil, now.AddDate(100, 0, 0)) {
		t.Error("with nothing waiting every check should be skipped")
	}
}

func TestDueHintIsUnknownInAnotherWorld(t *testing.T) {
	var h DueHint
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	learnt, reloaded := &fixtures.World{}, &fixtures.World{}
	h.Learn(h.Generation(), learnt, time.Time{}, true)
	if !h.Skip(learnt, now) {
		t.Error("the hint does not hold in the world it was learnt in")
	}
	if h.Skip(reloaded, now) {
		t.Error("the hint holds in a world it was not learnt in")
	}
}
