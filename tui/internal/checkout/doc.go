// Package checkout is the workbench's checkout pane: it opens a buy link in
// the terminal through the sandbox's checkout JSON API, as its customer
// would in a browser. It shows the cart and its totals, the entry offer as
// a modal to accept or decline, the exit offer when the customer tries to
// leave and it applies, the customer step pre-filled and editable, payment
// with a test card, the order and the webhooks it sent, and the local URL
// that opens the same link in a browser.
//
// The pane decodes the sandbox's own types (noventiq.CheckoutState,
// sandbox.WebhookDelivery) and keeps no state of its own about a link
// beyond the last answer, so that the browser and the terminal can drive
// the same link: accept the offer here, pay on the page. Every action is a
// call of the client package (POST …/upsell, …/exit-intent, …/customer,
// …/order) in a command; the webhooks are read from
// GET /_sandbox/webhooks?order_id= again every second while one is pending.
// The customer step is a huh form (form.go) that reopens as typed, with the
// sandbox's problem on each refused field.
package checkout
