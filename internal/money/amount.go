package money

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/shopspring/decimal"
)

// Amount is a sum of money that is written to JSON as the API writes
// prices: a string with exactly two fractional digits ("30.00").
type Amount struct{ decimal.Decimal }

// A wraps a decimal as an Amount.
func A(d decimal.Decimal) Amount { return Amount{d} }

// String writes the amount with two fractional digits.
func (a Amount) String() string { return Format(a.Decimal) }

// Format prints the amount with two fractional digits whatever the verb,
// in place of the embedded decimal's formatting.
func (a Amount) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, a.String()) }

// MarshalJSON writes the amount as a string with two fractional digits.
func (a Amount) MarshalJSON() ([]byte, error) { return json.Marshal(Format(a.Decimal)) }

// UnmarshalJSON reads an amount written by MarshalJSON.
func (a *Amount) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("money: amount must be a string: %w", err)
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return fmt.Errorf("money: amount %q: %w", s, err)
	}
	a.Decimal = d
	return nil
}
