package match

import (
	"encoding/json"

	"github.com/aymanbagabas/go-udiff"
)

// Diff returns a unified diff of the expectation's view against the actual
// value, both written as indented JSON with sorted keys; "" when they are
// the same.
func Diff(view, actual any) string {
	return udiff.Unified("expected", "actual", indent(view), indent(actual))
}

func indent(v any) string {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err.Error() + "\n"
	}
	return string(b) + "\n"
}
