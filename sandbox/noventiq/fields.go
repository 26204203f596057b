package noventiq

import (
	"github.com/flashcart/flashcart/sandbox/noventiq/internal/orders"
	"github.com/flashcart/flashcart/sandbox/schema"
)

// The field table's building blocks.
func text(name string, max int, doc string) *schema.Field {
	return &schema.Field{Name: name, Type: schema.String, MaxLength: max, Doc: doc}
}

func decimalText(name, doc string) *schema.Field {
	return &schema.Field{Name: name, Type: schema.String, Format: "decimal", Doc: doc}
}

func integer(name string, min, max float64, doc string) *schema.Field {
	return &schema.Field{Name: name, Type: schema.Integer, Minimum: schema.Bound(min), Maximum: schema.Bound(max), Doc: doc}
}

func boolean(name, doc string) *schema.Field {
	return &schema.Field{Name: name, Type: schema.Boolean, Doc: doc}
}

func required(f *schema.Field) *schema.Field { f.Required = true; return f }

// maxID is the largest original product or checkout page id (18 digits).
const maxID = 999999999999999999

func subscriptionFields() *schema.Field {
	return &schema.Field{Name: "subscription", Type: schema.Object, Doc: "auto-renewal; needs an original product with auto-renewal", Fields: []*schema.Field{
		{Name: "period", Type: schema.String, Format: "period", Required: true, Doc: "P<n>Y, P<n>M or P<n>D, at least 6 days"},
		text("name", 0, "renewal (child) product name"),
		decimalText("price", `renewal price, a string such as "30.00"`),
	}}
}

func refererFields(doc string) *schema.Field {
	f := &schema.Field{Name: "additional_data", Type: schema.Object, Doc: doc}
	for _, k := range RefererKeys {
		f.Fields = append(f.Fields, text(k, 255, "at most 255 characters"))
	}
	return f
}

func upsellFields(name, doc string) *schema.Field {
	return &schema.Field{Name: name, Type: schema.Object, Doc: doc, Fields: []*schema.Field{
		required(integer("product_id", 1, maxID, "the cart product (products.id) the offer replaces")),
		required(text("name", 255, "offer title, at most 255 characters")),
		text("description", 0, "offer description"),
		{Name: "picture_url", Type: schema.String, Format: "uri", MaxLength: 255, Doc: "https URL of a .gif, .jpg, .jpeg or .png, at most 255 characters"},
		{Name: "products", Type: schema.Array, Required: true, Noun: "offered product", Doc: "1 to 3 replacement products", Fields: []*schema.Field{
			required(integer("id", 1, maxID, "original product id")),
			text("sku", 40, "at most 40 characters"),
			text("vendor_code", 255, "at most 255 characters"),
			required(text("name", 0, "name in the cart once chosen")),
			required(text("name_for_upsell", 0, "name in the offer")),
			text("name_for_invoice", 0, "name on documents"),
			required(decimalText("price", `a string such as "30.00", greater than zero`)),
			decimalText("benefit", `saving shown in the offer, such as "10.00"`),
			required(integer("quantity", 1, 999999, "1 to 999999")),
			subscriptionFields(),
			refererFields("referers merged onto the request's when this product is chosen"),
		}},
	}}
}

// BuyLinkFields is the generate_buy_link request body, field by field in
// the order of the vendor's reference: the one description the validator
// is checked against, the workbench's Compose form is built from and the
// served OpenAPI document is made of.
var BuyLinkFields = &schema.Body{
	Name: "generate_buy_link", Method: "POST", Path: BuyLinkPath,
	Doc: "A one-time checkout link with the request's dynamic products.",
	Fields: []*schema.Field{
		{Name: "currency", Type: schema.String, Format: "iso4217", Required: true, Doc: "ISO 4217 code, such as EUR"},
		integer("market_id", 1, maxID, "checkout page id; needed when several pages sell the currency"),
		{Name: "products", Type: schema.Array, Required: true, Noun: "product", Doc: "the dynamic products; ids must differ", Fields: []*schema.Field{
			required(integer("id", 1, maxID, "original product id")),
			text("sku", 40, "at most 40 characters"),
			text("vendor_code", 255, "at most 255 characters"),
			required(text("name", 0, "product name")),
			text("name_for_invoice", 0, "name on documents"),
			required(decimalText("price", `a string such as "30.00": dot, at most 2 decimals`)),
			{Name: "discount_percent", Type: schema.Number, Minimum: schema.Bound(0), Maximum: schema.Bound(100), Doc: "0 < d <= 100, at most 6 decimals"},
			required(integer("quantity", 1, 999999, "1 to 999999")),
			boolean("is_delivery_needed", "true: physical delivery"),
			boolean("is_installments_unavailable", "true: no installment payment"),
			boolean("is_service", "technical field"),
			subscriptionFields(),
		}},
		{Name: "customer", Type: schema.Object, Doc: "pre-fills the checkout's customer step", Fields: []*schema.Field{
			{Name: "type", Type: schema.String, Enum: []string{"physical", "juridical"}, Doc: "physical or juridical"},
			{Name: "email", Type: schema.String, Format: "email", MaxLength: 72, Doc: "name@domain.zone, at most 72 characters"},
			text("first_name", 255, "at most 255 characters"),
			text("last_name", 255, "at most 255 characters"),
			text("phone", 64, "at most 64 characters"),
			text("vat_number", 255, "at most 255 characters"),
			text("company_name", 255, "at most 255 characters"),
			text("company_billing_address", 255, "at most 255 characters"),
			text("company_delivery_address", 255, "at most 255 characters"),
			{Name: "country", Type: schema.String, Format: "iso3166", Doc: "ISO 3166-1 alpha-2, such as FR"},
		}},
		refererFields("referer7 to referer12, saved to the order"),
		upsellFields("upsell", "offer shown when the customer arrives"),
		upsellFields("upsell_exit", "offer shown when the customer tries to leave"),
	},
}

