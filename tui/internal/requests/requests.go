// Package requests is what the Compose pane builds for each vendor: the
// requests, each with its form made from the vendor's field table, the
// call that sends it, the sandbox's own validator where the vendor package
// exposes one, and which scenario steps send it (the presets).
package requests

import (
	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/form"
)

// Request is one request the Compose pane builds.
type Request struct {
	// Name is what it is called: "generate_buy_link", a JSON-RPC method.
	Name string
	// Schema is its form.
	Schema *form.Field
	// Call makes the call that sends a body.
	Call func(body []byte) client.Call
	// Validate is the sandbox's own validator of a body; nil when the
	// vendor package exposes none, so that the sandbox's answer is the
	// verdict.
	Validate func(body []byte) []client.Problem
	// Initial is the body the form starts with, and its name; nil starts
	// with an empty form.
	Initial     []byte
	InitialName string
}
