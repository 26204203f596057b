package orders

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/flashcart/flashcart/sandbox/internal/kit"

	"github.com/flashcart/flashcart/internal/money"
	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/shopspring/decimal"
)

func TestName(t *testing.T) {
	if got := Name(5555555); got != "A0005555555" {
		t.Errorf("Name(5555555) = %q, want A0005555555", got)
	}
}

func TestTimeJSON(t *testing.T) {
	msk := time.FixedZone("MSK", 3*3600)
	tests := []struct {
		in   Time
		want string
	}{
		{Time{time.Date(2021, 8, 13, 9, 16, 35, 0, msk)}, `"2021-08-13T09:16:35+03:00"`},
		{Time{time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}, `"2026-01-02T03:04:05+00:00"`},
		{Time{}, `""`},
	}
	for _, tt := range tests {
		b, _ := json.Marshal(tt.in)
		if string(b) != tt.want {
			t.Errorf("marshal %v = %s, want %s", tt.in.Time, b, tt.want)
		}
		var back Time
		if err := json.Unmarshal(b, &back); err != nil || !back.Equal(tt.in.Time) {
			t.Errorf("round trip of %s = %v, %v", b, back.Time, err)
		}
	}
}

func TestNextIDIsUnusedAndRepeatable(t *testing.T) {
	draw := func(st store.Store) []int64 {
		var out []int64
		for range 5 {
			err := st.Update(func(tx store.Tx) error {
				id, hash, err := NextID(tx, kit.NewIDs(7)) // a fresh generator repeats ids: NextID must skip them
				if err != nil {
					return err
				}
				if len(hash) != 32 {
					t.Errorf("hash %q is not 32 hex characters", hash)
				}
				out = append(out, id)
				return Put(tx, &Record{Account: "demo", Order: Order{Header: Header{OrderID: id}}})
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		return out
	}
	a := draw(store.NewMemory())
	b := draw(store.NewMemory())
	if !slices.Equal(a, b) {
		t.Errorf("same seed drew %v then %v", a, b)
	}
	sorted := slices.Clone(a)
	slices.Sort(sorted)
	if len(slices.Compact(sorted)) != len(a) {
		t.Errorf("ids repeat: %v", a)
	}
	for _, id := range a {
		if id < 1_000_000 || id > 9_999_999 {
			t.Errorf("id %d is not 7 digits", id)
		}
	}
}

func TestSumTotalAndPay(t *testing.T) {
	o := Order{Products: []Product{
		{Amount: money.A(decimal.RequireFromString("90.00"))},
		{Amount: money.A(decimal.RequireFromString("0.10"))},
	}}
	o.SumTotal()
	if o.Total.String() != "90.10" {
		t.Errorf("total = %s, want 90.10", o.Total)
	}
	when := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	o.Pay(when, Payment{CardLast4: "4242"})
	if o.Status != Paid || !o.PayDate.Equal(when) || o.Payment.CardLast4 != "4242" {
		t.Errorf("after Pay: %+v", o.Header)
	}
}

// BenchmarkSearch measures a search over 2,000 stored orders with three
// products each; BenchmarkDecodeOrders is its baseline: decoding every
// order whole, as a search that read whole orders would.
func BenchmarkSearch(b *testing.B) {
	st := benchOrders(b, 2000)
	f := Filter{Currency: ptr("EUR")}
	for b.Loop() {
		_ = st.View(func(tx store.Tx) error {
			_, err := Search(tx, "demo", f)
			return err
		})
	}
}

func BenchmarkDecodeOrders(b *testing.B) {
	st := benchOrders(b, 2000)
	for b.Loop() {
		_ = st.View(func(tx store.Tx) error {
			return store.EachJSON(tx, Bucket, func(string, *Record) error { return nil })
		})
	}
}

func ptr[T any](v T) *T { return &v }

func benchOrders(b *testing.B, n int) store.Store {
	st := store.NewMemory()
	p := Product{ID: "111111", Name: "Base", Price: money.A(decimal.RequireFromString("30.00")), Quantity: 1, Amount: money.A(decimal.RequireFromString("30.00"))}
	err := st.Update(func(tx store.Tx) error {
		for i := range n {
			rec := &Record{Account: "demo", Order: Order{
				Header:   Header{OrderID: int64(1_000_000 + i), Status: Paid, Currency: "EUR", CreateDate: Time{time.Unix(int64(i), 0).UTC()}},
				Products: []Product{p, p, p}, Total: money.A(decimal.RequireFromString("90.00")),
			}}
			if err := Put(tx, rec); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return st
}
