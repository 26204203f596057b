// Package form is the generate_buy_link request as an editable document:
// the schema of every field of the vendor's reference, a tree of values
// that follows it, its JSON encoding in the reference's field order, the
// import of a JSON body (saying what the form cannot show), and the rows a
// form view lists, each named by the path the sandbox's validator uses.
package form

import "github.com/flashcart/flashcart/sandbox/noventiq"

// Kind is how a field's value is written in JSON.
type Kind int

// The kinds of field.
const (
	// Text is a JSON string.
	Text Kind = iota
	// Number is a JSON number; text that is not a number literal is sent
	// as a string, which the sandbox rejects as it would any client's.
	Number
	// Bool is true or false.
	Bool
	// Object holds Fields.
	Object
	// List is an array of objects, each holding Fields.
	List
)

// Field is one field of the request.
type Field struct {
	Key      string
	Kind     Kind
	Required bool
	// Hint is a short reminder of the field's format.
	Hint string
	// Fields are an object's fields, or a list element's.
	Fields []*Field
	// Noun names one element of a list ("product").
	Noun string
}

func text(key, hint string) *Field   { return &Field{Key: key, Kind: Text, Hint: hint} }
func number(key, hint string) *Field { return &Field{Key: key, Kind: Number, Hint: hint} }
func boolean(key, hint string) *Field {
	return &Field{Key: key, Kind: Bool, Hint: hint + " (space toggles)"}
}
func required(f *Field) *Field { f.Required = true; return f }

func subscription() *Field {
	return &Field{Key: "subscription", Kind: Object, Hint: "auto-renewal; needs an original product with auto-renewal", Fields: []*Field{
		required(text("period", "P<n>Y, P<n>M or P<n>D, at least 6 days")),
		text("name", "renewal (child) product name"),
		text("price", `renewal price, a string such as "30.00"`),
	}}
}

func referers(hint string) *Field {
	f := &Field{Key: "additional_data", Kind: Object, Hint: hint}
	for _, k := range noventiq.RefererKeys {
		f.Fields = append(f.Fields, text(k, "at most 255 characters"))
	}
	return f
}

func upsell(key, hint string) *Field {
	return &Field{Key: key, Kind: Object, Hint: hint, Fields: []*Field{
		required(number("product_id", "the cart product (products.id) the offer replaces")),
		required(text("name", "offer title, at most 255 characters")),
		text("description", "offer description"),
		text("picture_url", "https URL of a .gif, .jpg, .jpeg or .png, at most 255 characters"),
		{Key: "products", Kind: List, Required: true, Noun: "offered product", Hint: "1 to 3 replacement products", Fields: []*Field{
			required(number("id", "original product id")),
			text("sku", "at most 40 characters"),
			text("vendor_code", "at most 255 characters"),
			required(text("name", "name in the cart once chosen")),
			required(text("name_for_upsell", "name in the offer")),
			text("name_for_invoice", "name on documents"),
			required(text("price", `a string such as "30.00", greater than zero`)),
			text("benefit", `saving shown in the offer, such as "10.00"`),
			required(number("quantity", "1 to 999999")),
			subscription(),
			referers("referers merged onto the request's when this product is chosen"),
		}},
	}}
}

// Schema is the generate_buy_link request, in the order of the vendor's
// reference.
var Schema = &Field{Kind: Object, Fields: []*Field{
	required(text("currency", "ISO 4217 code, such as EUR")),
	number("market_id", "checkout page id; needed when several pages sell the currency"),
	{Key: "products", Kind: List, Required: true, Noun: "product", Hint: "the dynamic products; ids must differ", Fields: []*Field{
		required(number("id", "original product id")),
		text("sku", "at most 40 characters"),
		text("vendor_code", "at most 255 characters"),
		required(text("name", "product name")),
		text("name_for_invoice", "name on documents"),
		required(text("price", `a string such as "30.00": dot, at most 2 decimals`)),
		number("discount_percent", "0 < d <= 100, at most 6 decimals"),
		required(number("quantity", "1 to 999999")),
		boolean("is_delivery_needed", "true: physical delivery"),
		boolean("is_installments_unavailable", "true: no installment payment"),
		boolean("is_service", "technical field"),
		subscription(),
	}},
	{Key: "customer", Kind: Object, Hint: "pre-fills the checkout's customer step", Fields: []*Field{
		text("type", "physical or juridical"),
		text("email", "name@domain.zone, at most 72 characters"),
		text("first_name", "at most 255 characters"),
		text("last_name", "at most 255 characters"),
		text("phone", "at most 64 characters"),
		text("vat_number", "at most 255 characters"),
		text("company_name", "at most 255 characters"),
		text("company_billing_address", "at most 255 characters"),
		text("company_delivery_address", "at most 255 characters"),
		text("country", "ISO 3166-1 alpha-2, such as FR"),
	}},
	referers("referer7 to referer12, saved to the order"),
	upsell("upsell", "offer shown when the customer arrives"),
	upsell("upsell_exit", "offer shown when the customer tries to leave"),
}}
