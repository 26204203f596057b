package solifyn

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// Failure is one documented error answer: an HTTP status and a single
// message, answered in NestJS's HttpException body. It is an error, so that
// domain code can return it and handlers answer it unchanged.
type Failure struct {
	Status  int
	Message string
	// Meaning explains when the error is answered, for people (docs, TUI).
	Meaning string
}

// Error returns the status and message.
func (f *Failure) Error() string { return fmt.Sprintf("%d %s", f.Status, f.Message) }

// Body is the JSON body of the failure.
func (f *Failure) Body() ErrorBody {
	name := statusName(f.Status)
	b := ErrorBody{Message: f.Message, StatusCode: f.Status}
	// NestJS writes {message, error, statusCode} for an exception made with
	// a message, and {message, statusCode} for one made without (whose
	// message is then the status name, as in 401 "Unauthorized").
	if f.Message != name {
		b.Error = name
	}
	return b
}

// statusNames are NestJS's names of the statuses it answers where they
// differ from net/http's (statusName).
var statusNames = map[int]string{
	http.StatusRequestEntityTooLarge: "Payload Too Large",
}

// statusName is NestJS's name of an HTTP status.
func statusName(status int) string {
	if name, ok := statusNames[status]; ok {
		return name
	}
	return http.StatusText(status)
}

// The documented errors of the sandbox's Solifyn API. The vendor documents
// none (reference section 5); these follow NestJS's defaults, and the
// texts the vendor does not show are the sandbox's choice, each listed in
// the report and docs.
var (
	ErrUnauthorized = &Failure{http.StatusUnauthorized, "Unauthorized",
		"No Authorization header, or one that is not \"Bearer <key>\", on a route that needs a key."}
	ErrInvalidKey = &Failure{http.StatusUnauthorized, "Invalid API Key",
		"The bearer key is not a key of any business of the world."}
	ErrProductNotFound = &Failure{http.StatusNotFound, "Product not found",
		"No product with that id belongs to the key's business."}
	ErrCollectionNotFound = &Failure{http.StatusNotFound, "Collection not found",
		"No collection with that id belongs to the key's business."}
	ErrSessionNotFound = &Failure{http.StatusNotFound, "Checkout session not found",
		"No checkout session has that id or session_id (or checkoutId belongs to another business)."}
	ErrLinkNotFound = &Failure{http.StatusNotFound, "Checkout link not found",
		"No checkout link of the key's business has that id."}
	ErrDiscountNotFound = &Failure{http.StatusNotFound, "Discount not found",
		"No discount of the key's business has that id or code."}
	ErrProductArchived = &Failure{http.StatusBadRequest, "Product is archived",
		"The product exists but is ARCHIVED, so it cannot be bought."}
	ErrCollectionArchived = &Failure{http.StatusBadRequest, "Collection is archived",
		"The collection exists but is ARCHIVED, so it cannot be bought."}
	ErrInsufficientStock = &Failure{http.StatusBadRequest, "Insufficient stock",
		"The quantity asked for exceeds the units left of a product with limited stock."}
	ErrCustomPriceNotAllowed = &Failure{http.StatusBadRequest, "Custom price is only allowed for Pay What You Want products",
		"customPrice was sent for a product that is not pay-what-you-want."}
	ErrCustomPriceNotPositive = &Failure{http.StatusBadRequest, "Custom price must be greater than 0",
		"customPrice, rounded to cents, is zero or negative."}
	ErrCurrencyNotSupported = &Failure{http.StatusBadRequest, "Currency not supported",
		"currency is not a lower-case code among the business's currencies."}
	ErrInvalidDiscount = &Failure{http.StatusBadRequest, "Invalid discount code",
		"discountCode is unknown, expired, used up, or not valid for the product."}
	ErrSessionNotPending = &Failure{http.StatusBadRequest, "Checkout session is no longer pending",
		"checkoutId names a session that is paid, failed or expired."}
	ErrAmountTooLarge = &Failure{http.StatusBadRequest, "Amount exceeds the maximum allowed",
		"The checkout's total would exceed 99,999,999.99, or quantity exceeds 2^53 - 1."}
	ErrPayloadTooLarge = &Failure{http.StatusRequestEntityTooLarge, "request entity too large",
		"The body exceeds 1 MiB (the text is Express's body parser's)."}
	// ErrInternal is answered in NestJS's 500 body (InternalErrorBody),
	// which puts statusCode first.
	ErrInternal = &Failure{http.StatusInternalServerError, "Internal server error",
		"The sandbox's store failed; the request changed nothing."}
)

