package orders

import (
	"cmp"
	"slices"
	"time"

	"github.com/flashcart/flashcart/sandbox/internal/store"
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

// ParseTime reads a date in TimeLayout.
func ParseTime(s string) (time.Time, error) { return time.Parse(TimeLayout, s) }

// SearchBucket indexes the orders by what search filters: Put writes a
// searchRecord there beside each order, so that a search reads a few small
// records instead of every whole order. Like every record, it names its
// account, so resetting an account removes it too.
const SearchBucket = "orders_search"

// searchFields is what the filters read of an order; dates are Unix
// seconds (the API's precision), 0 for an unpaid order's pay date.
type searchFields struct {
	OrderID    int64  `json:"id"`
	Status     Status `json:"status"`
	ExternalID string `json:"external_id"`
	CreateDate int64  `json:"created"`
	PayDate    int64  `json:"paid"`
	Currency   string `json:"currency"`
	Email      string `json:"email"`
}

// searchRecord is an order's entry in SearchBucket.
type searchRecord struct {
	Account string       `json:"account"`
	Order   searchFields `json:"order"`
}

func (r *Record) searchRecord() *searchRecord {
	o := &r.Order
	unix := func(t Time) int64 {
		if t.IsZero() {
			return 0
		}
		return t.Unix()
	}
	return &searchRecord{Account: r.Account, Order: searchFields{OrderID: o.OrderID, Status: o.Status, ExternalID: o.ExternalID,
		CreateDate: unix(o.CreateDate), PayDate: unix(o.PayDate), Currency: o.Currency, Email: o.Customer.Email}}
}

// matches reports whether the order passes every filter.
func (f Filter) matches(o *searchFields) bool {
	eq := func(want *string, got string) bool { return want == nil || *want == got }
	in := func(t int64, from, to *time.Time) bool {
		if from == nil && to == nil {
			return true
		}
		if t == 0 {
			return false
		}
		return (from == nil || t >= from.Unix()) && (to == nil || t <= to.Unix())
	}
	return (f.Status == nil || *f.Status == o.Status) &&
		eq(f.ExternalID, o.ExternalID) && eq(f.Currency, o.Currency) && eq(f.Email, o.Email) &&
		in(o.CreateDate, f.CreateDateFrom, f.CreateDateTo) && in(o.PayDate, f.PayDateFrom, f.PayDateTo)
}

// Search returns the ids of the account's orders that match, oldest first.
func Search(tx store.Tx, account string, f Filter) ([]int64, error) {
	var found []*searchFields
	err := store.EachJSON(tx, SearchBucket, func(_ string, rec *searchRecord) error {
		if rec.Account == account && f.matches(&rec.Order) {
			found = append(found, &rec.Order)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(found, func(a, b *searchFields) int {
		return cmp.Or(cmp.Compare(a.CreateDate, b.CreateDate), cmp.Compare(a.OrderID, b.OrderID))
	})
	ids := make([]int64, len(found))
	for i, o := range found {
		ids[i] = o.OrderID
	}
	return ids, nil
}
