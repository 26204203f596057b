package noventiq

import (
	"net/http"
	"strings"

	"github.com/flashcart/flashcart/sandbox/internal/kit"
)

// writeErrors answers with the documented error body; the field paths go
// into X-Sandbox-Error-Fields and the codes into the journal.
func writeErrors(w http.ResponseWriter, r *http.Request, errs []Error) {
	paths := make([]string, len(errs))
	codes := make([]int, len(errs))
	for i, e := range errs {
		paths[i], codes[i] = e.Path, int(e.Code)
		if paths[i] == "" {
			paths[i] = "-"
		}
	}
	w.Header().Set(kit.ErrorFieldsHeader, strings.Join(paths, ","))
	n := kit.NoteOf(r)
	n.Codes, n.ErrorFields = codes, paths
	kit.WriteJSON(w, ErrorStatus(errs), ErrorBody{Errors: errs})
}

// FrameworkError is the {"code","message"} body the vendor's framework
// answers outside the documented error list (login failures, 404, 500).
type FrameworkError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func writeFramework(w http.ResponseWriter, status int, message string) {
	kit.WriteJSON(w, status, FrameworkError{Code: status, Message: message})
}

func notFound() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		kit.Hint(r, "no route "+r.Method+" "+r.URL.Path)
		writeFramework(w, http.StatusNotFound, "Not Found")
	})
}

// notFoundHint answers the framework's 404 with a hint for the journal.
func notFoundHint(w http.ResponseWriter, r *http.Request, hint string) {
	kit.Hint(r, hint)
	writeFramework(w, http.StatusNotFound, "Not Found")
}

// fail answers a request the sandbox could not serve — a store error — with
// the framework's 500, and logs why.
func (v *Vendor) fail(w http.ResponseWriter, r *http.Request, err error) {
	v.env.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	kit.Hint(r, "internal fault: "+err.Error())
	writeFramework(w, http.StatusInternalServerError, "Internal Server Error")
}
