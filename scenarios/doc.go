// Package scenarios is the scenario file format: versioned YAML files of
// named scenarios, each an ordered list of steps (HTTP requests, logins,
// clock moves and checkout actions) with expectations on their responses.
// The user's reference is docs/scenarios.md.
//
// Load (on disk) and LoadFS (any fs.FS) read files and folders strictly —
// unknown keys, wrong types and references to later steps fail with the
// file, line and path (internal/yamlstrict) — and compile every step kind
// into a plain Request, so the runner has one kind of step to execute:
// a login becomes POST /v1/login_check, an open_link GET
// /_sandbox/checkout/{link}, and so on (load.go). Templates (${…}) stay in
// the compiled strings and are expanded by the runner with the values of
// earlier steps (internal/vars); expectations compile to match.Node trees
// (internal/match). Files named by body_file and world are read beside the
// scenario file, from the same file system.
//
// Bundled returns the suites that ship in the binary (suites/, one folder
// per vendor, and the worlds/ they load), embedded with go:embed. The tests
// of this package check them: every file parses and matches the JSON
// Schema in schema/, every documented error code is expected somewhere, no
// expectation reads an X-Sandbox-* header, every suite passes in-process
// with two seeds, and every checkout flow of bundled_flows_test.go is shown
// by some scenario.
package scenarios
