// Package ui is what the workbench's panes share:
//
//   - pane.go: the contract between the root model and its panes — the Pane
//     interface, the panes' identities, and the messages a pane sends to ask
//     the root for something (show another pane, say something in the status
//     bar, open what a request made) — and the layout helpers every pane
//     uses (fit, cut, cut a path, wrap, rule, overlay).
//   - vendors.go: the vendor in use (VendorMsg), the messages about one
//     vendor (ForVendor), and PerVendor, a pane made of one pane per vendor.
//   - listnav.go: a cursor over a list taller than its view, of rows of one
//     line or several: the keys that move it and the scrolling that keeps it
//     in sight; and the keys that scroll a body. The compose form, the
//     journal list, the scenarios tree and the checkout panes share them.
//   - watch.go: commands that wait for news (Watch), which the tests' driver
//     leaves unrun.
//   - jsonview.go: a body turned into the lines a scrolling view shows. JSON
//     is pretty-printed and colored once, when the body arrives, so that
//     showing it is only a matter of picking the visible lines; anything else
//     is shown as text. Control characters are made visible: a body can never
//     drive the terminal.
//
// The colors and text styles live in the styles package beside it.
package ui
