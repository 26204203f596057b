// Package twocheckout emulates 2Checkout's (Verifone's, formerly Avangate's)
// JSON-RPC API 6.0: login with an HMAC, sessions, products, additional
// fields, cross-sell campaigns, promotions and coupons, custom renewal prices,
// installments, placeOrder with test cards, the signed IPN, and the InLine
// cart (its TwoCoInlineCart client, the overlay, a JSON twin). It is one
// vendor of the sandbox's engine: New takes the engine's services
// (kit.Env), and the engine mounts it on api.2checkout.com and
// api.avangate.com, and on the /rpc/ and /checkout/client/ paths of any
// other host.
//
// The files hold, in order of a request's path through them:
//   - vendor.go: the vendor the engine mounts (name, hosts, forced errors,
//     the answers to unknown paths and injected statuses);
//   - routes.go: the JSON-RPC routes and the control API's order routes;
//   - wire.go: the exported wire contract (hosts, paths, envelope, method
//     names and every object type with its exact field names and JSON types);
//   - rpc.go: the JSON-RPC envelope and the dispatcher (Vendor.Call);
//   - params.go: the positional parameter tables (schema.Body) built from
//     the wire types, and the checker that decodes parameters against them;
//   - errors.go: the one error catalogue;
//   - login.go and signature.go: the login hash and the sessions;
//   - catalogue.go, fields.go, products.go, promotions.go, crosssell.go,
//     renewal.go, installments.go, order.go, pricing.go: the methods;
//   - lifecycle.go: orders completed on the sandbox clock or on request;
//   - ipn.go: the IPN form, its signatures, its delivery policy and the
//     read-receipt check;
//   - redact.go: the login hash and session ids hidden in the journal;
//   - inline_wire.go, inline.go, inline_http.go, inline_pages.go and
//     inline/: the InLine cart — its paths and bodies; carts opened,
//     changed and paid through placeOrder itself; the client's, the
//     overlay's and the twin's handlers; the pages (html/template, with
//     their security headers) and the embedded client, overlay script,
//     stylesheet and demo page.
//
// The world (fixtures.TwoCheckout) is the initial state: a merchant's
// catalogue is copied into the store on its first login, and from then on
// every method works on the store, so a reset of the account brings the
// world's catalogue back. Every record carries the merchant code as its
// "account", so the engine's reset by account finds it.
package twocheckout
