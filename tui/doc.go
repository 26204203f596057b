// Package tui is flashcart's terminal workbench: a Bubble Tea application
// over a sandbox that keeps serving outside clients while it runs. Start
// builds the sandbox, listens on the address asked for (a free port of the
// same host when it is taken) and returns the program; Run runs it until
// the user quits, then stops the sandbox. The user's guide is
// docs/workbench.md.
//
// # Shape
//
// The package follows leg100/pug's shape:
//
//   - The root model (Model, in app.go and keys.go) owns the layout, the
//     global keys, the help overlay and the status bar, and routes messages:
//     keys to the shown pane (unless global and the pane is not Capturing),
//     mouse messages to the shown pane with pane-relative coordinates (a
//     click on the tab bar switches panes), everything else to every pane.
//   - internal/ui is the contract: the Pane interface (Init, Update, View,
//     SetSize, Title, Capturing, and bubbles' help.KeyMap), the pane ids,
//     the messages a pane sends the root (FocusMsg, StatusMsg, JumpMsg,
//     OpenLinkMsg), and the view helpers every pane uses (Fit, Cut, Rule,
//     Overlay, the JSON lines, the list cursor). A new pane is a package
//     implementing Pane and a line in New.
//   - The panes are internal/compose, internal/response, internal/checkout,
//     internal/journal and internal/scenarios. Beside them: internal/form
//     (the generate_buy_link request as an editable document, built from
//     noventiq.BuyLinkFields), internal/client (the HTTP client, the session
//     and its token, the checkout and webhook calls, curl), internal/presets
//     (the compose pane's preset sources), internal/suites (finds the bundled
//     and the user's suites; a Set reads them once for the scenarios pane and
//     the presets), internal/styles (every style). None of them is
//     importable from outside the workbench.
//
// # Rules the panes keep
//
//   - IO happens only in commands: HTTP, the journal watch, the temporary
//     file and the editor process (tea.ExecProcess), the clipboard
//     (tea.SetClipboard, OSC 52), reading the suites (from the binary's
//     embedded fs.FS and from disk), scenario runs (the runner works in a
//     goroutine a command starts and reports each scenario through a channel
//     a command waits on) and each step of a step-through. Starting the
//     sandbox and its listener happens in Start, before the program runs.
//   - The workbench talks to its sandbox over HTTP, like any client, so the
//     journal shows its requests beside everybody else's. In-process it reads
//     only the world (the account to log in as, the catalogue the compose
//     pane validates against) and the journal (the journal pane's watch, and
//     a snapshot to catch up after a burst). Scenario runs get sandboxes of
//     their own, never the workbench's.
//   - The panes decode the sandbox's own types (noventiq.CheckoutState,
//     sandbox.WebhookDelivery, sandbox.JournalEntry) and validate with the
//     sandbox's own validator, so they cannot drift from it.
//   - Bodies and headers from the network never reach the terminal raw:
//     control characters become '�', lines wider than ui.MaxLineWidth are
//     cut and say by how much. Bodies are formatted once, when they arrive;
//     scrolling only picks lines.
//   - The layout fits MinWidth×MinHeight and up; below that the root shows
//     what size it needs.
//
// # Tests
//
//   - Model tests drive Update with key, mouse and window messages and assert
//     on state, for every pane and the root; internal/drive runs a model's
//     commands synchronously so that a test can follow a key to its IO.
//   - Golden views of the root at 80×24 and 120×40 with the ASCII color
//     profile (testdata/TestGolden/*.golden; go test ./tui -run TestGolden
//     -update rewrites them): compose, a field error, a response with
//     errors, the journal and a request's detail, the checkout's link list, a
//     link with its entry offer, the customer form, an order with its
//     webhooks, the scenarios tree after a run, a failed step with its diff,
//     a step-through half way, the help overlay, and the too-small message at
//     70×20. The checkout goldens are answered by the test's own sandbox
//     (internal/sbtest); the scenarios goldens run
//     internal/scenarios/testdata/suites (one scenario fails on purpose)
//     with seed 1.
//   - Two teatest flows against a real sandbox over HTTP (flow_test.go):
//     compose → send → the error in the Response pane → enter jumps to its
//     field → fix → send → a buy link, and the Journal lists the workbench's
//     own requests; and a bundled scenario's up-sell request as a preset →
//     send → o opens the link in Checkout → accept the entry offer → fill in
//     the customer step → pay → the order, its webhooks, and the checkout
//     calls in the Journal.
//   - Benchmarks (bench_test.go, internal/response): the first frame after
//     start against a bare Bubble Tea program's, and one frame of a 1 MiB
//     body against a small one; docs/performance.md has the figures.
package tui
