package twocheckout

import (
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/flashcart/flashcart/sandbox/internal/openapi"
)

// results are the wire types of each method's result; a result that is
// always true is answered by a nil type.
var results = map[string]reflect.Type{
	MethodLogin:                        reflect.TypeFor[string](),
	MethodAddAdditionalField:           nil,
	MethodUpdateAdditionalField:        nil,
	MethodGetAdditionalField:           reflect.TypeFor[AdditionalField](),
	MethodGetAdditionalFields:          reflect.TypeFor[[]AdditionalField](),
	MethodAssignAdditionalField:        nil,
	MethodUnassignAdditionalField:      nil,
	MethodGetAssignedAdditionalFields:  reflect.TypeFor[[]AdditionalFieldAssigned](),
	MethodSetCustomRenewalPrice:        nil,
	MethodGetNextRenewalPrice:          reflect.TypeFor[NextRenewalPrice](),
	MethodGetCrossSellCampaign:         reflect.TypeFor[CrossSellCampaign](),
	MethodGetProductCrossSellCampaigns: reflect.TypeFor[[]CrossSellCampaign](),
	MethodSearchCrossSellCampaigns:     reflect.TypeFor[Page[CrossSellCampaign]](),
	MethodCreateCrossSellCampaign:      reflect.TypeFor[CrossSellCampaign](),
	MethodUpdateCrossSellCampaign:      reflect.TypeFor[CrossSellCampaign](),
	MethodGetInstallments:              reflect.TypeFor[[]InstallmentsOption](),
	MethodPlaceOrder:                   reflect.TypeFor[Order](),
	MethodGetOrder:                     reflect.TypeFor[Order](),
	MethodAddPromotion:                 reflect.TypeFor[Promotion](),
	MethodGetPromotion:                 reflect.TypeFor[Promotion](),
	MethodUpdatePromotion:              reflect.TypeFor[Promotion](),
	MethodSearchPromotions:             reflect.TypeFor[[]Promotion](),
	MethodAddPromotionCoupon:           reflect.TypeFor[Promotion](),
	MethodSetPromotionDiscount:         reflect.TypeFor[Promotion](),
	MethodAddProduct:                   nil,
	MethodGetProductByCode:             reflect.TypeFor[Product](),
	MethodSearchProducts:               reflect.TypeFor[Page[Product]](),
}

// ResultSchema names the component of a method's result in the document:
// PlaceOrderResult for placeOrder.
func ResultSchema(method string) string {
	return strings.ToUpper(method[:1]) + method[1:] + "Result"
}

// requestSchema names the component of a method's request.
func requestSchema(method string) string {
	return strings.ToUpper(method[:1]) + method[1:] + "Request"
}

// OpenAPI returns the API's OpenAPI 3.1 document, built once from the
// methods' parameter tables, the wire types of their results and the
// error catalogue.
func (v *Vendor) OpenAPI() (*openapi.Document, error) { return document() }

var document = sync.OnceValues(buildDocument)

// The parameter tables' formats: the checker does not enforce them (the
// methods refuse a bad value with their own codes), so they say what a
// value is without a pattern.
var formats = map[string]openapi.Schema{
	"date":    {Format: "date", Description: "YYYY-MM-DD"},
	"email":   {Format: "email"},
	"uri":     {Format: "uri"},
	"iso4217": {Description: "an ISO 4217 currency code"},
	"iso3166": {Description: "an ISO 3166-1 alpha-2 country code"},
}

