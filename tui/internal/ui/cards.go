package ui

import (
	"strings"

	"charm.land/huh/v2"

	"github.com/flashcart/flashcart/sandbox"
)

// CardOptions are the sandbox's test cards as the options of a select,
// each its number in groups of four and what paying with it does.
func CardOptions() []huh.Option[string] {
	out := make([]huh.Option[string], len(sandbox.TestCards))
	for i, c := range sandbox.TestCards {
		out[i] = huh.NewOption(spaced(c.Number)+"  "+c.Note, c.Number)
	}
	return out
}

// spaced writes a card number in groups of four.
func spaced(number string) string {
	var b strings.Builder
	for i, r := range number {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}
