// Package vendor names the vendors the workbench speaks, as the sandbox
// names them (its journal entries' vendor, its webhooks' vendor), with
// what the screen calls them.
package vendor

import (
	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/sandbox/solifyn"
	"github.com/flashcart/flashcart/sandbox/twocheckout"
)

// ID is a vendor's name in the sandbox.
type ID string

// The vendors.
const (
	Noventiq    ID = noventiq.Name
	Solifyn     ID = solifyn.Name
	TwoCheckout ID = twocheckout.Name
)

// All lists the vendors in the order the picker offers them; the first is
// the one the workbench starts with.
var All = []ID{Noventiq, Solifyn, TwoCheckout}

// about is what the screen says of each vendor.
var about = map[ID]struct{ title, tag, key, api string }{
	Noventiq:    {"Noventiq", "nvq", "n", "generate_buy_link and the checkout with up-sell offers"},
	Solifyn:     {"Solifyn", "sol", "s", "checkout sessions, paid on the hosted checkout, and their webhooks"},
	TwoCheckout: {"2Checkout", "2co", "2", "JSON-RPC API 6.0: placeOrder, orders and their IPN"},
}

// Title is the vendor's name on screen: "Noventiq", "2Checkout".
func (v ID) Title() string { return or(about[v].title, string(v)) }

// Tag is a three-letter name for narrow columns: "nvq", "2co".
func (v ID) Tag() string { return or(about[v].tag, string(v)) }

// Key is the key that picks the vendor in the picker.
func (v ID) Key() string { return about[v].key }

// API says in a few words what the workbench speaks of the vendor's API.
func (v ID) API() string { return about[v].api }

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// Credentials are the world's first account of a vendor, which the
// workbench logs in as: a Noventiq username and password, a Solifyn
// business and its first API key, a 2Checkout merchant code and secret
// key. ok is false when the world has none.
func Credentials(w *fixtures.World, v ID) (account, secret string, ok bool) {
	switch {
	case v == Noventiq && len(w.Noventiq.Accounts) > 0:
		a := w.Noventiq.Accounts[0]
		return a.Username, a.Password, true
	case v == Solifyn && w.Solifyn != nil && len(w.Solifyn.Businesses) > 0 && len(w.Solifyn.Businesses[0].APIKeys) > 0:
		b := w.Solifyn.Businesses[0]
		return b.ID, b.APIKeys[0], true
	case v == TwoCheckout && w.TwoCheckout != nil && len(w.TwoCheckout.Merchants) > 0:
		m := w.TwoCheckout.Merchants[0]
		return m.Code, m.SecretKey, true
	}
	return "", "", false
}
