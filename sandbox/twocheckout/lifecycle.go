package twocheckout

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/flashcart/flashcart/sandbox/internal/store"
)

// ErrUnknownOrder is what Complete answers for a reference no order has.
var ErrUnknownOrder = errors.New("twocheckout: no order with that reference")

// CatchUp completes the orders whose merchant's approval delay the clock
// has passed. It reads the index of waiting orders only; unless force, only
// when one may be due.
func (v *Vendor) CatchUp(force bool) {
	if !force && v.due.Skip(v.env.World(), v.env.Now()) {
		return
	}
	done, err := v.CompleteDue(context.Background())
	switch {
	case err != nil:
		v.env.Log.Error("twocheckout: complete due orders", "err", err)
	case len(done) > 0:
		v.env.Log.Info("twocheckout: orders completed", "refnos", done)
		v.env.Outbox.Kick()
	}
}

// Complete approves an order now: AUTHRECEIVED/WAITING becomes
// COMPLETE/OK, its subscriptions are enabled, and the IPN is sent. An
// order already complete is left alone; an unknown reference is
// ErrUnknownOrder.
func (v *Vendor) Complete(ctx context.Context, refNo string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("twocheckout: complete %s: %w", refNo, err)
	}
	return v.env.Store.Update(func(tx store.Tx) error { return v.complete(tx, refNo) })
}

// CompleteDue completes every waiting order whose merchant's approval
// delay has passed on the sandbox clock, and answers their references.
func (v *Vendor) CompleteDue(ctx context.Context) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("twocheckout: complete due orders: %w", err)
	}
	var due []string
	var earliest time.Time // of the orders not due yet
	later := false
	gen, world := v.due.Generation(), v.env.World()
	find := func(tx store.Tx) error {
		due, earliest, later = due[:0], time.Time{}, false
		now := v.env.Now()
		err := store.EachJSON(tx, bucketWaiting, func(ref string, rec *record[time.Time]) error {
			at, ok := v.completesAt(rec.Account, rec.Data)
			switch {
			case !ok:
			case !now.Before(at):
				due = append(due, ref)
			case !later || at.Before(earliest):
				earliest, later = at, true
			}
			return nil
		})
		slices.Sort(due)
		return err
	}
	if err := v.env.Store.View(find); err != nil || len(due) == 0 {
		if err == nil {
			v.due.Learn(gen, world, earliest, !later)
		}
		return nil, err
	}
	err := v.env.Store.Update(func(tx store.Tx) error {
		if err := find(tx); err != nil {
			return err
		}
		for _, ref := range due {
			if err := v.complete(tx, ref); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		v.due.Learn(gen, world, earliest, !later)
	}
	return due, err
}

// completesAt is when an order placed at placed completes: after its
// merchant's approval delay. A merchant no longer in the world completes
// nothing.
func (v *Vendor) completesAt(account string, placed time.Time) (time.Time, bool) {
	m, ok := v.merchant(account)
	if !ok {
		return time.Time{}, false
	}
	return placed.Add(time.Duration(m.ApprovalDelay)), true
}

func (v *Vendor) complete(tx store.Tx, refNo string) error {
	rec, ok, err := load[orderState](tx, bucketOrders, refNo)
	switch {
	case err != nil:
		return err
	case !ok:
		return fmt.Errorf("%w: %s", ErrUnknownOrder, refNo)
	case rec.Data.Order.Status != StatusAuthReceived:
		return tx.Delete(bucketWaiting, refNo)
	}
	st := rec.Data
	finish := v.env.Now().UTC().Format(LoginDateLayout)
	st.Order.Status, st.Order.ApproveStatus, st.Order.FinishDate = StatusComplete, ApproveOK, &finish
	for i := range st.Order.Items {
		d := st.Order.Items[i].ProductDetails
		if d == nil {
			continue
		}
		for j := range d.Subscriptions {
			d.Subscriptions[j].Enabled = true
			if err := enable(tx, d.Subscriptions[j].SubscriptionReference); err != nil {
				return err
			}
		}
	}
	if err := save(tx, bucketOrders, refNo, rec.Account, st); err != nil {
		return err
	}
	if err := tx.Delete(bucketWaiting, refNo); err != nil {
		return err
	}
	m, ok := v.merchant(rec.Account)
	if !ok {
		return nil
	}
	return v.notify(tx, m, st)
}

// enable turns a subscription on when its order completes.
func enable(tx store.Tx, ref string) error {
	rec, ok, err := load[subscriptionState](tx, bucketSubscriptions, ref)
	if err != nil || !ok {
		return err
	}
	rec.Data.Enabled = true
	return save(tx, bucketSubscriptions, ref, rec.Account, rec.Data)
}

// orderView reads a stored order for the control API.
func (v *Vendor) orderView(ref string) (OrderView, bool, error) {
	var rec record[orderState]
	var ok bool
	err := v.env.Store.View(func(tx store.Tx) (err error) {
		rec, ok, err = load[orderState](tx, bucketOrders, ref)
		return err
	})
	if err != nil || !ok {
		return OrderView{}, ok, err
	}
	st := rec.Data
	view := OrderView{Merchant: rec.Account, Test: st.Test, Placed: st.Placed.UTC().Format(LoginDateLayout), Order: st.Order}
	if at, due := v.completesAt(rec.Account, st.Placed); due && st.Order.Status == StatusAuthReceived {
		s := at.UTC().Format(LoginDateLayout)
		view.CompletesAt = &s
	}
	return view, true, nil
}
