// Package sandbox is flashcart's engine: an offline emulation of vendors'
// checkout APIs on one address. New returns a Sandbox whose Handler serves
// every vendor's API and customer pages and the sandbox-only control API
// under /_sandbox/; it can be mounted on any server or called in-process.
// The manual's docs/architecture.md draws the whole picture.
//
// # What the engine owns
//
// Everything vendors share: the world (fixtures.World, swapped whole on a
// reload: world.go, worldwatch.go), the Clock (clock.go), the seeded ids,
// the store (internal/store: memory, or bbolt with Options.StatePath), the
// journal (internal/journal), the injected faults (internal/faults) and the
// webhook outbox (internal/outbox). Each vendor gets them in a kit.Env
// (internal/kit) when build (vendors.go) makes it.
//
// # A vendor
//
// A vendor is a value of the small vendor interface declared in vendors.go,
// where the engine uses it: its name, its real hosts in the serving world,
// its routes and control routes, its 404 and framework status answers, its
// forced errors, its store buckets, its background work and its journal
// redaction. mount refuses two vendors that claim one route (a request made
// from each route template must reach its own vendor only) or one host;
// tests check that no vendor package imports another. Today the vendor is
// sandbox/noventiq.
//
// # A request's path
//
// routes (control.go) builds the handler as a short, linear pipeline:
//
//   - recordJournal, recoverPanics and dateHeader (middleware.go) journal
//     every request with a capped copy of both bodies and the hints its
//     handlers left in the request's kit.Note (also sent as X-Sandbox-Hint),
//     answer a panic with the vendor's 500, and date the answer by the
//     sandbox clock;
//   - a path under /_sandbox/ goes to guardControl (control_access.go) and
//     the control router: the engine's routes (control*.go) and each
//     vendor's Control routes, matched by hand so that no path is cleaned or
//     redirected;
//   - any other request is routed (vendors.route) by the vendor's real host,
//     else by the first vendor with a route for the path, else to the first
//     vendor's 404; then X-Sandbox-Force-Error replaces its handler with the
//     vendor's forced error, and injectFaults (faults.go) applies the first
//     matching fault before the vendor's handler runs.
//
// Vendor handlers change state in one store transaction each, and enqueue
// their webhooks in the outbox inside that same transaction; the outbox's
// worker, started by New with every vendor's Run, delivers them. Close
// stops that background work and closes the store.
//
// # Control API
//
// control.go (health, clock, journal, stats), control_reset.go (reset by
// vendor and account, Sandbox.Reset), control_faults.go, control_webhooks.go
// (every vendor's deliveries, filtered by vendor, account, event, state and
// the vendors' subject keys), control_openapi.go (each vendor's OpenAPI
// document, from the optional openAPIDocument interface) and world.go
// (status and reload). Control errors are {"error":…};
// docs/control-api.md is the reference.
package sandbox
