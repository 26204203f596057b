package kit

import (
	"errors"
	"testing"
)

func TestCharge(t *testing.T) {
	tests := []struct {
		number   string
		paid     bool
		last4    string
		cardType string
		err      error
	}{
		{"4242 4242 4242 4242", true, "4242", "VISA", nil},
		{"5555-5555-5555-4444", true, "4444", "MASTERCARD", nil},
		{"4000000000000002", false, "0002", "VISA", nil},
		{"4000 0000 0000 9995", false, "9995", "VISA", nil},
		{"4111 1111 1111 1111", true, "1111", "VISA", nil},
		{"4012 8888 8888 1881", false, "", "", ErrUnknownCard},
		{"", false, "", "", ErrUnknownCard},
	}
	for _, tt := range tests {
		got, err := Charge(tt.number)
		if !errors.Is(err, tt.err) {
			t.Errorf("Charge(%q) error = %v, want %v", tt.number, err, tt.err)
			continue
		}
		if got.Paid != tt.paid || got.CardLast4 != tt.last4 || got.CardType != tt.cardType {
			t.Errorf("Charge(%q) = %+v", tt.number, got)
		}
	}
}
