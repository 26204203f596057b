package noventiq

import (
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/flashcart/flashcart/internal/iso"
	"github.com/flashcart/flashcart/internal/money"
	"github.com/flashcart/flashcart/sandbox/internal/openapi"
	"github.com/flashcart/flashcart/sandbox/noventiq/internal/orders"
	"github.com/flashcart/flashcart/sandbox/noventiq/internal/subscriptions"
	"github.com/flashcart/flashcart/sandbox/schema"
)

// tokenScheme is the security scheme of the token APIs in the document.
const tokenScheme = "AuthorizationJWT"

// apiRoute is one API route as the document describes it.
type apiRoute struct {
	method, path, id, tag, summary string
	// body is the request body's table; nil for a GET.
	body *schema.Body
	// ok is the wire type of the 200 answer.
	ok reflect.Type
	// codes are the catalogue codes the route answers besides the token
	// ones; notFound says it answers the framework's 404.
	codes    []Code
	notFound bool
}

// bodyCodes are the codes of a token API that reads a JSON body whose
// fields are checked one by one.
var bodyCodes = []Code{InvalidJSON, InvalidContentType, InvalidField}

// apiRoutes are the routes of the document: every API route of Routes
// (not the customer's pages), in the reference's order.
func apiRoutes() []apiRoute {
	var buyLinkCodes []Code
	for _, e := range ErrorCatalogue {
		if e.Status == http.StatusBadRequest {
			buyLinkCodes = append(buyLinkCodes, e.Code)
		}
	}
	sub := reflect.TypeFor[subscriptions.Subscription]()
	modify := func(b *schema.Body) apiRoute {
		return apiRoute{method: b.Method, path: b.Path, id: b.Name, tag: "Subscriptions", summary: b.Doc, body: b, ok: sub, codes: bodyCodes, notFound: true}
	}
	return []apiRoute{
		{method: LoginFields.Method, path: LoginFields.Path, id: "login_check", tag: "Authentication", summary: LoginFields.Doc, body: LoginFields, ok: reflect.TypeFor[loginResponse]()},
		{method: BuyLinkFields.Method, path: BuyLinkFields.Path, id: "generate_buy_link", tag: "Checkout links", summary: BuyLinkFields.Doc, body: BuyLinkFields, ok: reflect.TypeFor[buyLinkResponse](), codes: buyLinkCodes},
		{method: OrderSearchFields.Method, path: OrderSearchFields.Path, id: "order_search", tag: "Orders", summary: OrderSearchFields.Doc, body: OrderSearchFields, ok: reflect.TypeFor[searchResult](), codes: bodyCodes},
		{method: http.MethodGet, path: OrderPath + "{order_id}", id: "order_get", tag: "Orders", summary: "Answers an order of the token's account.", ok: reflect.TypeFor[orders.Order](), notFound: true},
		modify(ModifyPriceFields), modify(ModifyExpirationFields), modify(ModifyNameFields), modify(ModifyActivityFields),
		{method: http.MethodGet, path: SubscriptionPath + "{id}", id: "subscription_get", tag: "Subscriptions", summary: "Answers a subscription of the token's account.", ok: sub, notFound: true},
	}
}

// OpenAPI returns the vendor's OpenAPI 3.1 document, built once from its
// field tables, wire types and error catalogue.
func (v *Vendor) OpenAPI() (*openapi.Document, error) { return document() }

var document = sync.OnceValues(buildDocument)

// The formats of the field tables, as the validator reads them.
var formats = map[string]openapi.Schema{
	"decimal":   {Pattern: `^(0|[1-9][0-9]{0,11})(\.[0-9]{1,2})?$`, Description: "a decimal string: a dot, at most 2 decimals"},
	"iso4217":   {Pattern: `^[A-Z]{3}$`, Description: "ISO 4217, upper case"},
	"iso3166":   {Pattern: `^[A-Z]{2}$`, Description: "ISO 3166-1 alpha-2, upper case"},
	"period":    {Pattern: iso.PeriodPattern, Description: "P<n>Y, P<n>M or P<n>D"},
	"email":     {Format: "email"},
	"uri":       {Format: "uri", Pattern: `^https://`},
	"date-time": {Format: "date-time", Pattern: timePattern, Description: "YYYY-MM-DDThh:mm:ss±hh:mm"},
}

