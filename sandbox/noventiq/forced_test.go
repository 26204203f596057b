package noventiq

import (
	"strconv"
	"strings"
	"testing"
)

func TestParseForced(t *testing.T) {
	tests := []struct {
		header, want, wantErr string
	}{
		{"3120", "3120 Unable to define cart settings for this currency. Please contact technical support.", ""},
		{" 1009 ", "1009 Your token is expired.", ""},
		{"3010 currency", "3010 Invalid field value: currency.", ""},
		{"3010", "", "3010 needs the name of a field"},
		{"1007 token", "", "1007 takes no field name"},
		{"42", "", "42 is not a documented error code; the documented codes are 110, 111, 1007"},
		{"abc", "", `"abc" is not an error code`},
		{"", "", `must be "<code>"`},
		{"3010 a b", "", `must be "<code>"`},
	}
	for _, tt := range tests {
		got, err := parseForced(tt.header)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%q: err = %v, want %q", tt.header, err, tt.wantErr)
			}
			continue
		}
		if s := strconv.Itoa(int(got.Code)) + " " + got.Message; err != nil || s != tt.want {
			t.Errorf("%q = %q, %v; want %q", tt.header, s, err, tt.want)
		}
	}
}
