package openapi

import "testing"

// TestAddSharesThePathAndRefusesAnUnknownMethod: two methods of a path
// share its item; a method the model does not hold is refused and leaves
// no empty path behind.
func TestAddSharesThePathAndRefusesAnUnknownMethod(t *testing.T) {
	d := &Document{}
	get, post := &Operation{OperationID: "get"}, &Operation{OperationID: "post"}
	if !d.Add("/x", "GET", get) || !d.Add("/x", "POST", post) {
		t.Fatal("GET and POST refused")
	}
	if ops := d.Paths["/x"].Operations(); len(ops) != 2 || ops["GET"] != get || ops["POST"] != post {
		t.Errorf("/x holds %v", ops)
	}
	if d.Add("/y", "TRACE", get) {
		t.Error("TRACE taken")
	}
	if _, ok := d.Paths["/y"]; ok {
		t.Error("a refused method left /y in the document")
	}
}
