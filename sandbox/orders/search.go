package orders

import (
	"cmp"
	"encoding/json"
	"slices"
	"time"

	"github.com/flashcart/flashcart/sandbox/apierr"
	"github.com/flashcart/flashcart/sandbox/store"
)

// Filter is the body of POST /v1/order/search; a nil field does not filter.
// Date bounds are inclusive.
type Filter struct {
	Status         *Status
	ExternalID     *string
	CreateDateFrom *time.Time
	CreateDateTo   *time.Time
	PayDateFrom    *time.Time
	PayDateTo      *time.Time
	Currency       *string
	Email          *string
}

// filterFields are the search fields in the order they are checked.
var filterFields = []string{"status", "external_id", "create_date_from", "create_date_to",
	"pay_date_from", "pay_date_to", "currency", "email"}

// DecodeFilter reads a search body that is a JSON object. Every field is an
// optional string; a wrong type, null, an unknown field, a bad status or a
// date not in TimeLayout is 3010 for that field; all errors are reported.
func DecodeFilter(body map[string]json.RawMessage) (Filter, []apierr.Error) {
	var f Filter
	var errs []apierr.Error
	for k := range body {
		if !slices.Contains(filterFields, k) {
			errs = append(errs, apierr.Field(k, k))
		}
	}
	slices.SortFunc(errs, func(a, b apierr.Error) int { return cmp.Compare(a.Path, b.Path) })
	dates := map[string]**time.Time{
		"create_date_from": &f.CreateDateFrom, "create_date_to": &f.CreateDateTo,
		"pay_date_from": &f.PayDateFrom, "pay_date_to": &f.PayDateTo,
	}
	for _, name := range filterFields {
		raw, ok := body[name]
		if !ok {
			continue
		}
		var s string
		if json.Unmarshal(raw, &s) != nil || string(raw) == "null" {
			errs = append(errs, apierr.Field(name, name))
			continue
		}
		switch name {
		case "status":
			st := Status(s)
			if st != Paid && st != NotPaid && st != Deleted {
				errs = append(errs, apierr.Field(name, name))
				continue
			}
			f.Status = &st
		case "external_id":
			f.ExternalID = &s
		case "currency":
			f.Currency = &s
		case "email":
			f.Email = &s
		default:
			t, err := time.Parse(TimeLayout, s)
			if err != nil {
				errs = append(errs, apierr.Field(name, name))
				continue
			}
			*dates[name] = &t
		}
	}
	return f, errs
}

// Match reports whether the order passes every filter.
func (f Filter) Match(o *Order) bool {
	eq := func(want *string, got string) bool { return want == nil || *want == got }
	in := func(t Time, from, to *time.Time) bool {
		if from == nil && to == nil {
			return true
		}
		if t.IsZero() {
			return false
		}
		return (from == nil || !t.Before(*from)) && (to == nil || !t.After(*to))
	}
	return (f.Status == nil || *f.Status == o.Status) &&
		eq(f.ExternalID, o.ExternalID) && eq(f.Currency, o.Currency) && eq(f.Email, o.Customer.Email) &&
		in(o.CreateDate, f.CreateDateFrom, f.CreateDateTo) && in(o.PayDate, f.PayDateFrom, f.PayDateTo)
}

// Search returns the ids of the account's orders that match, oldest first.
func Search(tx store.Tx, account string, f Filter) ([]int64, error) {
	var found []*Order
	err := store.EachJSON(tx, Bucket, func(_ string, rec *Record) error {
		if rec.Account == account && f.Match(&rec.Order) {
			found = append(found, &rec.Order)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(found, func(a, b *Order) int {
		return cmp.Or(a.CreateDate.Compare(b.CreateDate.Time), cmp.Compare(a.OrderID, b.OrderID))
	})
	ids := make([]int64, len(found))
	for i, o := range found {
		ids[i] = o.OrderID
	}
	return ids, nil
}
