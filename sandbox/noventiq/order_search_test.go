package noventiq

import (
	"slices"
	"testing"
	"time"

	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/flashcart/flashcart/sandbox/noventiq/internal/orders"
)

func raw(t *testing.T, s string) *bodyObject {
	t.Helper()
	o, ok := parseObject([]byte(s))
	if !ok {
		t.Fatalf("%s is not an object", s)
	}
	return o
}

func TestDecodeFilterErrors(t *testing.T) {
	tests := []struct {
		body string
		want []string // messages
	}{
		{`{}`, nil},
		{`{"status":"paid","email":"a@b.c","create_date_from":"2026-01-01T00:00:00+03:00"}`, nil},
		{`{"status":"refunded"}`, []string{"Invalid field value: status."}},
		{`{"status":null}`, []string{"Invalid field value: status."}},
		{`{"currency":3}`, []string{"Invalid field value: currency."}},
		{`{"pay_date_to":"2026-01-01"}`, []string{"Invalid field value: pay_date_to."}},
		{`{"zeta":"1","alpha":"2","email":1}`, []string{"Invalid field value: alpha.", "Invalid field value: zeta.", "Invalid field value: email."}},
		{`{"create_date_from":"2026-01-01T00:00:00Z","status":"paid"}`, []string{"Invalid field value: create_date_from."}},
	}
	for _, tt := range tests {
		_, errs := decodeFilter(raw(t, tt.body))
		var got []string
		for _, e := range errs {
			if e.Code != 3010 {
				t.Errorf("%s: code %d", tt.body, e.Code)
			}
			got = append(got, e.Message)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("decodeFilter(%s) = %q, want %q", tt.body, got, tt.want)
		}
	}
}

func TestSearch(t *testing.T) {
	at := func(h int) orders.Time { return orders.Time{Time: time.Date(2026, 3, 1, h, 0, 0, 0, time.UTC)} }
	st := store.NewMemory()
	ix := orders.NewIndex(st)
	recs := []orders.Record{
		{Account: "demo", Order: orders.Order{Header: orders.Header{OrderID: 3, Status: orders.Paid, ExternalID: "11", CreateDate: at(10), PayDate: at(11), Currency: "EUR", Customer: orders.Customer{Email: "a@x.io"}}}},
		{Account: "demo", Order: orders.Order{Header: orders.Header{OrderID: 1, Status: orders.NotPaid, ExternalID: "12", CreateDate: at(12), Currency: "USD", Customer: orders.Customer{Email: "b@x.io"}}}},
		{Account: "demo", Order: orders.Order{Header: orders.Header{OrderID: 2, Status: orders.Paid, CreateDate: at(14), PayDate: at(14), Currency: "EUR", Customer: orders.Customer{Email: "b@x.io"}}}},
		{Account: "other", Order: orders.Order{Header: orders.Header{OrderID: 4, Status: orders.Paid, CreateDate: at(10), PayDate: at(10), Currency: "EUR"}}},
	}
	err := st.Update(func(tx store.Tx) error {
		for i := range recs {
			if err := orders.Put(tx, &recs[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		body string
		want []int64
	}{
		{`{}`, []int64{3, 1, 2}},
		{`{"status":"paid"}`, []int64{3, 2}},
		{`{"status":"not paid"}`, []int64{1}},
		{`{"external_id":"12"}`, []int64{1}},
		{`{"external_id":""}`, []int64{2}},
		{`{"currency":"EUR"}`, []int64{3, 2}},
		{`{"email":"b@x.io"}`, []int64{1, 2}},
		{`{"create_date_from":"2026-03-01T12:00:00+00:00"}`, []int64{1, 2}},
		{`{"create_date_to":"2026-03-01T12:00:00+00:00"}`, []int64{3, 1}},
		{`{"create_date_from":"2026-03-01T15:00:00+03:00","create_date_to":"2026-03-01T15:00:00+03:00"}`, []int64{1}},
		{`{"pay_date_from":"2026-03-01T00:00:00+00:00"}`, []int64{3, 2}},
		{`{"pay_date_to":"2026-03-01T11:00:00+00:00"}`, []int64{3}},
		{`{"status":"deleted"}`, []int64{}},
	}
	for _, tt := range tests {
		f, errs := decodeFilter(raw(t, tt.body))
		if errs != nil {
			t.Fatalf("%s: %v", tt.body, errs)
		}
		got, err := ix.Search(st, "demo", f)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("search %s = %v, want %v", tt.body, got, tt.want)
		}
	}
}
