package solifyn

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/flashcart/flashcart/sandbox/internal/openapi"
	"github.com/flashcart/flashcart/sandbox/schema"
)

// keyScheme is the security scheme of the keyed routes in the document.
const keyScheme = "apiKey"

// operation is what the document says of one route besides the Endpoint:
// its success, its body table and the not-found errors it answers.
type operation struct {
	id, tag, summary string
	status           int
	ok               reflect.Type
	body             *schema.Body
	notFound         []*Failure
	// failures are the route's 400s besides validation and bad JSON.
	failures []*Failure
}

// checkoutFailures are the 400s of a checkout creation.
var checkoutFailures = []*Failure{ErrProductArchived, ErrCollectionArchived, ErrInsufficientStock, ErrCustomPriceNotAllowed,
	ErrCustomPriceNotPositive, ErrCurrencyNotSupported, ErrInvalidDiscount, ErrSessionNotPending, ErrAmountTooLarge}

// operations describe every route of Endpoints, by method and path.
var operations = map[string]operation{
	http.MethodPost + " " + PathCreate:                {id: "createCheckout", tag: "Checkout", summary: CreateBody.Doc, status: http.StatusCreated, ok: reflect.TypeFor[CheckoutResponse](), body: CreateBody, notFound: []*Failure{ErrProductNotFound, ErrSessionNotFound}, failures: checkoutFailures},
	http.MethodPost + " " + PathGuideCreate:           {id: "createCheckoutUnversioned", tag: "Checkout", summary: "The seed guide's unversioned path of createCheckout.", status: http.StatusCreated, ok: reflect.TypeFor[CheckoutResponse](), body: CreateBody, notFound: []*Failure{ErrProductNotFound, ErrSessionNotFound}, failures: checkoutFailures},
	http.MethodPost + " " + PathCollectionCreate:      {id: "createCollectionCheckout", tag: "Checkout", summary: CollectionCreateBody.Doc, status: http.StatusCreated, ok: reflect.TypeFor[CheckoutResponse](), body: CollectionCreateBody, notFound: []*Failure{ErrCollectionNotFound, ErrProductNotFound, ErrSessionNotFound}, failures: checkoutFailures},
	http.MethodPost + " " + PathGuideCollectionCreate: {id: "createCollectionCheckoutUnversioned", tag: "Checkout", summary: "The seed guide's unversioned path of createCollectionCheckout.", status: http.StatusCreated, ok: reflect.TypeFor[CheckoutResponse](), body: CollectionCreateBody, notFound: []*Failure{ErrCollectionNotFound, ErrProductNotFound, ErrSessionNotFound}, failures: checkoutFailures},
	http.MethodGet + " " + PathSession:                {id: "getCheckoutSession", tag: "Checkout", summary: "A checkout session, by id or session_id.", status: http.StatusOK, ok: reflect.TypeFor[CheckoutSessionDetails](), notFound: []*Failure{ErrSessionNotFound}},
	http.MethodGet + " " + PathSupportedCurrencies:    {id: "getSupportedCurrencies", tag: "Checkout", summary: "The currencies checkouts take.", status: http.StatusOK, ok: reflect.TypeFor[[]SupportedCurrency]()},
	http.MethodGet + " " + PathProducts:               {id: "listProducts", tag: "Products", summary: "A page of the business's products.", status: http.StatusOK, ok: reflect.TypeFor[ProductList]()},
	http.MethodGet + " " + PathProduct:                {id: "getProduct", tag: "Products", summary: "A product of the business.", status: http.StatusOK, ok: reflect.TypeFor[Product](), notFound: []*Failure{ErrProductNotFound}},
	http.MethodGet + " " + PathCollections:            {id: "listCollections", tag: "Collections", summary: "The business's collections.", status: http.StatusOK, ok: reflect.TypeFor[[]Collection]()},
	http.MethodGet + " " + PathCollection:             {id: "getCollection", tag: "Collections", summary: "A collection with its products.", status: http.StatusOK, ok: reflect.TypeFor[CollectionDetail](), notFound: []*Failure{ErrCollectionNotFound}},
	http.MethodGet + " " + PathDiscounts:              {id: "listDiscounts", tag: "Discounts", summary: "A page of the business's discounts.", status: http.StatusOK, ok: reflect.TypeFor[DiscountList]()},
	http.MethodGet + " " + PathDiscountValidate:       {id: "validateDiscount", tag: "Discounts", summary: "Whether a discount code is valid now.", status: http.StatusOK, ok: reflect.TypeFor[Discount](), notFound: []*Failure{ErrDiscountNotFound}, failures: []*Failure{ErrInvalidDiscount}},
	http.MethodGet + " " + PathDiscount:               {id: "getDiscount", tag: "Discounts", summary: "A discount of the business.", status: http.StatusOK, ok: reflect.TypeFor[Discount](), notFound: []*Failure{ErrDiscountNotFound}},
	http.MethodGet + " " + PathCheckoutLinks:          {id: "listCheckoutLinks", tag: "Checkout links", summary: "The business's checkout links.", status: http.StatusOK, ok: reflect.TypeFor[[]CheckoutLink]()},
	http.MethodPost + " " + PathCheckoutLinks:         {id: "createCheckoutLink", tag: "Checkout links", summary: LinkCreateBody.Doc, status: http.StatusCreated, ok: reflect.TypeFor[CheckoutLink](), body: LinkCreateBody, notFound: []*Failure{ErrProductNotFound, ErrCollectionNotFound}},
	http.MethodGet + " " + PathCheckoutLink:           {id: "getCheckoutLink", tag: "Checkout links", summary: "A checkout link.", status: http.StatusOK, ok: reflect.TypeFor[CheckoutLink](), notFound: []*Failure{ErrLinkNotFound}},
	http.MethodPatch + " " + PathCheckoutLink:         {id: "updateCheckoutLink", tag: "Checkout links", summary: LinkUpdateBody.Doc, status: http.StatusOK, ok: reflect.TypeFor[CheckoutLinkMessage](), body: LinkUpdateBody, notFound: []*Failure{ErrLinkNotFound, ErrProductNotFound, ErrCollectionNotFound}},
	http.MethodDelete + " " + PathCheckoutLink:        {id: "deleteCheckoutLink", tag: "Checkout links", summary: "Deletes a checkout link.", status: http.StatusOK, ok: reflect.TypeFor[CheckoutLinkMessage](), notFound: []*Failure{ErrLinkNotFound}},
}

