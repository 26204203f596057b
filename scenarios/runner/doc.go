// Package runner runs scenarios: in-process, each against its own fresh
// sandbox with a frozen clock and a fixed seed, or against a live server.
// Scenarios run in parallel (Options.Jobs); results come back in the order
// given, so reports are byte-for-byte repeatable.
//
// In-process (transport.go), requests go straight to the sandbox's
// http.Handler through a RoundTripper, with no sockets; URLs in results
// read http://127.0.0.1:8080. Against a target, the runner first asks
// GET /_sandbox/health: a server that is not a flashcart cannot answer
// sandbox-only steps, which are skipped with the rest of their scenario,
// and scenarios that move the clock run alone after the others. Neither
// client follows redirects.
//
// A scenario's steps run in order (step.go): each request is built from
// its compiled scenarios.Request with the templates expanded, sent, and
// checked against its expectation; a failed step ends the scenario unless
// Options.KeepGoing (for --update). Stepper (stepper.go) is that same loop
// one step per call, for the workbench's step-through; Run uses it too, so
// a scenario stepped through gives the results a run gives. curl.go
// renders a step as the curl command of a failure report, with the token
// and password written as ${token} and ${password}.
package runner