// LoginFields is the login_check request body. Its errors are the
// framework's, not the catalogue's: a missing key or one that is not a
// string is 400, unknown keys are ignored.
var LoginFields = &schema.Body{
	Name: "login_check", Method: "POST", Path: LoginPath,
	Doc: "Exchanges the account's credentials for a token, valid 24 hours.",
	Fields: []*schema.Field{
		required(text("username", 0, "the account's username")),
		required(text("password", 0, "the account's password")),
	},
}

// dateText is a date of the Orders and Subscriptions APIs, in
// orders.TimeLayout.
func dateText(name, doc string) *schema.Field {
	return &schema.Field{Name: name, Type: schema.String, Format: "date-time", Doc: doc}
}

// OrderSearchFields is the order search body: every filter an optional
// string; an unknown name is 3010.
var OrderSearchFields = &schema.Body{
	Name: "order_search", Method: "POST", Path: OrderSearchPath,
	Doc: "Finds the account's orders matching every filter given; answers their ids, oldest first.",
	Fields: []*schema.Field{
		{Name: "status", Type: schema.String, Enum: []string{string(orders.Paid), string(orders.NotPaid), string(orders.Deleted)}, Doc: "the payment status"},
		text("external_id", 0, "the buy link's external_id"),
		dateText("create_date_from", "created at or after"),
		dateText("create_date_to", "created at or before"),
		dateText("pay_date_from", "paid at or after; an unpaid order never matches"),
		dateText("pay_date_to", "paid at or before; an unpaid order never matches"),
		{Name: "currency", Type: schema.String, Doc: "the order's currency, such as EUR"},
		text("email", 0, "the customer's e-mail"),
	},
}

// subscriptionID is the id field of every modify call.
func subscriptionID() *schema.Field {
	return required(text("id", 0, "the subscription's id, such as 3693632_1; it must be active (modify_activity excepted)"))
}

// The subscription modify bodies: every field required but
// suppress_customer_notification; an unknown name is 3010.
var (
	ModifyPriceFields = &schema.Body{
		Name: "modify_next_billing_price", Method: "POST", Path: SubscriptionPath + "modify_next_billing_price",
		Doc: "Sets the full amount the next renewal bills.",
		Fields: []*schema.Field{subscriptionID(),
			required(&schema.Field{Name: "currency", Type: schema.String, Format: "iso4217", Doc: "the subscription's currency"}),
			required(decimalText("next_billing_price", `a string such as "30.00", greater than zero`)),
		},
	}
	ModifyExpirationFields = &schema.Body{
		Name: "modify_expiration_date", Method: "POST", Path: SubscriptionPath + "modify_expiration_date",
		Doc: "Moves the end of the current term, and so the next renewal.",
		Fields: []*schema.Field{subscriptionID(),
			required(dateText("expiration_date", "after now by the sandbox clock")),
		},
	}
	ModifyNameFields = &schema.Body{
		Name: "modify_next_product_name", Method: "POST", Path: SubscriptionPath + "modify_next_product_name",
		Doc: "Names the product the next renewals bill.",
		Fields: []*schema.Field{subscriptionID(),
			required(text("next_product_name", 255, "1 to 255 characters")),
		},
	}
	ModifyActivityFields = &schema.Body{
		Name: "modify_activity", Method: "POST", Path: SubscriptionPath + "modify_activity",
		Doc: "Cancels (false) an active subscription or restores (true) a cancelled one, sending its webhook.",
		Fields: []*schema.Field{subscriptionID(),
			required(boolean("activity", "false cancels, true restores")),
			boolean("suppress_customer_notification", "accepted; the sandbox sends no e-mail"),
		},
	}
)
