// Package noventiq is the Dynamic Product Checkout API of Softline/Noventiq
// in the sandbox: token login, POST /v1/generate_buy_link with its field
// rules and error catalogue, the one-time checkout links and their checkout
// page with up-sell offers, orders, subscriptions and signed order
// webhooks.
//
// Its exported names are the vendor's wire contract, for the sandbox's
// clients (the workbench, the scenario runner, sandboxtest, the load
// tools): paths and header names (routes.go, token.go, webhook.go), the
// request and response types, the generate_buy_link field table
// (fields.go) and the error catalogue (errors.go). The engine builds the
// vendor with New and mounts its routes; nothing else of the sandbox
// imports it.
//
// A request's path through the package:
//
//   - token.go, handle_auth.go: POST /v1/login_check issues HS256 JWTs
//     valid for 24 hours by the sandbox clock; requireToken guards every
//     token API and puts the authenticated account in the request context.
//   - handle_buylink.go → buylink_validate.go, buylink_reader.go: the body
//     is decoded and validated against one account's catalogue into a
//     typed Request (buylink_request.go), or into the documented errors in
//     the order the vendor's reference lists the fields.
//   - link.go, cart.go: the link and its resolved cart are stored when
//     generate_buy_link succeeds; checkout.go and checkout_state.go run the
//     checkout state machine (up-sell offers, exit intent, the customer
//     step, the order) that the HTML pages (handle_pages.go, pages.go,
//     templates/) and the JSON twin of the control API (handle_checkout.go)
//     both drive.
//   - desk.go, desk_orders.go, desk_subscriptions.go, renewals.go: the
//     back office turns a link into an order, opens the subscriptions of
//     the products bought with auto-renewal, bills their renewals when the
//     clock passes their expiry, and queues the webhooks of every step —
//     each change and its webhooks in one store transaction. The records
//     themselves live in internal/orders and internal/subscriptions.
//   - handle_orders.go, handle_subscriptions.go, jsonfields.go, order_search.go: the Orders and
//     Subscriptions APIs read their flat JSON bodies field by field,
//     collecting a 3010 error for every field that is unknown, missing when
//     required, null or of the wrong type.
//   - webhook.go: one webhook per product per event, signed with the
//     account's secret, handed to the engine's outbox.
//
// The customer's pages are rendered from html/template templates with
// their CSS, script and pictures embedded: nothing is loaded from the
// internet.
package noventiq
