package noventiq

import (
	"slices"
	"testing"
)

func messages(o *bodyObject) []string {
	var out []string
	for _, e := range o.Errs {
		out = append(out, e.Message)
	}
	return out
}

func TestObject(t *testing.T) {
	tests := []struct {
		body string
		want []string
		id   string
		on   bool
	}{
		{`{"id":"1_1","on":true}`, nil, "1_1", true},
		{`{"on":false}`, []string{"Invalid field value: id."}, "", false},
		{`{"id":null,"on":"yes"}`, []string{"Invalid field value: id.", "Invalid field value: on."}, "", false},
		{`{"id":7,"b":1,"a":2}`, []string{"Invalid field value: a.", "Invalid field value: b.", "Invalid field value: id."}, "", false},
	}
	for _, tt := range tests {
		o, ok := parseObject([]byte(tt.body))
		if !ok {
			t.Fatalf("%s did not parse", tt.body)
		}
		o.Known("id", "on")
		id, _ := o.String("id", true)
		on, _ := o.Bool("on", false)
		if got := messages(o); !slices.Equal(got, tt.want) || id != tt.id || on != tt.on {
			t.Errorf("%s: %q %q %v; want %q %q %v", tt.body, got, id, on, tt.want, tt.id, tt.on)
		}
	}
	for _, bad := range []string{``, `[]`, `null`, `"x"`, `{`} {
		if _, ok := parseObject([]byte(bad)); ok {
			t.Errorf("%q parsed as an object", bad)
		}
	}
}
