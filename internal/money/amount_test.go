package money

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
)

func TestAmountJSON(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"30", `"30.00"`},
		{"0.5", `"0.50"`},
		{"12.345", `"12.35"`},
		{"0", `"0.00"`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(A(decimal.RequireFromString(tt.in)))
		if err != nil || string(b) != tt.want {
			t.Errorf("marshal %s = %s, %v; want %s", tt.in, b, err, tt.want)
		}
		var back Amount
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("unmarshal %s: %v", b, err)
		}
		if printed := fmt.Sprint(back); printed != tt.want[1:len(tt.want)-1] {
			t.Errorf("printed %s as %s", tt.in, printed)
		}
		if back.String() != tt.want[1:len(tt.want)-1] {
			t.Errorf("round trip of %s = %s", tt.in, back)
		}
	}
	var bad Amount
	if err := json.Unmarshal([]byte(`12`), &bad); err == nil {
		t.Error("a JSON number was accepted as an amount")
	}
}
