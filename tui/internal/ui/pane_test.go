package ui

import "testing"

func TestCutPathKeepsTheLastSegments(t *testing.T) {
	for _, c := range []struct {
		path string
		w    int
		want string
	}{
		{"/v1/login_check", 20, "/v1/login_check"},
		{"/_sandbox/checkout/8350E7FCA5/exit-intent", 26, "…/8350E7FCA5/exit-intent"},
		{"/_sandbox/checkout/8350E7FCA5/exit-intent", 20, "…/exit-intent"},
		{"/_sandbox/checkout/8350E7FCA5", 14, "…/8350E7FCA5"},
		{"/averyveryverylongsegment", 8, "…segment"},
	} {
		if got := CutPath(c.path, c.w); got != c.want {
			t.Errorf("CutPath(%q, %d) = %q, want %q", c.path, c.w, got, c.want)
		}
	}
}