// Catalogue lists every fixed-text error, for docs and the workbench.
var Catalogue = []*Failure{
	ErrUnauthorized, ErrInvalidKey, ErrProductNotFound, ErrCollectionNotFound,
	ErrSessionNotFound, ErrLinkNotFound, ErrDiscountNotFound, ErrProductArchived,
	ErrCollectionArchived, ErrInsufficientStock, ErrCustomPriceNotAllowed,
	ErrCustomPriceNotPositive, ErrCurrencyNotSupported, ErrInvalidDiscount,
	ErrSessionNotPending, ErrAmountTooLarge, ErrPayloadTooLarge, ErrInternal,
}

// ForcedError answers the documented error an X-Sandbox-Force-Error value
// names: "<status> <message>" of an error of Catalogue, such as "404
// Product not found" (the message compared without regard to case), or
// the status alone when one error of the catalogue has it, such as "500".
func (v *Vendor) ForcedError(value string) (http.Handler, error) {
	f, err := forced(value)
	if err != nil {
		return nil, err
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { v.fail(w, r, f) }), nil
}

// forced finds the error of Catalogue a forced value names.
func forced(value string) (*Failure, error) {
	code, message, _ := strings.Cut(strings.TrimSpace(value), " ")
	status, err := strconv.Atoi(code)
	if err != nil {
		return nil, fmt.Errorf(`must be "<HTTP status> <message>" of a documented error, such as "404 Product not found"; the documented errors are %s`, documented())
	}
	var match []*Failure
	for _, f := range Catalogue {
		if f.Status == status && (message == "" || strings.EqualFold(f.Message, strings.TrimSpace(message))) {
			match = append(match, f)
		}
	}
	switch {
	case len(match) == 1:
		return match[0], nil
	case len(match) > 1:
		return nil, fmt.Errorf("%d names several documented errors: add the message; the documented errors are %s", status, documented())
	}
	return nil, fmt.Errorf("%q is not a documented error; the documented errors are %s", strings.TrimSpace(value), documented())
}

// documented lists the catalogue's errors as a forced value names them.
func documented() string {
	names := make([]string, len(Catalogue))
	for i, f := range Catalogue {
		names[i] = strconv.Itoa(f.Status) + " " + f.Message
	}
	return strings.Join(names, "; ")
}

// RouteNotFound is NestJS's answer to a method and path no route serves;
// uri is the request's original URI, query included.
func RouteNotFound(method, uri string) *Failure {
	return &Failure{Status: http.StatusNotFound, Message: "Cannot " + method + " " + uri}
}

// BadJSON is the single-message 400 of a body Express's JSON parser
// refuses. Its texts are V8's JSON.parse messages in the form Node 18 and
// earlier print them; Node 20 reworded them, so the sandbox fixes the older
// form: "Unexpected token X in JSON at position N" (N counted in UTF-16
// code units, as JavaScript counts), "Unexpected end of JSON input".
func BadJSON(message string) *Failure {
	return &Failure{Status: http.StatusBadRequest, Message: message}
}

// The texts of malformed bodies that are not JSON syntax errors.
const (
	// MsgUnexpectedEnd is V8's text for a body that stops early.
	MsgUnexpectedEnd = "Unexpected end of JSON input"
	// MsgInvalidUTF8 answers a body that is not UTF-8. Express would
	// decode it with replacement characters; the sandbox refuses it, with
	// this text of its own.
	MsgInvalidUTF8 = "Request body is not valid UTF-8"
)

// V8's JSON.parse texts for an unexpected string, number or other token.
const (
	msgUnexpectedString = "Unexpected string in JSON at position %d"
	msgUnexpectedNumber = "Unexpected number in JSON at position %d"
	msgUnexpectedToken  = "Unexpected token %s in JSON at position %d"
)

// ValidationError is the 400 of a body or query that fails its DTO's
// rules: every failing rule's class-validator message, in order.
type ValidationError struct {
	Messages []string
}

// Error returns the messages.
func (e *ValidationError) Error() string { return fmt.Sprintf("400 validation: %q", e.Messages) }

// Body is the JSON body of the validation error.
func (e *ValidationError) Body() ValidationErrorBody {
	return ValidationErrorBody{Message: e.Messages, Error: statusName(http.StatusBadRequest), StatusCode: http.StatusBadRequest}
}

// class-validator's default message templates, with the property name
// (and constraint) filled in by fmt.
const (
	msgNotEmpty     = "%s should not be empty"
	msgString       = "%s must be a string"
	msgInt          = "%s must be an integer number"
	msgNumber       = "%s must be a number conforming to the specified constraints"
	msgBoolean      = "%s must be a boolean value"
	msgObject       = "%s must be an object"
	msgEmail        = "%s must be an email"
	msgMin          = "%s must not be less than %s"
	msgMax          = "%s must not be greater than %s"
	msgMaxLength    = "%s must be shorter than or equal to %d characters"
	msgIn           = "%s must be one of the following values: %s"
	msgUnknownValue = "an unknown value was passed to the validate function"
)
