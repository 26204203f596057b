package noventiq

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/store"
)

func TestSaveSkipsTakenIDs(t *testing.T) {
	st := store.NewMemory()
	draws := []string{"11111111", "11111111", "22222222"}
	for range 2 {
		link := &storedLink{Account: "demo"}
		_, err := saveLink(st, nil, link, func() string { d := draws[0]; draws = draws[1:]; return d }, func(id string) string { return "u/" + id })
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(draws) != 0 {
		t.Errorf("a taken id was reused; draws left %v", draws)
	}
}

// TestFreshLinkReadsAsTheLinkMadeAtOnce: a link stored as generate_buy_link
// stores it — its request packed — reads, and encodes for a durable store,
// as the link resolved when it was made.
func TestFreshLinkReadsAsTheLinkMadeAtOnce(t *testing.T) {
	world := fixtures.Default()
	acct, _ := world.Account("demo")
	for _, body := range []string{mustRead(t, "examples/seed_example_1.json"), mustRead(t, "examples/seed_example_2.json"), upsellBody,
		`{"currency":"EUR","products":[{"id":111111,"name":"\u00e9\"q\"","price":"1","quantity":1}],"customer":{"country":"GB"}}`} {
		req, errs, packed := parseBuyLink(acct, body, true)
		if errs != nil {
			t.Fatal(errs)
		}
		made := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
		want, err := newStoredLink(req, acct, made, time.Duration(world.Noventiq.LinkTTL))
		if err != nil {
			t.Fatal(err)
		}
		want.ExternalID, want.BuyLink = "12345678", buyLink(world, "", want.Domain, "12345678")
		st := store.NewMemory()
		f := &freshLink{packed: packed, world: world, account: acct, created: made}
		if _, err := saveLink(st, nil, f, func() string { return "12345678" }, func(string) string { return "" }); err != nil {
			t.Fatal(err)
		}
		got, found, err := getLink(st, nil, "12345678")
		if err != nil || !found {
			t.Fatal(found, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s reads as\n%+v\nwant\n%+v", body, got, want)
		}
		var raw []byte
		_ = st.View(func(tx store.Tx) error { raw, _ = tx.Get(linksBucket, "12345678"); return nil })
		if wantRaw, _ := json.Marshal(want); string(raw) != string(wantRaw) {
			t.Errorf("%s encodes as\n%s\nwant\n%s", body, raw, wantRaw)
		}
		if len(packed) > len(body)/2+20 {
			t.Errorf("%s packs into %d bytes", body, len(packed))
		}
	}
}
