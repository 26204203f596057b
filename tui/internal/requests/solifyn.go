package requests

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/schema"
	"github.com/flashcart/flashcart/sandbox/solifyn"
	"github.com/flashcart/flashcart/scenarios"
	"github.com/flashcart/flashcart/tui/internal/client"
	"github.com/flashcart/flashcart/tui/internal/form"
)

// Solifyn is checkout creation for a product and for a collection
// (solifyn.CreateBody, solifyn.CollectionCreateBody), each validated by
// the sandbox's own body parser and ValidationPipe (solifyn.Validate); the
// product's starts on the world's first product, the collection's on its
// first collection.
func Solifyn(world *fixtures.World) []Request {
	var product, collection string
	if w := world.Solifyn; w != nil && len(w.Businesses) > 0 {
		b := w.Businesses[0]
		if len(b.Products) > 0 {
			product = b.Products[0].ID
		}
		if len(b.Collections) > 0 {
			collection = b.Collections[0].ID
		}
	}
	create := body(solifyn.CreateBody)
	create.Initial, create.InitialName = initial(map[string]any{"productId": product, "customerEmail": "ada@example.com"}, product), "the world's first product"
	collect := body(solifyn.CollectionCreateBody)
	collect.Initial, collect.InitialName = initial(map[string]any{"collectionId": collection}, collection), "the world's first collection"
	return []Request{create, collect}
}

// body is the request of a Solifyn body table, validated as the server
// validates it.
func body(b *schema.Body) Request {
	var fields []string
	for _, f := range b.Fields {
		fields = append(fields, f.Name)
	}
	return Request{
		Name:   client.BodyCall(b, nil).Name,
		Schema: form.Body(b.Fields),
		Call:   func(body []byte) client.Call { return client.BodyCall(b, body) },
		Validate: func(body []byte) []client.Problem {
			return client.Messages(http.StatusBadRequest, solifyn.Validate(b, body), fields)
		},
	}
}

// initial is a first body, nil when the world has nothing to buy.
func initial(v map[string]any, id string) []byte {
	if id == "" {
		return nil
	}
	b, _ := json.Marshal(v)
	return b
}

// SolifynStep returns the checkout creation a scenario step sends, by the
// body table of its path (the guide's unversioned paths too).
func SolifynStep(st *scenarios.Step) (name string, body []byte, ok bool, err error) {
	r := st.Request
	if st.Kind != scenarios.KindRequest || r.Method != http.MethodPost || (r.Body == nil && r.RawBody == nil) {
		return "", nil, false, nil
	}
	for _, b := range []*schema.Body{solifyn.CreateBody, solifyn.CollectionCreateBody} {
		if r.Path == b.Path || r.Path == strings.TrimPrefix(b.Path, "/v1") { // the guide writes it unversioned
			body, err = r.BodyJSON()
			return client.BodyCall(b, nil).Name, body, true, err
		}
	}
	return "", nil, false, nil
}
