package orders

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math/rand/v2"
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

// BenchmarkSearch measures searches over 1,000, 10,000 and 100,000 stored
// orders, each with its own external id, e-mail and create date (one a
// minute), in two currencies: a lookup by external id finds one order, a
// date range of an hour sixty, a currency half of them. The cost follows
// the orders found: the 100,000 case of a lookup costs about the 1,000 one.
func BenchmarkSearch(b *testing.B) {
	for _, n := range []int{1000, 10_000, 100_000} {
		st, ix := benchOrders(b, n)
		from, to := time.Unix(int64(60*n/2), 0), time.Unix(int64(60*n/2+3599), 0)
		for _, c := range []struct {
			name string
			f    Filter
			want int
		}{
			{"external_id", Filter{ExternalID: ptr(fmt.Sprint(n / 2))}, 1},
			{"create_date", Filter{CreateDateFrom: &from, CreateDateTo: &to}, 60},
			{"currency", Filter{Currency: ptr("USD")}, n / 2},
		} {
			b.Run(fmt.Sprintf("orders=%d/filter=%s", n, c.name), func(b *testing.B) {
				for b.Loop() {
					ids, err := ix.Search(st, "demo", c.f)
					if err != nil || len(ids) != c.want {
						b.Fatalf("%d found, %v; want %d", len(ids), err, c.want)
					}
				}
			})
		}
	}
}

func ptr[T any](v T) *T { return &v }

func benchOrders(b *testing.B, n int) (store.Store, *Index) {
	st := store.NewMemory()
	ix := NewIndex(st)
	p := Product{ID: "111111", Name: "Base", Price: money.A(decimal.RequireFromString("30.00")), Quantity: 1, Amount: money.A(decimal.RequireFromString("30.00"))}
	err := st.Update(func(tx store.Tx) error {
		for i := range n {
			rec := &Record{Account: "demo", Order: Order{
				Header: Header{OrderID: int64(1_000_000 + i), Status: Paid, Currency: []string{"EUR", "USD"}[i%2], ExternalID: fmt.Sprint(i),
					CreateDate: Time{time.Unix(int64(60*i), 0).UTC()}, Customer: Customer{Email: fmt.Sprintf("c%d@x.io", i)}},
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
	return st, ix
}

// TestIndexAnswersAsAScan puts, changes and deletes random orders, and
// checks every search against a scan of every order.
func TestIndexAnswersAsAScan(t *testing.T) {
	st := store.NewMemory()
	ix := NewIndex(st)
	rnd := rand.New(rand.NewPCG(1, 2))
	pick := func(vals ...string) string { return vals[rnd.IntN(len(vals))] }
	statuses := []Status{Paid, NotPaid, Deleted}
	for round := range 300 {
		err := st.Update(func(tx store.Tx) error {
			id := int64(rnd.IntN(60))
			if rnd.IntN(5) == 0 {
				return tx.Delete(SearchBucket, key(id))
			}
			h := Header{OrderID: id, Status: statuses[rnd.IntN(3)], ExternalID: pick("", "1", "2"), Currency: pick("EUR", "USD"),
				CreateDate: Time{time.Unix(int64(rnd.IntN(10)), 0)}, Customer: Customer{Email: pick("a@x.io", "b@x.io")}}
			if h.Status == Paid {
				h.PayDate = Time{time.Unix(int64(rnd.IntN(10)), 0)}
			}
			return Put(tx, &Record{Account: pick("demo", "other"), Order: Order{Header: h}})
		})
		if err != nil {
			t.Fatal(err)
		}
		at := func() *time.Time {
			if rnd.IntN(2) == 0 {
				return nil
			}
			d := time.Unix(int64(rnd.IntN(10)), 0)
			return &d
		}
		f := Filter{CreateDateFrom: at(), CreateDateTo: at(), PayDateFrom: at(), PayDateTo: at()}
		if rnd.IntN(2) == 0 {
			f.ExternalID = ptr(pick("", "1", "2"))
		}
		if rnd.IntN(2) == 0 {
			f.Status = &statuses[rnd.IntN(3)]
		}
		if rnd.IntN(2) == 0 {
			f.Email = ptr(pick("a@x.io", "b@x.io"))
		}
		if rnd.IntN(2) == 0 {
			f.Currency = ptr(pick("EUR", "USD"))
		}
		got, err := ix.Search(st, "demo", f)
		if err != nil {
			t.Fatal(err)
		}
		var all []*searchFields
		_ = st.View(func(tx store.Tx) error {
			return store.EachJSON(tx, SearchBucket, func(_ string, rec *searchRecord) error {
				if rec.Account == "demo" && f.matches(&rec.Order) {
					all = append(all, &rec.Order)
				}
				return nil
			})
		})
		slices.SortFunc(all, func(a, b *searchFields) int {
			return cmp.Or(cmp.Compare(a.CreateDate, b.CreateDate), cmp.Compare(a.OrderID, b.OrderID))
		})
		want := []int64{}
		for _, o := range all {
			want = append(want, o.OrderID)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: search %+v = %v, a scan finds %v", round, f, got, want)
		}
	}
}
