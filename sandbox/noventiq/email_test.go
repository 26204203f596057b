package noventiq

import (
	"regexp"
	"testing"
)

// The forms as the reference's rules write them: the hand-written checks
// answer as these expressions do.
var (
	emailForm   = regexp.MustCompile(`^[^@\s]+@[^@\s.]+(\.[^@\s.]+)*\.[^@\s.]+$`)
	percentRule = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]{1,6})?$`)
)

var formSamples = []string{"", "a@b.io", "a.b@c.d.e", "a@b", "@b.io", "a@.io", "a@b.", "a@b..io", "a@@b.io", "a@b@c.io", "a b@c.io",
	"a@b.i o", "a\t@b.io", "a@b.io\n", "é@ü.fr", "a@b.io.", ".a@b.io", "a.@b.io", "a@b\f.io", "a@b\v.io",
	"0", "-0", "00", "01", "10", "-10", "1.", "1.5", "1.123456", "1.1234567", "-1.5", "--1", "1e5", "1.5e2", "-", ".5", "100", "0.000001"}

func TestFormsAnswerAsTheRules(t *testing.T) {
	for _, s := range formSamples {
		if got, want := ValidEmail(s), emailForm.MatchString(s); got != want {
			t.Errorf("ValidEmail(%q) = %v, the rule says %v", s, got, want)
		}
		if got, want := percentForm(s), percentRule.MatchString(s); got != want {
			t.Errorf("percentForm(%q) = %v, the rule says %v", s, got, want)
		}
	}
}

func FuzzForms(f *testing.F) {
	for _, s := range formSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if ValidEmail(s) != emailForm.MatchString(s) || percentForm(s) != percentRule.MatchString(s) {
			t.Errorf("%q: email %v (rule %v), percent %v (rule %v)", s, ValidEmail(s), emailForm.MatchString(s), percentForm(s), percentRule.MatchString(s))
		}
	})
}
