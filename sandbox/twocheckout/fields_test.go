package twocheckout

import (
	"strconv"
	"strings"
	"testing"
)

func TestAdditionalFields(t *testing.T) {
	e := newEnv(t)
	sid := e.login()
	invalid := func(field string) string {
		return errBody(e.nextID, 10400, "Invalid additional field: "+field+".", "ADDITIONAL_FIELD_INVALID")
	}
	notFound := func(code string) string {
		return errBody(e.nextID, 10400, "Additional field ["+code+"] was not found.", "ADDITIONAL_FIELD_NOT_FOUND")
	}
	ok := func() string { return `{"jsonrpc":"2.0","id":` + strconv.Itoa(e.nextID) + `,"result":true}` }
	text := map[string]any{"Label": "Order note", "Code": "Note", "Type": "TEXT", "ApplyTo": "PRODUCT", "ValidationRule": "^[a-z ]+$"}
	codeInvalid := func() string {
		return errBody(e.nextID, 10400, "The additional field code may hold only letters, digits, _ and -.", "ADDITIONAL_FIELD_CODE_INVALID")
	}
	steps := []struct {
		name   string
		method string
		params []any
		want   func() string
	}{
		{"add", MethodAddAdditionalField, []any{sid, text}, ok},
		{"add again", MethodAddAdditionalField, []any{sid, text}, func() string {
			return errBody(e.nextID, 10400, "An additional field with the code [Note] already exists.", "ADDITIONAL_FIELD_EXISTS")
		}},
		{"code with a space", MethodAddAdditionalField, []any{sid, With(text, "Code", "My note")}, codeInvalid},
		{"no code", MethodAddAdditionalField, []any{sid, With(text, "Code", nil)}, codeInvalid},
		{"code not a string", MethodAddAdditionalField, []any{sid, With(text, "Code", 12)}, codeInvalid},
		{"no label", MethodAddAdditionalField, []any{sid, With(With(text, "Code", "N2"), "Label", nil)}, func() string { return invalid("Label") }},
		{"empty label", MethodAddAdditionalField, []any{sid, With(With(text, "Code", "N2"), "Label", "")}, func() string { return invalid("Label") }},
		{"unknown type", MethodAddAdditionalField, []any{sid, With(With(text, "Code", "N2"), "Type", "RADIO")}, func() string { return invalid("Type") }},
		{"ApplyTo not a string", MethodAddAdditionalField, []any{sid, With(With(text, "Code", "N2"), "ApplyTo", true)}, func() string { return invalid("ApplyTo") }},
		{"listbox without values", MethodAddAdditionalField, []any{sid, With(With(text, "Code", "N2"), "Type", "LISTBOX")}, func() string { return invalid("Values") }},
		{"bad rule", MethodAddAdditionalField, []any{sid, With(With(text, "Code", "N2"), "ValidationRule", "(")}, func() string { return invalid("ValidationRule") }},
		{"bad language", MethodAddAdditionalField, []any{sid, With(With(text, "Code", "N2"), "Translations", []any{map[string]any{"Label": "x", "Language": "fra"}})}, func() string { return invalid("Language") }},
		{"a field not an object", MethodAddAdditionalField, []any{sid, "Note"}, func() string {
			return errBody(e.nextID, -32602, "Invalid params: AdditionalField must be an object", "INVALID_PARAMS")
		}},
		{"get", MethodGetAdditionalField, []any{sid, "Note"}, func() string {
			return `{"jsonrpc":"2.0","id":` + strconv.Itoa(e.nextID) + `,"result":{"Label":"Order note","Code":"Note","Type":"TEXT","ApplyTo":"PRODUCT","Values":[],"ValidationRule":"^[a-z ]+$","Translations":[]}}`
		}},
		{"get unknown", MethodGetAdditionalField, []any{sid, "Nope"}, func() string { return notFound("Nope") }},
		{"update", MethodUpdateAdditionalField, []any{sid, With(text, "Label", "Gift note")}, ok},
		{"update unknown", MethodUpdateAdditionalField, []any{sid, With(text, "Code", "Nope")}, func() string { return notFound("Nope") }},
		{"assign", MethodAssignAdditionalField, []any{sid, "Note", false, "FLASH_ANTIVIRUS"}, ok},
		{"assign again, required", MethodAssignAdditionalField, []any{sid, "Note", true, "FLASH_ANTIVIRUS"}, ok},
		{"assign an ORDER field", MethodAssignAdditionalField, []any{sid, "SourceOrder", false, "FLASH_ANTIVIRUS"}, func() string { return invalid("ApplyTo") }},
		{"assign to no product", MethodAssignAdditionalField, []any{sid, "Note", false, "NOPE"}, func() string {
			return errBody(e.nextID, 10400, "Product [NOPE] was not found.", "PRODUCT_NOT_FOUND")
		}},
		{"assign no field", MethodAssignAdditionalField, []any{sid, "Nope", false, "FLASH_ANTIVIRUS"}, func() string { return notFound("Nope") }},
		{"Required not a boolean", MethodAssignAdditionalField, []any{sid, "Note", "yes", "FLASH_ANTIVIRUS"}, func() string {
			return errBody(e.nextID, -32602, "Invalid params: Required must be a boolean", "INVALID_PARAMS")
		}},
		{"relabel on update", MethodUpdateAdditionalField, []any{sid, With(text, "Label", "Dedication")}, ok},
		{"assigned", MethodGetAssignedAdditionalFields, []any{sid, "FLASH_ANTIVIRUS"}, func() string {
			return `{"jsonrpc":"2.0","id":` + strconv.Itoa(e.nextID) + `,"result":[{"Label":"Dedication","Code":"Note","Enabled":true,"Required":true,"URLParameter":"ADDITIONAL_Note"}]}`
		}},
		{"unassign", MethodUnassignAdditionalField, []any{sid, "Note", "FLASH_ANTIVIRUS"}, ok},
		{"unassign again", MethodUnassignAdditionalField, []any{sid, "Note", "FLASH_ANTIVIRUS"}, func() string { return notFound("Note") }},
		{"none assigned", MethodGetAssignedAdditionalFields, []any{sid, "FLASH_ANTIVIRUS"}, func() string {
			return `{"jsonrpc":"2.0","id":` + strconv.Itoa(e.nextID) + `,"result":[]}`
		}},
		{"assigned, world", MethodGetAssignedAdditionalFields, []any{sid, "FLASH_OFFICE"}, func() string {
			return `{"jsonrpc":"2.0","id":` + strconv.Itoa(e.nextID) + `,"result":[{"Label":"Licence holder","Code":"LicenseHolder","Enabled":true,"Required":true,"URLParameter":"ADDITIONAL_LicenseHolder"}]}`
		}},
	}
	for _, s := range steps {
		got := e.call(s.method, s.params...)
		if want := s.want(); got != want {
			t.Errorf("%s:\ngot  %s\nwant %s", s.name, got, want)
		}
	}
	var all []AdditionalField
	e.result(e.call(MethodGetAdditionalFields, sid), &all)
	var codes []string
	for _, f := range all {
		codes = append(codes, f.Code)
	}
	if want := "LicenseHolder Note SourceOrder TextInIPNCustom123 cart2cotestordercheckbox cart2cotestorderhidden"; strings.Join(codes, " ") != want {
		t.Errorf("getAdditionalFields = %s", strings.Join(codes, " "))
	}
}
