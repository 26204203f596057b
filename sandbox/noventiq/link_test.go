package noventiq

import (
	"testing"

	"github.com/flashcart/flashcart/sandbox/internal/store"
)

func TestSaveSkipsTakenIDs(t *testing.T) {
	st := store.NewMemory()
	draws := []string{"11111111", "11111111", "22222222"}
	for range 2 {
		link := &storedLink{Account: "demo"}
		err := saveLink(st, link, func() string { d := draws[0]; draws = draws[1:]; return d }, func(id string) string { return "u/" + id })
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(draws) != 0 {
		t.Errorf("a taken id was reused; draws left %v", draws)
	}
}
