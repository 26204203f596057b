package sandbox

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/flashcart/flashcart/sandbox/apierr"
)

// writeJSON answers with status and v encoded as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		http.Error(w, `{"code":500,"message":"Internal Server Error"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// writeErrors answers with the documented error body; the field paths go
// into X-Sandbox-Error-Fields and the codes into the journal.
func writeErrors(w http.ResponseWriter, r *http.Request, errs []apierr.Error) {
	paths := make([]string, len(errs))
	codes := make([]int, len(errs))
	for i, e := range errs {
		paths[i], codes[i] = e.Path, int(e.Code)
		if paths[i] == "" {
			paths[i] = "-"
		}
	}
	w.Header().Set("X-Sandbox-Error-Fields", strings.Join(paths, ","))
	noteOf(r).codes = codes
	writeJSON(w, apierr.Status(errs), apierr.Body{Errors: errs})
}

// frameworkError is the {"code","message"} body the vendor's framework
// answers outside the documented error list (login failures, 404, 500).
type frameworkError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func writeFramework(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, frameworkError{Code: status, Message: message})
}

// controlError is the error body of the sandbox-only control API.
type controlError struct {
	Error string `json:"error"`
}

func writeControlError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, controlError{Error: message})
}

func notFound() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		noteOf(r).hint("no route " + r.Method + " " + r.URL.Path)
		writeFramework(w, http.StatusNotFound, "Not Found")
	})
}