// OpenAPI returns the vendor's OpenAPI 3.1 document, built once from its
// routes, body tables, wire types and errors.
func (v *Vendor) OpenAPI() (*openapi.Document, error) { return document() }

var document = sync.OnceValues(buildDocument)

func buildDocument() (*openapi.Document, error) {
	b := &openapi.Builder{
		NullOptional: true, // class-validator's IsOptional skips null
		// A product without metadata answers null, as the spec's Product.
		NullMembers: map[string]bool{"Product.metadata": true},
		Formats: map[string]openapi.Schema{
			"email":   {Format: "email"},
			"iso4217": {Description: "an ISO 4217 code, lower case"},
		},
		Types: map[reflect.Type]*openapi.Schema{
			reflect.TypeFor[Time]():            {Type: "string", Format: "date-time", Pattern: `^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$`, Description: "UTC with milliseconds, as toISOString writes it"},
			reflect.TypeFor[json.RawMessage](): {Description: "any JSON value, kept as sent"},
			reflect.TypeFor[Major]():           {Type: "number", Description: "an amount in major units"},
		},
	}
	doc := &openapi.Document{
		OpenAPI: openapi.Version,
		Info: openapi.Info{
			Title:   "Solifyn API",
			Version: "v1",
			Description: "A flashcart sandbox document of Solifyn's checkout API, as the sandbox answers it: built from the sandbox's routes, body tables, wire types and errors, " +
				"and checked against every answer of its bundled scenario suites. Authenticate with `Authorization: Bearer <API key>`. " +
				"Every route also answers with a final slash. Errors are NestJS's bodies. The sandbox adds X-Sandbox-Hint diagnostics, which the vendor never sends.",
		},
		Servers: []openapi.Server{
			{URL: "https://" + SandboxAPIHost, Description: "the test environment (what the sandbox is)"},
			{URL: "https://" + APIHost, Description: "production"},
		},
		Tags:  openapi.TagsNamed("Checkout", "Products", "Collections", "Discounts", "Checkout links"),
		Paths: map[string]*openapi.PathItem{},
		Components: &openapi.Components{SecuritySchemes: map[string]*openapi.SecurityScheme{
			keyScheme: {Type: "http", Scheme: "bearer", Description: "`Authorization: Bearer <API key>`, a key of a business of the world. Checkout creation needs one unless the world's require_api_key is false."},
		}},
	}
	var missing []string
	for _, ep := range Endpoints() {
		op, ok := operations[ep.Method+" "+ep.Path]
		if !ok {
			missing = append(missing, ep.Method+" "+ep.Path)
			continue
		}
		if !doc.Add(ep.Path, ep.Method, describe(b, ep, op)) {
			missing = append(missing, ep.Method+" "+ep.Path)
		}
	}
	doc.Components.Schemas = b.Schemas
	if len(missing) > 0 {
		return doc, fmt.Errorf("solifyn: the document does not describe %s", strings.Join(missing, ", "))
	}
	return doc, b.Err()
}

