// Package checkout is the workbench's Checkout pane of each vendor: it opens
// what a vendor's checkout made (a Noventiq buy link, a Solifyn checkout
// session, a 2Checkout order) in the terminal through the sandbox's own
// APIs, as its customer would in a browser, and lists the webhooks it sent.
//
// Each pane starts on the list of what the workbench made this session,
// newest first, with a field to type the id of one that any client made
// (recent.go). Under what it opened, it lists the webhooks of it, read from
// GET /_sandbox/webhooks with a filter and again every second while one is
// being delivered, each with its event, a key of its subject, its state and
// its attempts (webhooks.go). What the three panes do alike is one
// embedded pane (pane.go): the session they call the sandbox as, that list
// and its id field, the webhooks, what is busy and the last problem, and
// the scrolling body of what is open with its keys, its size and its
// frame.
//
// Links (links.go, links_view.go, links_form.go) is Noventiq's: it opens a
// buy link through the sandbox's checkout JSON API. It shows the cart and
// its totals, the entry offer as a modal to accept or decline, the exit
// offer when the customer tries to leave and it applies, the customer step
// pre-filled and editable, payment with a test card, the order and the
// webhooks it sent (GET /_sandbox/webhooks?order_id=), and the local URL
// that opens the same link in a browser. It decodes the sandbox's own types
// (noventiq.CheckoutState, sandbox.WebhookDelivery) and keeps no state of
// its own about a link beyond the last answer, so that the browser and the
// terminal can drive the same link: accept the offer here, pay on the page.
// Every action is a call of the client package (POST …/upsell,
// …/exit-intent, …/customer, …/order) in a command. The customer step is a
// huh form that reopens as typed, with the sandbox's problem on each
// refused field.
//
// Sessions (sessions.go, sessions_view.go, sessions_form.go) is Solifyn's:
// the checkout sessions made this session (or any, typed by id, session_id
// or checkout_url), each walked to a paid order through the hosted
// checkout's JSON twin (GET /_sandbox/solifyn/checkout/{id}, POST
// …/customer, POST …/pay), as its customer would on the hosted page: the
// cart and its totals, the customer's details and the product's custom
// fields, the card, the order it becomes. Under it, its Standard Webhooks
// (GET /_sandbox/webhooks?vendor=solifyn&session_id=…).
//
// Orders (orders.go, orders_view.go) is 2Checkout's: the orders placeOrder
// made this session (or any, typed by RefNo), each as the sandbox's control
// API shows it (GET /_sandbox/twocheckout/orders/{RefNo}): its status and
// when the sandbox clock completes it, its items and totals, the buyer and
// the card; c completes it now (POST …/complete). Under it, its IPNs
// (GET /_sandbox/webhooks?vendor=twocheckout&refno=…): each status change's
// ORDERSTATUS, its state and attempts, and the latest IPN's form, field by
// field.
package checkout
