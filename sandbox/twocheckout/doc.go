// Package twocheckout emulates 2Checkout's (Verifone's, formerly Avangate's)
// JSON-RPC API 6.0: login with an HMAC, sessions, products, additional
// fields, cross-sell campaigns, promotions and coupons, custom renewal prices,
// installments, placeOrder with test cards, and the signed IPN.
//
// The files hold, in order of a request's path through them:
//   - wire.go: the exported wire contract (hosts, paths, envelope, method
//     names and every object type with its exact field names and JSON types);
//   - rpc.go: the JSON-RPC envelope, the dispatcher (Vendor.Call) and the
//     HTTP handler;
//   - params.go: the positional parameter tables (schema.Body) built from
//     the wire types, and the checker that decodes parameters against them;
//   - errors.go: the one error catalogue;
//   - login.go and session.go: the login hash and the session store;
//   - catalogue.go, fields.go, products.go, promotions.go, crosssell.go,
//     renewal.go, installments.go, order.go, pricing.go: the methods;
//   - ipn.go: the IPN form, its signatures and the read-receipt check.
//
// The world (fixtures.TwoCheckout) is the initial state: a merchant's
// catalogue is copied into the store on its first login, and from then on
// every method works on the store, so a reset of the account brings the
// world's catalogue back.
package twocheckout
