// Package tui is flashcart's terminal workbench: a Bubble Tea application
// over a sandbox that keeps serving outside clients while it runs, speaking
// every vendor of the sandbox. Start builds the sandbox, listens on the
// address asked for (a free port of the same host when it is taken) and
// returns the program; Run runs it until the user quits, then stops the
// sandbox. The user's guide is docs/workbench.md.
//
// # Shape
//
// The package follows leg100/pug's shape:
//
//   - The root model (Model, in app.go, keys.go, layout.go and vendors.go)
//     owns the layout, the global keys, the vendor in use and the logins to
//     each vendor (a client.Session each), the help overlay, the vendor
//     picker and the status bar, and routes messages: keys to the shown
//     pane (unless global and the pane is not Capturing), mouse messages to
//     the shown pane with pane-relative coordinates (a click on the tab bar
//     switches panes), everything else to every pane. When the user picks a
//     vendor, every pane hears it (ui.VendorMsg) and the first use logs in.
//   - internal/ui is the contract: the Pane interface (Init, Update, View,
//     SetSize, Title, Capturing, and bubbles' help.KeyMap), the pane ids,
//     the messages a pane sends the root (FocusMsg, StatusMsg, JumpMsg,
//     OpenMsg), PerVendor (a pane made of a pane per vendor, showing the
//     vendor in use's; the messages its panes' commands answer come back to
//     the pane that asked), and the view helpers every pane uses (Fit, Cut,
//     CutPath, Wrap, Rule, Overlay, the JSON lines, the list cursor).
//   - The panes are internal/compose, internal/response and
//     internal/checkout (the Checkout pane of each vendor: Noventiq's buy
//     links, Solifyn's checkout sessions, 2Checkout's orders, with the list
//     of what was made and the webhooks under what is open that they
//     share), one of each per vendor, then
//     internal/journal and internal/scenarios, every vendor's. Beside them:
//     internal/vendor (the vendors' names, and the world's account of each),
//     internal/requests (what Compose builds for each vendor, from its field
//     tables, with the sandbox's validator where the vendor package has
//     one), internal/form (a request body as an editable document: named
//     fields, or a JSON-RPC method's positional params), internal/client
//     (the HTTP client, each vendor's login and its session, the calls and
//     their answers as each vendor writes them, curl), internal/presets (the
//     compose pane's preset sources), internal/suites (finds the bundled and
//     the user's suites; a Set reads them once for the scenarios pane and
//     the presets), internal/styles (every style), internal/tuitest (the
//     tests' sandbox and drivers). None of them is importable
//     from outside the workbench. A new vendor is a line in
//     vendor.All, its requests and answers, and its panes in vendors.go.
//
// # Rules the panes keep
//
//   - IO happens only in commands: HTTP, the journal watch, the temporary
//     files and the editor process (tea.ExecProcess), the clipboard
//     (tea.SetClipboard, OSC 52), reading the suites (from the binary's
//     embedded fs.FS and from disk), scenario runs (the runner works in a
//     goroutine a command starts and reports each scenario through a channel
//     a command waits on) and each step of a step-through. Starting the
//     sandbox and its listener happens in Start, before the program runs.
//   - The workbench talks to its sandbox over HTTP, like any client, so the
//     journal shows its requests beside everybody else's; a 2Checkout login
//     reads the sandbox clock over HTTP too. In-process it reads only the
//     world (the accounts to log in as, the catalogue the compose pane
//     validates against) and the journal (the journal pane's watch, and a
//     snapshot to catch up after a burst). Scenario runs get sandboxes of
//     their own, never the workbench's.
//   - The panes decode the sandbox's own types (noventiq.CheckoutState,
//     twocheckout.Response and OrderView, sandbox.WebhookDelivery,
//     sandbox.JournalEntry), build forms from the vendors' field tables and
//     validate with the sandbox's own validator, so they cannot drift from
//     it.
//   - Bodies and headers from the network never reach the terminal raw:
//     control characters become '�', lines wider than ui.MaxLineWidth are
//     cut and say by how much. Bodies are formatted once, when they arrive;
//     scrolling only picks lines.
//   - The layout fits MinWidth×MinHeight and up; below that the root shows
//     what size it needs. At 80 columns a line gives up its least useful
//     part first: the status bar shortens the address before the message.
//
// # Tests
//
//   - Model tests drive Update with key, mouse and window messages and assert
//     on state, for every pane and the root; internal/tuitest runs a model's
//     commands synchronously so that a test can follow a key to its IO, and
//     leaves unrun the commands that wait (ui.Watch, timers).
//   - Golden views of the root at 80×24 and 120×40 with the ASCII color
//     profile (testdata/TestGolden/*.golden; go test ./tui -run TestGolden
//     -update rewrites them): for Noventiq, compose, a field error, a
//     response with errors, the checkout's link list, a link with its entry
//     offer, the customer form, an order with its webhooks; for 2Checkout,
//     compose, an order's response, an error's response, the order with its
//     IPN, and completed; the journal and a request's detail, the scenarios
//     tree after a run, a failed step with its diff, a step-through half
//     way, the help overlay, the vendor picker, and the too-small message at
//     70×20. The goldens' requests go to the test's own sandbox in process
//     (tuitest.InProcess), its clock frozen; the scenarios goldens run
//     internal/scenarios/testdata/suites (one scenario fails on purpose)
//     with seed 1.
//   - Three teatest flows against a real sandbox over HTTP (flow_test.go):
//     compose → send → the error in the Response pane → enter jumps to its
//     field → fix → send → a buy link, and the Journal lists the workbench's
//     own requests; a bundled scenario's up-sell request as a preset →
//     send → o opens the link in Checkout → accept the entry offer → fill in
//     the customer step → pay → the order, its webhooks, and the checkout
//     calls in the Journal; and 2Checkout: V picks it → m picks placeOrder →
//     send → o opens the order → c completes it → its IPNs, and the login,
//     the clock and the calls in the Journal.
//   - Benchmarks (bench_test.go, internal/response): the first frame after
//     start against a bare Bubble Tea program's, and one frame of a 1 MiB
//     body against a small one; docs/performance.md has the figures.
package tui
