package noventiq

import (
	"time"

	"github.com/flashcart/flashcart/sandbox/noventiq/internal/orders"
)

// decodeFilter reads a search body (OrderSearchFields). Every field is an optional string; a
// wrong type, null, an unknown field, a bad status or a date not in
// TimeLayout is 3010 for that field; all errors are reported.
func decodeFilter(o *bodyObject) (orders.Filter, []Error) {
	var f orders.Filter
	o.Known(OrderSearchFields.Names()...)
	if s, ok := o.String("status", false); ok {
		st := orders.Status(s)
		if st == orders.Paid || st == orders.NotPaid || st == orders.Deleted {
			f.Status = &st
		} else {
			o.Fail("status")
		}
	}
	f.ExternalID = optional(o, "external_id")
	f.CreateDateFrom = date(o, "create_date_from")
	f.CreateDateTo = date(o, "create_date_to")
	f.PayDateFrom = date(o, "pay_date_from")
	f.PayDateTo = date(o, "pay_date_to")
	f.Currency = optional(o, "currency")
	f.Email = optional(o, "email")
	return f, o.Errs
}

func optional(o *bodyObject, name string) *string {
	if s, ok := o.String(name, false); ok {
		return &s
	}
	return nil
}

func date(o *bodyObject, name string) *time.Time {
	s, ok := o.String(name, false)
	if !ok {
		return nil
	}
	t, err := orders.ParseTime(s)
	if err != nil {
		o.Fail(name)
		return nil
	}
	return &t
}
