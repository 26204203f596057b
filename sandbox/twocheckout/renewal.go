package twocheckout

import (
	"strings"
	"time"

	"github.com/flashcart/flashcart/internal/iso"
	"github.com/flashcart/flashcart/sandbox/schema"
	"github.com/shopspring/decimal"
)

// subscriptionState is a subscription an order generated.
type subscriptionState struct {
	Reference   string    `json:"reference"`
	ProductCode string    `json:"product_code"`
	Quantity    int       `json:"quantity"`
	Currency    string    `json:"currency"`
	OrderRefNo  string    `json:"order_ref_no"`
	Start       time.Time `json:"start"`
	Expiration  time.Time `json:"expiration"`
	// Enabled turns true when the order completes.
	Enabled bool `json:"enabled"`
	// Custom is the price setCustomRenewalPrice set, for its remaining
	// cycles.
	Custom *customRenewal `json:"custom,omitempty"`
}

// customRenewal is a custom renewal price for a number of cycles.
type customRenewal struct {
	Price    Amount  `json:"price"`
	Currency string  `json:"currency"`
	Cycles   int     `json:"cycles"`
	Reason   *string `json:"reason"`
}

var renewalMethods = []*method{
	{
		body: session(MethodSetCustomRenewalPrice, "Sets a custom price for the next renewals of a subscription; answers true.",
			param("SubscriptionReference", schema.String, true, "The subscription's reference."),
			param("Price", schema.Number, true, "The custom renewal price, at least 0, at most 2 decimals."),
			nullable(param("Currency", schema.String, true, "ISO 4217; null: the currency of the subscription's last payment.")),
			nullable(param("Cycles", schema.Integer, true, "The number of renewals charged the custom price, at least 1; null: 1.")),
			nullable(param("ReasonText", schema.String, false, "Why, kept on the subscription."))),
		write: true, session: true,
		run: setCustomRenewalPrice,
	},
	{
		body: session(MethodGetNextRenewalPrice, "Answers the price the next renewal of a subscription will charge.",
			param("SubscriptionReference", schema.String, true, "The subscription's reference."),
			nullable(param("Currency", schema.String, false, "ISO 4217; absent or null: the subscription's currency."))),
		session: true,
		run:     getNextRenewalPrice,
	},
}

// nullable marks a positional parameter that may be null.
func nullable(f *schema.Field) *schema.Field {
	f.Nullable = true
	return f
}

func setCustomRenewalPrice(c *call) (any, error) {
	s, err := c.subscription(c.str(1))
	if err != nil {
		return nil, err
	}
	var price Amount
	if err := c.decode(2, &price); err != nil {
		return nil, err
	}
	if price.IsNegative() || !price.Equal(price.Round(2)) {
		return nil, fail(ErrRenewalPriceInvalid, "Price").hint("Price %s must be at least 0 with at most 2 decimals", price)
	}
	currency, err := renewalCurrency(c.str(3), s)
	if err != nil {
		return nil, err
	}
	cycles := 1
	if c.present(4) {
		var n int
		if err := c.decode(4, &n); err != nil {
			return nil, err
		}
		if n < 1 {
			return nil, fail(ErrRenewalPriceInvalid, "Cycles").hint("Cycles %d must be a positive integer", n)
		}
		cycles = n
	}
	var reason *string
	if len(c.args) > 5 && c.present(5) {
		r := c.str(5)
		reason = &r
	}
	s.Custom = &customRenewal{Price: price, Currency: currency, Cycles: cycles, Reason: reason}
	return true, save(c.tx, bucketSubscriptions, s.Reference, c.merchant.Code, s)
}

func getNextRenewalPrice(c *call) (any, error) {
	s, err := c.subscription(c.str(1))
	if err != nil {
		return nil, err
	}
	currency := ""
	if len(c.args) > 2 {
		currency = c.str(2)
	}
	if currency, err = renewalCurrency(currency, s); err != nil {
		return nil, err
	}
	amount, cur, gross, err := c.nextRenewal(s, currency)
	if err != nil {
		return nil, err
	}
	net, vat := split(amount, gross, c.merchant.VAT())
	return NextRenewalPrice{NetPrice: A(net), NetCurrency: cur, FinalPrice: A(net.Add(vat)), FinalCurrency: cur}, nil
}

// renewalCurrency reads a currency parameter: upper-cased ISO 4217 (the
// seed sends 'gbp'), or the subscription's when empty.
func renewalCurrency(currency string, s subscriptionState) (string, error) {
	if currency == "" {
		return s.Currency, nil
	}
	currency = strings.ToUpper(currency)
	if !iso.IsCurrency(currency) {
		return "", fail(ErrRenewalPriceInvalid, "Currency").hint("%q is not an ISO 4217 code", currency)
	}
	return currency, nil
}

// nextRenewal is the amount the next renewal charges for the whole
// subscription: the custom price while it has cycles left (in its own
// currency, whatever currency is asked), then the product's renewal price
// for the subscription's quantity in the currency.
func (c *call) nextRenewal(s subscriptionState, currency string) (amount decimal.Decimal, cur string, gross bool, err error) {
	if s.Custom != nil && s.Custom.Cycles > 0 {
		return s.Custom.Price.Decimal, s.Custom.Currency, false, nil
	}
	p, err := c.product(s.ProductCode)
	if err != nil {
		return amount, "", false, err
	}
	unit, gross, ok := unitPrice(&p, currency, s.Quantity, true)
	if !ok {
		return amount, "", false, fail(ErrRenewalPriceInvalid, "Currency").hint("product %q renews in no price in %s for quantity %d", p.ProductCode, currency, s.Quantity)
	}
	return unit.Mul(decimal.NewFromInt(int64(s.Quantity))), currency, gross, nil
}

// subscription returns a subscription of the merchant, or its not-found
// error.
func (c *call) subscription(ref string) (subscriptionState, error) {
	rec, ok, err := load[subscriptionState](c.tx, bucketSubscriptions, ref)
	switch {
	case err != nil:
		return subscriptionState{}, err
	case !ok || rec.Account != c.merchant.Code:
		return subscriptionState{}, fail(ErrSubscriptionNotFound, ref)
	}
	return rec.Data, nil
}