// parserMessage matches V8's JSON.parse texts of a malformed body.
const parserMessage = `^Unexpected (token .+|string|number) in JSON at position [0-9]+$`

// failureBody is NestJS's single-message body of the failures; with
// parser, the message may also be one of the JSON parser's.
func failureBody(status int, failures []*Failure, parser bool) *openapi.Schema {
	msg := &openapi.Schema{Type: "string"}
	for _, f := range failures {
		msg.Enum = append(msg.Enum, f.Message)
	}
	if parser {
		msg.Enum = append(msg.Enum, MsgUnexpectedEnd, MsgInvalidUTF8, "request aborted")
		msg = &openapi.Schema{AnyOf: []*openapi.Schema{msg, {Type: "string", Pattern: parserMessage}}}
	}
	return openapi.Object(map[string]*openapi.Schema{"message": msg, "error": openapi.Const(statusName(status)), "statusCode": openapi.Const(status)},
		"message", "error", "statusCode")
}

// describe is the operation of one route.
func describe(b *openapi.Builder, ep Endpoint, op operation) *openapi.Operation {
	o := &openapi.Operation{OperationID: op.id, Summary: op.summary, Tags: []string{op.tag}, Responses: map[string]*openapi.Response{}}
	o.Security = openapi.NoSecurity()
	if ep.Keyed {
		o.Security = openapi.Requires(keyScheme)
		if ep.Method == http.MethodPost && op.tag == "Checkout" {
			o.Security = &[]map[string][]string{{keyScheme: {}}, {}}
		}
	}
	if op.body != nil {
		o.RequestBody = openapi.JSONBody(op.body.Doc, b.Body(op.body))
		o.RequestBody.Required = false // an empty body is the DTO's rules on nothing
	}
	for _, name := range openapi.PathVars(ep.Path) {
		o.Parameters = append(o.Parameters, &openapi.Parameter{Name: name, In: "path", Required: true, Schema: openapi.Typed("string")})
	}
	o.Responses[strconv.Itoa(op.status)] = openapi.JSONResponse("Success.", b.Reflect(op.ok))
	validation := openapi.Object(map[string]*openapi.Schema{
		"message":    {Type: "array", Items: openapi.Typed("string"), MinItems: openapi.Int(1), Description: "class-validator's messages, every failing rule"},
		"error":      openapi.Const(statusName(http.StatusBadRequest)),
		"statusCode": openapi.Const(http.StatusBadRequest),
	}, "message", "error", "statusCode")
	o.Responses["400"] = openapi.JSONResponse("A body or query that fails its rules (every message), a body that is not JSON (the parser's message), or a documented refusal.",
		&openapi.Schema{OneOf: []*openapi.Schema{validation, failureBody(http.StatusBadRequest, op.failures, true)}})
	if ep.Keyed {
		unauthorized := openapi.Object(map[string]*openapi.Schema{"message": openapi.Const(ErrUnauthorized.Message), "statusCode": openapi.Const(http.StatusUnauthorized)}, "message", "statusCode")
		invalid := openapi.Object(map[string]*openapi.Schema{"message": openapi.Const(ErrInvalidKey.Message), "error": openapi.Const(statusName(http.StatusUnauthorized)), "statusCode": openapi.Const(http.StatusUnauthorized)}, "message", "error", "statusCode")
		o.Responses["401"] = openapi.JSONResponse("No key (Unauthorized), or a key of no business (Invalid API Key).", &openapi.Schema{OneOf: []*openapi.Schema{unauthorized, invalid}})
	}
	if len(op.notFound) > 0 {
		o.Responses["404"] = openapi.JSONResponse("No such record of the key's business.", failureBody(http.StatusNotFound, op.notFound, false))
	}
	o.Responses["413"] = openapi.JSONResponse("The body exceeds 1 MiB.", failureBody(http.StatusRequestEntityTooLarge, []*Failure{ErrPayloadTooLarge}, false))
	o.Responses["500"] = openapi.JSONResponse("The sandbox's store failed.", openapi.Object(map[string]*openapi.Schema{
		"statusCode": openapi.Const(http.StatusInternalServerError), "message": openapi.Const(ErrInternal.Message)}, "statusCode", "message"))
	return o
}