// timePattern is orders.TimeLayout as a regular expression.
const timePattern = `^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2}$`

func buildDocument() (*openapi.Document, error) {
	b := &openapi.Builder{
		Formats: formats,
		Closed:  true, // an unknown field is 3010
		Types: map[reflect.Type]*openapi.Schema{
			reflect.TypeFor[money.Amount]():   {Type: "string", Pattern: `^[0-9]+\.[0-9]{2}$`, Description: "an amount: a decimal string with 2 decimals, such as \"30.00\""},
			reflect.TypeFor[orders.Time]():    {Type: "string", Pattern: strings.TrimSuffix(timePattern, "$") + "|^$", Description: "YYYY-MM-DDThh:mm:ss±hh:mm in UTC, or \"\" when not yet (pay_date of an unpaid order)"},
			reflect.TypeFor[orders.Percent](): {Type: "number", Minimum: schema.Bound(0), Maximum: schema.Bound(100)},
			reflect.TypeFor[iso.Period]():     {Type: "string", Pattern: iso.PeriodPattern, Description: "the renewal term, such as P1Y"},
		},
		Names: map[reflect.Type]string{
			reflect.TypeFor[loginResponse]():   "LoginResponse",
			reflect.TypeFor[buyLinkResponse](): "BuyLink",
			reflect.TypeFor[searchResult]():    "OrderIDs",
			reflect.TypeFor[orders.Product]():  "OrderProduct",
		},
	}
	entries := errorEntries(b)
	doc := &openapi.Document{
		OpenAPI: openapi.Version,
		Info: openapi.Info{
			Title:   "Noventiq (Softline) Dynamic Product Checkout API",
			Version: "v1",
			Description: "A flashcart sandbox document of Noventiq's Dynamic Product Checkout API, as the sandbox answers it: " +
				"built from the sandbox's field tables and error catalogue, and checked against every answer of its bundled scenario suites. " +
				"Log in with POST /v1/login_check, then send the token as `AuthorizationJWT: Bearer <token>`. " +
				"The sandbox adds X-Sandbox-Hint and X-Sandbox-Error-Fields diagnostics to its answers, which the vendor never sends, " +
				"and X-Sandbox-Force-Error answers any code of the catalogue on any route.",
		},
		Servers: servers(),
		Tags:    openapi.TagsNamed("Authentication", "Checkout links", "Orders", "Subscriptions"),
		Paths:   map[string]*openapi.PathItem{},
		Components: &openapi.Components{SecuritySchemes: map[string]*openapi.SecurityScheme{
			tokenScheme: {Type: "apiKey", In: "header", Name: TokenHeader,
				Description: "`Bearer <token>`, the token of POST /v1/login_check; valid 24 hours. A plain Authorization header is not read."},
		}},
	}
	for _, rt := range apiRoutes() {
		if !doc.Add(rt.path, rt.method, operation(b, rt, entries)) {
			return doc, fmt.Errorf("noventiq: the document cannot hold %s %s", rt.method, rt.path)
		}
	}
	doc.Components.Schemas = b.Schemas
	return doc, b.Err()
}

// servers are the vendor's hosts, production then test, both brands.
func servers() []openapi.Server {
	var out []openapi.Server
	for _, h := range []string{SoftlineAPIHost, NoventiqAPIHost} {
		out = append(out, openapi.Server{URL: "https://" + h, Description: "production"})
		for _, s := range TestSuffixes {
			out = append(out, openapi.Server{URL: "https://" + h + s, Description: "test environment"})
		}
	}
	return out
}

// errorEntries defines a schema per catalogue code (the code, its exact
// message or a pattern of it) and returns references to them by code.
func errorEntries(b *openapi.Builder) map[Code]*openapi.Schema {
	out := map[Code]*openapi.Schema{}
	for _, e := range ErrorCatalogue {
		s := openapi.Object(map[string]*openapi.Schema{
			"error":   openapi.Const(int(e.Code)),
			"message": openapi.Message(e.Message),
		}, "error", "message")
		s.Description = "HTTP " + strconv.Itoa(e.Status) + ". " + e.Meaning
		out[e.Code] = b.Define("Error"+strconv.Itoa(int(e.Code)), s)
	}
	return out
}

