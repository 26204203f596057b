// Package solifyn is Solifyn's checkout sessions in the sandbox: checkout
// creation for a product or a collection, the session a hosted checkout
// mounts, the catalogue (products, collections, discounts), checkout links,
// the hosted checkout page and its JSON twin, the payment that turns a
// session into an Order, and the Standard Webhooks that announce it.
//
// Its exported names are the vendor's wire contract, for the sandbox's
// clients (the workbench, the scenario runner, sandboxtest): hosts, paths,
// header names, request and response types (wire.go, twin.go), the field
// table of every request body (fields.go), from which the validator
// (validate.go) checks bodies and produces class-validator's messages, and
// the error catalogue (errors.go). The server is a NestJS application, so
// its error bodies are NestJS's defaults (DESIGN, "Fidelity decisions —
// Solifyn", decision 3). The engine builds the vendor with New on its
// services (kit.Env) and mounts Routes and Control; nothing else of the
// sandbox imports it. docs/solifyn.md is its manual, fidelity decisions
// included.
//
// A request's path through the package:
//
//   - handlers.go, decode.go: the body is read and parsed as Express's
//     JSON parser would (before routing, as in the vendor's server), the
//     route's guard checks the bearer key against the world's businesses
//     and notes the business as the request's account, the body is
//     validated against its table, and the domain code answers inside one
//     store transaction; a store error is the one 500 (internal).
//   - session.go, catalog.go, links.go: sessions and their prices, the
//     catalogue read from the world with the counters the sandbox keeps
//     (units sold, redemptions; records.go), and checkout links.
//   - checkout.go: the state machine of a session — pending, then paid or
//     failed, or expired by the clock — which the hosted page (page.go,
//     templates/, assets/, on the engine's pagekit) and the JSON twin
//     (twin.go, under /_sandbox/solifyn/checkout/) both drive. Paying
//     makes the Order (order.go) and hands the webhooks (webhook.go),
//     signed with the business's whsec_ secret, to the engine's outbox in
//     the same transaction; the outbox retries them on Svix's schedule on
//     the sandbox clock, signing each attempt anew.
//   - vendor.go: what the engine asks of a vendor — hosts, buckets, forced
//     errors and statuses in NestJS's bodies, redaction of keys and
//     secrets in the journal.
//
// Every record the package stores is a JSON object in a bucket named
// solifyn_…, with a top-level "account" field holding the business id, so
// that a reset by account finds it.
package solifyn
