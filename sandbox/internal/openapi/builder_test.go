package openapi

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/flashcart/flashcart/sandbox/schema"
)

func TestMessagePatternMatchesItsFormat(t *testing.T) {
	s := Message("Requested product [%s] was not found.")
	re := regexp.MustCompile(s.Pattern)
	if !re.MatchString("Requested product [X_1] was not found.") || re.MatchString("Requested product [] was not found.") || re.MatchString("Invalid product code.") {
		t.Errorf("pattern %s", s.Pattern)
	}
	if c := Message("Parse error"); c.Const != "Parse error" {
		t.Errorf("a text without verbs is a const: %+v", c)
	}
}

func TestFoldedEnumMatchesAnyCase(t *testing.T) {
	b := &Builder{FoldEnums: true}
	s := b.Field(&schema.Field{Name: "Type", Type: schema.String, Enum: []string{"VISA", "sha3-256"}})
	re := regexp.MustCompile(s.Pattern)
	for _, v := range []string{"visa", "Visa", "SHA3-256"} {
		if !re.MatchString(v) {
			t.Errorf("%s does not match %s", v, s.Pattern)
		}
	}
	if re.MatchString("visas") {
		t.Errorf("visas matches %s", s.Pattern)
	}
}

type stamp struct{ time.Duration }

func (stamp) MarshalJSON() ([]byte, error) { return []byte(`"x"`), nil }

type wire struct {
	Name string   `json:"name"`
	Note string   `json:"note,omitempty"`
	When *stamp   `json:"when"`
	Tags []string `json:"tags"`
	Skip string   `json:"-"`
}

// TestReflectRefusesToGuess: a type that marshals itself needs its schema;
// members are required unless omitempty.
func TestReflectRefusesToGuess(t *testing.T) {
	b := &Builder{}
	b.Reflect(reflect.TypeFor[wire]())
	if err := b.Err(); err == nil || !strings.Contains(err.Error(), "marshals itself") {
		t.Fatalf("err %v", err)
	}
	b = &Builder{Types: map[reflect.Type]*Schema{reflect.TypeFor[stamp](): Typed("string")}}
	ref := b.Reflect(reflect.TypeFor[wire]())
	s := b.Schemas["wire"]
	if b.Err() != nil || ref.Ref != "#/components/schemas/wire" || s == nil {
		t.Fatalf("%v %+v", b.Err(), ref)
	}
	if got := strings.Join(s.Required, ","); got != "name,when,tags" {
		t.Errorf("required %s", got)
	}
	if _, ok := s.Properties["Skip"]; ok || !reflect.DeepEqual(s.Properties["when"].Type, []string{"string", "null"}) {
		t.Errorf("properties %+v", s.Properties)
	}
}

func TestUnknownFormatIsAnError(t *testing.T) {
	b := &Builder{}
	b.Field(&schema.Field{Name: "currency", Type: schema.String, Format: "iso4217"})
	if b.Err() == nil {
		t.Error("an unknown format was taken")
	}
}
