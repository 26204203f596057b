// Package payment simulates the card payment of the sandbox's checkout:
// a short list of test card numbers that pay and that are declined.
package payment

import (
	"errors"
	"strings"
)

// Method is the payment method of every simulated card payment, as the
// vendor's webhooks name it.
const Method = "CreditCard"

// SystemName is the payment system the sandbox reports.
const SystemName = "Flashcart sandbox"

// Expiration is the expiry date (MM/YY) of every test card.
const Expiration = "12/34"

// Card is a test card and what paying with it does.
type Card struct {
	Number string
	Type   string
	// Pays is false for cards that are declined.
	Pays bool
	// Note explains the card, for people.
	Note string
}

// TestCards are the cards the checkout accepts, in the order the docs list them.
var TestCards = []Card{
	{"4242424242424242", "VISA", true, "Visa, pays"},
	{"5555555555554444", "MASTERCARD", true, "Mastercard, pays"},
	{"4000000000000002", "VISA", false, "Visa, declined"},
	{"4000000000009995", "VISA", false, "Visa, declined (insufficient funds)"},
}

// Result is the outcome of a payment, as orders and webhooks report it.
type Result struct {
	Paid         bool   `json:"paid"`
	CardType     string `json:"card_type"`
	CardLast4    string `json:"card_last_4"`
	CardExpireAt string `json:"card_expiration_date"`
}

// ErrUnknownCard is returned for a number that is not a test card.
var ErrUnknownCard = errors.New("not a test card: use 4242 4242 4242 4242 to pay or 4000 0000 0000 0002 to be declined")

// Charge pays with the card number (spaces and dashes are ignored).
func Charge(number string) (Result, error) {
	n := strings.NewReplacer(" ", "", "-", "").Replace(number)
	for _, c := range TestCards {
		if c.Number == n {
			return Result{Paid: c.Pays, CardType: c.Type, CardLast4: n[len(n)-4:], CardExpireAt: Expiration}, nil
		}
	}
	return Result{}, ErrUnknownCard
}
