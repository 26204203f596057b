package noventiq

import (
	"errors"

	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/flashcart/flashcart/sandbox/noventiq/internal/orders"
)

// errNoOrder is returned for an order that does not exist, belongs to
// another account, or whose page hash does not match.
var errNoOrder = errors.New("sales: no such order")

// findOrder returns the order with that id when its record passes match.
func (d *backOffice) findOrder(id int64, match func(*orders.Record) bool) (*orders.Order, error) {
	var rec *orders.Record
	err := d.Store.View(func(tx store.Tx) error {
		var found bool
		var err error
		rec, found, err = orders.Get(tx, id)
		if err == nil && (!found || !match(rec)) {
			return errNoOrder
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return &rec.Order, nil
}

// Order returns one of the account's orders.
func (d *backOffice) Order(account string, id int64) (*orders.Order, error) {
	return d.findOrder(id, func(rec *orders.Record) bool { return rec.Account == account })
}

// OrderPage returns the order whose customer page has that hash.
func (d *backOffice) OrderPage(id int64, hash string) (*orders.Order, error) {
	return d.findOrder(id, func(rec *orders.Record) bool { return rec.Hash == hash })
}

// Search returns the ids of the account's orders that pass the filter.
func (d *backOffice) Search(account string, f orders.Filter) ([]int64, error) {
	return d.Orders.Search(d.Store, account, f)
}
