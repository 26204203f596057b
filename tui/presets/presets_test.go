package presets

import (
	"errors"
	"strings"
	"testing"
)

func TestLoadCombinesSourcesAndKeepsErrors(t *testing.T) {
	broken := func() ([]Preset, error) { return nil, errors.New("suite unreadable") }
	mine := func() ([]Preset, error) { return []Preset{{Group: "mine", Name: "x", Body: []byte(`{}`)}}, nil }
	msg := Load(Seed, broken, mine)().(LoadedMsg)
	if len(msg.Presets) != 3 || msg.Presets[0].Group != "seed" || msg.Presets[2].Name != "x" {
		t.Errorf("presets %+v", msg.Presets)
	}
	if len(msg.Errs) != 1 || !strings.Contains(msg.Errs[0].Error(), "source 2: suite unreadable") {
		t.Errorf("errs %v", msg.Errs)
	}
	if !strings.Contains(string(msg.Presets[1].Body), `"customer"`) {
		t.Errorf("seed example 2 body: %s", msg.Presets[1].Body)
	}
}