// errorBody is the {"errors":[…]} body holding any of the codes.
func errorBody(entries map[Code]*openapi.Schema, codes []Code) *openapi.Schema {
	item := &openapi.Schema{}
	var list []string
	for _, c := range codes {
		item.OneOf = append(item.OneOf, entries[c])
		list = append(list, strconv.Itoa(int(c)))
	}
	if len(codes) == 1 {
		item = entries[codes[0]]
	}
	arr := openapi.ArrayOf(item)
	arr.MinItems = openapi.Int(1)
	s := openapi.Object(map[string]*openapi.Schema{"errors": arr}, "errors")
	s.Description = "The documented error body; codes " + strings.Join(list, ", ") + "."
	return s
}

// framework is the framework's {"code","message"} body of a status, with
// the messages it can hold.
func framework(status int, messages ...string) *openapi.Schema {
	msg := &openapi.Schema{Type: "string"}
	for _, m := range messages {
		msg.Enum = append(msg.Enum, m)
	}
	if len(messages) == 1 {
		msg = openapi.Const(messages[0])
	}
	return openapi.Object(map[string]*openapi.Schema{"code": openapi.Const(status), "message": msg}, "code", "message")
}

// operation describes one route: its body, then every status it answers.
func operation(b *openapi.Builder, rt apiRoute, entries map[Code]*openapi.Schema) *openapi.Operation {
	op := &openapi.Operation{OperationID: rt.id, Summary: rt.summary, Tags: []string{rt.tag}, Responses: map[string]*openapi.Response{}}
	if rt.body != nil {
		body := b.Body(rt.body)
		if rt.body == LoginFields {
			body.AdditionalProperties = nil // the framework ignores other keys
		}
		op.RequestBody = openapi.JSONBody(rt.body.Doc, body)
	}
	for _, name := range openapi.PathVars(rt.path) {
		p := &openapi.Parameter{Name: name, In: "path", Required: true, Schema: openapi.Typed("string")}
		if name == "order_id" {
			p.Schema, p.Description = openapi.Typed("integer"), "the order's id; any other value is 404"
		}
		op.Parameters = append(op.Parameters, p)
	}
	op.Responses["200"] = openapi.JSONResponse("Success.", b.Reflect(rt.ok))
	if rt.body == LoginFields {
		var bad []string
		for _, k := range LoginFields.Names() {
			bad = append(bad, loginKeyMissing(k), loginKeyNotString(k))
		}
		op.Security = openapi.NoSecurity()
		op.Responses["400"] = openapi.JSONResponse("The body is not a JSON object, or a key is missing or not a string (the framework's body).", framework(http.StatusBadRequest, append([]string{loginBadJSON}, bad...)...))
		op.Responses["401"] = openapi.JSONResponse("No account has that username and password.", framework(http.StatusUnauthorized, loginBadPassword))
	} else {
		op.Security = openapi.Requires(tokenScheme)
		op.Responses["401"] = openapi.JSONResponse("The AuthorizationJWT token is missing (1008), invalid (1007) or expired (1009).", errorBody(entries, []Code{TokenInvalid, TokenMissing, TokenExpired}))
		if len(rt.codes) > 0 {
			op.Responses["400"] = openapi.JSONResponse(codesText(rt.codes), errorBody(entries, rt.codes))
		}
	}
	if rt.notFound {
		op.Responses["404"] = openapi.JSONResponse("No such record of the token's account (the framework's body).", framework(http.StatusNotFound, http.StatusText(http.StatusNotFound)))
	}
	op.Responses["500"] = openapi.JSONResponse("The sandbox's store failed (the framework's body).", framework(http.StatusInternalServerError, http.StatusText(http.StatusInternalServerError)))
	return op
}

// codesText describes a 400 answer: its codes and their messages.
func codesText(codes []Code) string {
	var sb strings.Builder
	sb.WriteString("The documented errors, every one found (a fatal one alone):")
	for _, c := range codes {
		e := mustLookup(c)
		sb.WriteString("\n- " + strconv.Itoa(int(c)) + " `" + e.Message + "`")
		if e.Fatal {
			sb.WriteString(" (alone)")
		}
	}
	return sb.String()
}
