package noventiq

import (
	"net/http"
)

// CatchUp bills the subscriptions whose term the clock has passed; unless
// force, it scans them only when one may be due.
func (v *Vendor) CatchUp(force bool) {
	if force {
		v.logRenewals(v.desk.RenewDue())
	} else {
		v.logRenewals(v.desk.RenewIfDue())
	}
}

func (v *Vendor) logRenewals(made []int64, err error) {
	if err != nil {
		v.env.Log.Error("subscription renewals", "err", err)
	} else if len(made) > 0 {
		v.env.Log.Info("subscriptions renewed", "orders", made)
	}
}

// lazyRenewals bills due renewals before the request is served, so that a
// frozen clock moved by any means shows its renewals at once; it scans the
// subscriptions only when one may be due.
func (v *Vendor) lazyRenewals(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v.CatchUp(false)
		next.ServeHTTP(w, r)
	})
}