func buildDocument() (*openapi.Document, error) {
	b := &openapi.Builder{
		Formats:   formats,
		FoldEnums: true, // the checker matches enum values in any case
		Types: map[reflect.Type]*openapi.Schema{
			amountType: {Type: "number", Description: "an amount, a rate or a percentage"},
			rawType:    {Description: "any JSON value, kept as sent"},
		},
		// addProduct keeps the lists a client left out as they came: null.
		NullMembers: map[string]bool{"SubscriptionInformation.DeprecatedProducts": true},
	}
	names := Methods()
	request := &openapi.Schema{Discriminator: &openapi.Discriminator{PropertyName: "method", Mapping: map[string]string{}},
		Description: "A JSON-RPC request: one method and its positional parameters. Every method but login takes the sessionID login answered as its first parameter."}
	result := &openapi.Schema{Description: "The method's result: the schema named after the method (PlaceOrderResult for placeOrder)."}
	for _, name := range names {
		ref := b.Define(requestSchema(name), methodRequest(b, name))
		request.OneOf = append(request.OneOf, ref)
		request.Discriminator.Mapping[name] = ref.Ref
		s := openapi.Const(true)
		if t := results[name]; t != nil {
			s = b.Reflect(t)
		}
		if name == MethodLogin {
			s = &openapi.Schema{Type: "string", Pattern: "^[0-9a-f]{32}$", Description: "the sessionID, valid 10 minutes"}
		}
		result.AnyOf = append(result.AnyOf, b.Define(ResultSchema(name), s))
	}
	success := openapi.Object(map[string]*openapi.Schema{
		"jsonrpc": openapi.Const(JSONRPCVersion), "id": openapi.Typed("integer"), "result": result,
	}, "jsonrpc", "id", "result")
	failure := openapi.Object(map[string]*openapi.Schema{
		"jsonrpc": openapi.Const(JSONRPCVersion),
		"id":      &openapi.Schema{Type: []string{"integer", "null"}, Description: "the request's id; null when it could not be read"},
		"error":   b.Define("Error", errorObject()),
	}, "jsonrpc", "id", "error")
	answer := &openapi.Schema{OneOf: []*openapi.Schema{b.Define("Success", success), b.Define("Failure", failure)},
		Description: "Every answer is HTTP 200: the result, or the error."}
	doc := &openapi.Document{
		OpenAPI: openapi.Version,
		Info: openapi.Info{
			Title:   "2Checkout (Verifone) JSON-RPC API 6.0",
			Version: "6.0",
			Description: "A flashcart sandbox document of 2Checkout's JSON-RPC API 6.0, as the sandbox answers it: " +
				"built from the sandbox's parameter tables, result types and error catalogue, and checked against every answer of its bundled scenario suites. " +
				"One endpoint takes every method: POST a JSON-RPC request whose params are the method's positional parameters. " +
				"Authenticate with login(merchantCode, date, hash[, algo]); the sessionID it answers is the first parameter of every other method (no header carries it). " +
				"Every answer is HTTP 200 with a result or an error. The sandbox adds X-Sandbox-Hint diagnostics, which the vendor never sends.",
		},
		Servers: []openapi.Server{
			{URL: "https://" + Host, Description: "the API; test orders are placed here too, with PaymentDetails.Type TEST"},
			{URL: "https://" + LegacyHost, Description: "the API's legacy Avangate name"},
		},
		Paths: map[string]*openapi.PathItem{},
		Components: &openapi.Components{
			RequestBodies: map[string]*openapi.RequestBody{"Call": openapi.JSONBody("A JSON-RPC request.", request)},
			Responses:     map[string]*openapi.Response{"Answer": openapi.JSONResponse("The JSON-RPC answer: the result, or the error.", answer)},
		},
	}
	for _, p := range []struct{ path, id, summary string }{
		{PathRPC, "rpc", "Calls a method of the API."},
		{PathRPCNoSlash, "rpc_no_slash", "The same endpoint without the final slash, as the Workflow page writes it."},
		{PathRPC31, "rpc_3_1", "API 3.1, where the seed's installments sample posts: the same methods (card orders need no 3-D Secure URLs there)."},
	} {
		doc.Paths[p.path] = &openapi.PathItem{Post: &openapi.Operation{
			OperationID: p.id, Summary: p.summary,
			RequestBody: &openapi.RequestBody{Ref: "#/components/requestBodies/Call"},
			Responses:   map[string]*openapi.Response{"200": {Ref: "#/components/responses/Answer"}},
		}}
	}
	doc.Components.Schemas = b.Schemas
	return doc, b.Err()
}

// methodRequest is the request of one method: its name, and its
// positional parameters from the method's table.
func methodRequest(b *openapi.Builder, name string) *openapi.Schema {
	m := methods[name]
	min, text := arity(m.body)
	params := &openapi.Schema{Type: "array", MinItems: openapi.Int(min), MaxItems: openapi.Int(len(m.body.Fields)), Description: text + "."}
	for _, f := range m.body.Fields {
		s := b.Field(f)
		s.Title = f.Name
		params.PrefixItems = append(params.PrefixItems, s)
	}
	props := map[string]*openapi.Schema{
		"jsonrpc": {Enum: []any{"2.0", "6.0", 2, 6}, Description: `"2.0", as the samples send (6.0, as the Workflow page writes it, is taken too)`},
		"method":  openapi.Const(name),
		"params":  params,
		"id":      {Type: "integer", Description: "echoed in the answer"},
	}
	required := []string{"jsonrpc", "method", "id"}
	if min > 0 {
		required = append(required, "params")
	} else {
		props["params"] = openapi.Nullable(params)
	}
	s := openapi.Object(props, required...)
	s.Title, s.Description = name, m.body.Doc
	return s
}

// errorObject is the error member: any entry of the catalogue, its code,
// its text (a pattern where it names a value) and its string code.
func errorObject() *openapi.Schema {
	var codes, strs []any
	s := openapi.Object(map[string]*openapi.Schema{
		"code":    {Type: "integer"},
		"message": {Type: "string"},
		"data":    openapi.Object(map[string]*openapi.Schema{"error_code": {Type: "string"}}, "error_code"),
	}, "code", "message", "data")
	for _, e := range catalogue {
		if !slices.Contains(codes, any(e.Code)) {
			codes = append(codes, e.Code)
		}
		if !slices.Contains(strs, any(e.ErrorCode)) {
			strs = append(strs, e.ErrorCode)
		}
		entry := openapi.Object(map[string]*openapi.Schema{
			"code":    openapi.Const(e.Code),
			"message": openapi.Message(e.Message),
			"data":    openapi.Object(map[string]*openapi.Schema{"error_code": openapi.Const(e.ErrorCode)}),
		})
		entry.Title, entry.Description = e.ErrorCode, e.Meaning
		s.AnyOf = append(s.AnyOf, entry)
	}
	s.Properties["code"].Enum = codes
	s.Properties["data"].Properties["error_code"].Enum = strs
	s.Description = "The error: a catalogue entry. The codes are JSON-RPC's own for the envelope (-32700, -32600, -32601, -32602, -32603), 10000 for login and sessions, 55200 payment, 55201 order and 10400 (the sandbox's) for the catalogue methods."
	return s
}
