// Package solifyn emulates Solifyn's checkout sessions: checkout creation
// for a product or a collection, the session a hosted checkout mounts, the
// catalogue (products, collections, discounts), checkout links, the
// payment that turns a session into an Order, and the Standard Webhooks
// that announce it.
//
// The wire contract — hosts, paths, header names, request and response
// types — is in wire.go; the field table of every request body in
// fields.go, from which the validator (validate.go) checks bodies and
// produces class-validator's messages; every error text is in errors.go.
// The server is a NestJS application, so its error bodies are NestJS's
// defaults (DESIGN, "Fidelity decisions — Solifyn", decision 3).
//
// A request runs a short, linear pipeline (handlers.go): the body is read
// and parsed as Express's JSON parser would (before routing, as in the
// vendor's server), the route's guard checks the bearer key, the body is
// validated against its table, and the domain code (session.go,
// catalog.go, links.go) answers inside one store transaction. Payment
// (checkout.go) is driven by the JSON twin of the hosted checkout and
// enqueues the signed webhooks (webhook.go) in the same transaction.
//
// Every record the package stores is a JSON object in a bucket named
// solifyn_…, with a top-level "account" field holding the business id, so
// that a reset by account finds it.
package solifyn
