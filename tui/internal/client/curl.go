package client

import (
	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/sandbox/schema"
)

// Curl returns a curl command line that sends r to the client's sandbox.
// A JSON body is compacted to one line; anything else is sent as it is.
func (c *Client) Curl(r Request) string {
	return schema.Curl(r.Method, c.URL(r), r.Header, r.Body, false, noventiq.TokenHeader)
}
