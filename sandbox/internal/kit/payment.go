package kit

import (
	"errors"
	"strings"
)

// PaymentMethod is the payment method of every simulated card payment, as the
// vendor's webhooks name it.
const PaymentMethod = "CreditCard"

// PaymentSystem is the payment system the sandbox reports.
const PaymentSystem = "Flashcart sandbox"

// CardExpiration is the expiry date (MM/YY) of every test card.
const CardExpiration = "12/34"

// TestCard is a test card and what paying with it does.
type TestCard struct {
	Number string
	Type   string
	// Pays is false for cards that are declined.
	Pays bool
	// Note explains the card, for people.
	Note string
}

// TestCards are the cards the checkout accepts, in the order the docs list them.
var TestCards = []TestCard{
	{"4242424242424242", "VISA", true, "Visa, pays"},
	{"4111111111111111", "VISA", true, "Visa, pays (the universal test Visa)"},
	{"5555555555554444", "MASTERCARD", true, "Mastercard, pays"},
	{"4000000000000002", "VISA", false, "Visa, declined"},
	{"4000000000009995", "VISA", false, "Visa, declined (insufficient funds)"},
}

// PaymentResult is the outcome of a payment, as orders and webhooks report it.
type PaymentResult struct {
	Paid         bool   `json:"paid"`
	CardType     string `json:"card_type"`
	CardLast4    string `json:"card_last_4"`
	CardExpireAt string `json:"card_expiration_date"`
}

// ErrUnknownCard is returned for a number that is not a test card.
var ErrUnknownCard = errors.New("not a test card: use 4242 4242 4242 4242 or 4111 1111 1111 1111 to pay, 4000 0000 0000 0002 to be declined")

// Charge pays with the card number (spaces and dashes are ignored).
func Charge(number string) (PaymentResult, error) {
	c, err := FindCard(number)
	if err != nil {
		return PaymentResult{}, err
	}
	return PaymentResult{Paid: c.Pays, CardType: c.Type, CardLast4: c.Number[len(c.Number)-4:], CardExpireAt: CardExpiration}, nil
}

// FindCard returns the test card with the number (spaces and dashes are
// ignored), or ErrUnknownCard.
func FindCard(number string) (TestCard, error) {
	n := strings.NewReplacer(" ", "", "-", "").Replace(number)
	for _, c := range TestCards {
		if c.Number == n {
			return c, nil
		}
	}
	return TestCard{}, ErrUnknownCard
}
