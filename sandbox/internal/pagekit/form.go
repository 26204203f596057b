package pagekit

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/flashcart/flashcart/internal/iso"
	"golang.org/x/text/unicode/norm"
)

// Field is one row of a form, as the "field" template shows it: a label,
// its input (a select when it has Options) and the problem under it. The
// rows of an element of class "fields" line up in two columns: the labels,
// then the inputs.
type Field struct {
	// Name is the input's name, Label what its label says.
	Name, Label string
	// Value is a text input's value, Placeholder its placeholder.
	Value, Placeholder string
	// Options make the input a select of them.
	Options []Option
	// Problem is what is wrong with the value submitted, or "".
	Problem string
}

// Option is one choice of a select.
type Option struct {
	Value, Text string
	Selected    bool
}

// Choose returns the options with the one whose value is selected marked.
func Choose(selected string, options ...Option) []Option {
	out := slices.Clone(options)
	for i := range out {
		out[i].Selected = out[i].Value == selected
	}
	return out
}

// CountryOptions are the choices of a country select: an empty one first,
// then each ISO 3166-1 code of codes named in English with its code,
// "France (FR)" (a code without a name shows alone), sorted by name; the
// one equal to selected is marked, the empty one when selected is "".
func CountryOptions(codes []string, selected string) []Option {
	opts := make([]Option, 0, len(codes)+1)
	for _, code := range codes {
		text := code
		if name := iso.CountryName(code); name != "" {
			text = name + " (" + code + ")"
		}
		opts = append(opts, Option{Value: code, Text: text})
	}
	slices.SortStableFunc(opts, func(a, b Option) int { return cmp.Compare(sortKey(a.Text), sortKey(b.Text)) })
	return Choose(selected, append([]Option{{}}, opts...)...)
}

// sortKey is s as an alphabetical order reads it: in lower case, without
// accents, so that Åland Islands comes before Albania and Côte d’Ivoire
// after Costa Rica.
func sortKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return unicode.ToLower(r)
	}, norm.NFD.String(s))
}
