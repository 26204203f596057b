package orders

import (
	"cmp"
	"encoding/json"
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

// Owner names the record's account, for resets.
func (r *searchRecord) Owner() (account, vendor string) { return r.Account, "" }

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

// Index finds orders by what the search filters: each account's orders by
// external id, status, e-mail and currency, and in order of their create
// and pay dates. The store keeps it in step with SearchBucket (see
// store.Index), so a search costs about as much as the orders its most
// selective filter leaves, not as all orders.
type Index struct {
	byKey    map[string]*indexed
	accounts map[string]*accountIndex
}

// indexed is one order's search fields, which never change once put: a
// change of the order puts new ones.
type indexed struct {
	account string
	searchFields
}

type accountIndex struct {
	byExternalID, byEmail, byCurrency, byStatus map[string]map[int64]*indexed
	// byCreate and byPay are sorted by date, then order id; byPay holds
	// the paid orders only.
	byCreate, byPay []*indexed
}

// NewIndex indexes the orders of st, and keeps doing so.
func NewIndex(st store.Store) *Index {
	ix := &Index{byKey: map[string]*indexed{}, accounts: map[string]*accountIndex{}}
	st.AddIndex(SearchBucket, ix)
	return ix
}

// Put indexes an order's search record, replacing what it replaces.
func (ix *Index) Put(key string, v any) {
	rec, ok := v.(*searchRecord)
	if !ok {
		raw, _ := v.([]byte)
		rec = new(searchRecord)
		if json.Unmarshal(raw, rec) != nil {
			return // not a search record: no search finds it
		}
	}
	ix.Delete(key)
	e := &indexed{account: rec.Account, searchFields: rec.Order}
	ix.byKey[key] = e
	a := ix.accounts[e.account]
	if a == nil {
		a = &accountIndex{byExternalID: map[string]map[int64]*indexed{}, byEmail: map[string]map[int64]*indexed{},
			byCurrency: map[string]map[int64]*indexed{}, byStatus: map[string]map[int64]*indexed{}}
		ix.accounts[e.account] = a
	}
	for _, set := range a.sets(e) {
		if set.m[set.key] == nil {
			set.m[set.key] = map[int64]*indexed{}
		}
		set.m[set.key][e.OrderID] = e
	}
	a.byCreate = insert(a.byCreate, e, createDate)
	if e.PayDate != 0 {
		a.byPay = insert(a.byPay, e, payDate)
	}
}

// Delete forgets an order.
func (ix *Index) Delete(key string) {
	e := ix.byKey[key]
	if e == nil {
		return
	}
	delete(ix.byKey, key)
	a := ix.accounts[e.account]
	for _, set := range a.sets(e) {
		delete(set.m[set.key], e.OrderID)
		if len(set.m[set.key]) == 0 {
			delete(set.m, set.key)
		}
	}
	a.byCreate = remove(a.byCreate, e, createDate)
	if e.PayDate != 0 {
		a.byPay = remove(a.byPay, e, payDate)
	}
}

// set is one of an account's sets of orders and the key an order is in.
type set struct {
	m   map[string]map[int64]*indexed
	key string
}

func (a *accountIndex) sets(e *indexed) [4]set {
	return [4]set{{a.byExternalID, e.ExternalID}, {a.byEmail, e.Email}, {a.byCurrency, e.Currency}, {a.byStatus, string(e.Status)}}
}

func createDate(e *indexed) int64 { return e.CreateDate }
func payDate(e *indexed) int64    { return e.PayDate }

// position is where e is, or goes, in a slice sorted by date and order id.
func position(s []*indexed, e *indexed, date func(*indexed) int64) int {
	i, _ := slices.BinarySearchFunc(s, e, func(a, b *indexed) int {
		return cmp.Or(cmp.Compare(date(a), date(b)), cmp.Compare(a.OrderID, b.OrderID))
	})
	return i
}

func insert(s []*indexed, e *indexed, date func(*indexed) int64) []*indexed {
	return slices.Insert(s, position(s, e, date), e)
}

func remove(s []*indexed, e *indexed, date func(*indexed) int64) []*indexed {
	if i := position(s, e, date); i < len(s) && s[i] == e {
		return slices.Delete(s, i, i+1)
	}
	return s
}

// between returns the orders of s dated from from to to, inclusive.
func between(s []*indexed, from, to *time.Time, date func(*indexed) int64) []*indexed {
	lo, hi := 0, len(s)
	if from != nil {
		lo, _ = slices.BinarySearchFunc(s, from.Unix(), func(e *indexed, t int64) int { return cmp.Compare(date(e), t) })
	}
	if to != nil {
		hi, _ = slices.BinarySearchFunc(s, to.Unix()+1, func(e *indexed, t int64) int { return cmp.Compare(date(e), t) })
	}
	return s[lo:max(lo, hi)]
}

// Search returns the ids of the account's orders that match, oldest first.
// Inside a read transaction of st it only gathers the orders its most
// selective filter leaves; the other filters and the sorting run after
// it, so that a search never holds the store's writers back for long.
func (ix *Index) Search(st store.Store, account string, f Filter) ([]int64, error) {
	var found []*indexed
	err := st.View(func(store.Tx) error {
		if a := ix.accounts[account]; a != nil {
			found = a.candidates(f)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	found = slices.DeleteFunc(found, func(e *indexed) bool { return !f.matches(&e.searchFields) })
	slices.SortFunc(found, func(a, b *indexed) int {
		return cmp.Or(cmp.Compare(a.CreateDate, b.CreateDate), cmp.Compare(a.OrderID, b.OrderID))
	})
	ids := make([]int64, len(found))
	for i, e := range found {
		ids[i] = e.OrderID
	}
	return ids, nil
}

// candidates copies the smallest set of orders the filter's indexed fields
// leave; the caller holds the store's transaction.
func (a *accountIndex) candidates(f Filter) []*indexed {
	best := between(a.byCreate, f.CreateDateFrom, f.CreateDateTo, createDate)
	if f.PayDateFrom != nil || f.PayDateTo != nil {
		if pay := between(a.byPay, f.PayDateFrom, f.PayDateTo, payDate); len(pay) < len(best) {
			best = pay
		}
	}
	var bestSet map[int64]*indexed
	for _, s := range [...]struct {
		m    map[string]map[int64]*indexed
		want *string
	}{{a.byExternalID, f.ExternalID}, {a.byEmail, f.Email}, {a.byCurrency, f.Currency}, {a.byStatus, (*string)(f.Status)}} {
		if s.want == nil {
			continue
		}
		m := s.m[*s.want]
		if len(m) == 0 {
			return nil
		}
		if (bestSet == nil && len(m) < len(best)) || (bestSet != nil && len(m) < len(bestSet)) {
			bestSet = m
		}
	}
	if bestSet != nil {
		out := make([]*indexed, 0, len(bestSet))
		for _, e := range bestSet {
			out = append(out, e)
		}
		return out
	}
	return slices.Clone(best)
}
