package twocheckout

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sync"
	"testing"
)

// answered records every string error code the tests saw answered, so that
// TestMain can check that each code the vendor emits is exercised.
var answered sync.Map

// noteAnswer notes the error code of an answer, if any.
func noteAnswer(body string) {
	var resp struct {
		Error *ErrorObject
	}
	if json.Unmarshal([]byte(body), &resp) == nil && resp.Error != nil {
		answered.Store(resp.Error.Data.ErrorCode, true)
	}
}

// TestMain runs the tests; a full run then fails when an entry of the
// catalogue (other than Unanswered) was never answered over HTTP.
func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if code == 0 && flag.Lookup("test.run").Value.String() == "" {
		for _, e := range Catalogue() {
			if _, ok := answered.Load(e.ErrorCode); !ok && !Unanswered[e.ID] {
				fmt.Fprintf(os.Stderr, "no test saw %s (%d) answered\n", e.ErrorCode, e.Code)
				code = 1
			}
		}
	}
	os.Exit(code)
}
