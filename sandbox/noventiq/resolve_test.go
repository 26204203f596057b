package noventiq

import (
	"testing"
	"time"

	"github.com/flashcart/flashcart/fixtures"
)

func resolve(t *testing.T, src string) *storedLink {
	t.Helper()
	acct, _ := fixtures.Default().Account("demo")
	body, bad := DecodeBuyLink([]byte(src))
	if bad != nil {
		t.Fatal(bad)
	}
	req, errs := ValidateBuyLink(acct, body)
	if errs != nil {
		t.Fatal(errs)
	}
	link, err := newStoredLink(req, acct, time.Unix(0, 0), 0)
	if err != nil {
		t.Fatal(err)
	}
	return link
}

func TestLinesMergeRequestOntoDefaults(t *testing.T) {
	link := resolve(t, `{"currency":"GBP","products":[
		{"id":111111,"name":"Office 3y","price":"100.00","discount_percent":12.5,"quantity":3,"subscription":{"period":"P3Y"}},
		{"id":555555,"name":"Box","sku":"MY-SKU","vendor_code":"V","name_for_invoice":"Box inv","price":"19.99","quantity":1,"is_delivery_needed":false,"is_service":true},
		{"id":333333,"name":"Pro","price":"10","quantity":1,"subscription":{"period":"P1M","name":"My renewal","price":"9.50"}}]}`)
	if link.Domain != "cart.checkout.noventiq.com" || link.Locale != "en" || link.ExpiresAt != nil {
		t.Errorf("link %+v", link)
	}
	a, b, c := link.Lines[0], link.Lines[1], link.Lines[2]
	for _, tc := range []struct{ name, got, want string }{
		{"name from request", a.Name, "Office 3y"},
		{"invoice name defaults to name", a.NameForInvoice, "Office 3y"},
		{"sku default", a.SKU, "FO-BASE"},
		{"vendor code default", a.VendorCode, "FO-BASE-1"},
		{"description from original", a.Description, "The office suite for one workstation, with free updates for the licence term."},
		{"picture from original", a.PictureURL, "/assets/products/111111.svg"},
		{"subtotal", a.Subtotal().String(), "300"},
		{"discount rounded to cents", a.Discount().StringFixed(2), "37.50"},
		{"total", a.Total().StringFixed(2), "262.50"},
		{"parent term from request", a.Subscription.Period.String(), "P3Y"},
		{"renewal term from original", a.Subscription.RenewalTerm.String(), "P1Y"},
		{"renewal name from original", a.Subscription.RenewalName, "Flash Office Base renewal for 1 year"},
		{"renewal price from original in currency", a.Subscription.RenewalPrice.StringFixed(2), "26.00"},
		{"sku override", b.SKU, "MY-SKU"},
		{"vendor code override", b.VendorCode, "V"},
		{"invoice name override", b.NameForInvoice, "Box inv"},
		{"renewal name from request", c.Subscription.RenewalName, "My renewal"},
		{"renewal price from request", c.Subscription.RenewalPrice.StringFixed(2), "9.50"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, tc.got, tc.want)
		}
	}
	if b.IsDeliveryNeeded || !b.IsService || b.Subscription != nil {
		t.Errorf("delivery override or flags lost: %+v", b)
	}
}

func TestDiscountRounding(t *testing.T) {
	link := resolve(t, `{"currency":"EUR","products":[{"id":111111,"name":"A","price":"0.99","discount_percent":33.333333,"quantity":7}]}`)
	l := link.Lines[0]
	// 6.93 × 33.333333% = 2.30999997… → 2.31; total 4.62.
	if l.Discount().StringFixed(2) != "2.31" || l.Total().StringFixed(2) != "4.62" {
		t.Errorf("discount %s total %s", l.Discount(), l.Total())
	}
}
