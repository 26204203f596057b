package sandbox

import (
	"net/http"
	"testing"

	"github.com/flashcart/flashcart/sandbox/solifyn"
)

// Solifyn's busiest call joins BenchmarkHotPath: POST /v1/checkout/create
// of the default world's Starter Kit with a customer's e-mail, answered
// 201 with the session.
func init() {
	hotPaths = append(hotPaths, hotPath{name: "solifyn-create", request: solifynCreateCall, answer: solifynCreateAnswer, status: http.StatusCreated})
}

func solifynCreateCall(*testing.B, *Sandbox) (string, string, http.Header, []byte) {
	h := http.Header{"Content-Type": {"application/json"}, "Authorization": {"Bearer fyn_test_demo_key"}}
	return http.MethodPost, solifyn.PathCreate, h, []byte(`{"productId":"prod_z2o92kEl6cYYX","customerEmail":"ann@example.com"}`)
}

// solifynCreateAnswer is a create's answer in the default world, as the
// sandbox writes it.
const solifynCreateAnswer = `{"id":"019ca8a0-3e80-7d15-9158-ddb2cde481aa","session_id":"ch_TwX42wv7xSNyra","checkout_url":"https://solifyn.com/checkout/test/prod_z2o92kEl6cYYX?checkout_id=019ca8a0-3e80-7d15-9158-ddb2cde481aa"}`
