package sandbox

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/flashcart/flashcart/sandbox/apierr"
	"github.com/flashcart/flashcart/sandbox/buylink"
	"github.com/flashcart/flashcart/sandbox/checkout"
)

type buyLinkResponse struct {
	BuyLink    string `json:"buy_link"`
	ExternalID string `json:"external_id"`
}

// handleGenerateBuyLink is POST /v1/generate_buy_link: content type (111),
// body (110), currency and checkout page (3120, 3125), then every field.
func (s *Sandbox) handleGenerateBuyLink() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !isJSON(r.Header.Get("Content-Type")) {
			noteOf(r).hint("Content-Type must be application/json, got " + fmt.Sprintf("%q", r.Header.Get("Content-Type")))
			writeErrors(w, r, []apierr.Error{apierr.New(apierr.InvalidContentType)})
			return
		}
		raw, err := readBody(w, r)
		if err != nil {
			noteOf(r).hint(err.Error())
			writeErrors(w, r, []apierr.Error{apierr.New(apierr.InvalidJSON)})
			return
		}
		body, bad := buylink.Decode(raw)
		if bad != nil {
			noteOf(r).hint("the body is not a JSON object in valid UTF-8")
			writeErrors(w, r, []apierr.Error{*bad})
			return
		}
		acct := accountOf(r)
		req, errs := buylink.Validate(acct, body)
		if len(errs) > 0 {
			writeErrors(w, r, errs)
			return
		}
		world := s.World()
		link, err := checkout.NewLink(req, acct, s.clock.Now(), time.Duration(world.LinkTTL))
		if err != nil {
			panic(err)
		}
		err = checkout.Save(s.store, link, func() string { return s.ids.Digits("external_id", 8) }, func(id string) string {
			if s.localLinks {
				return "http://" + r.Host + "/basket/flash/" + id
			}
			return "https://" + link.Domain + world.TestSuffix + "/basket/flash/" + id
		})
		if err != nil {
			panic(err)
		}
		writeJSON(w, http.StatusOK, buyLinkResponse{BuyLink: link.BuyLink, ExternalID: link.ExternalID})
	})
}

// isJSON reports whether a Content-Type is application/json, in any letter
// case and with any parameters.
func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && strings.EqualFold(mt, "application/json")
}

// readBody reads the request body, refusing more than MaxBodyBytes.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, fmt.Errorf("the body exceeds the sandbox's limit of %d bytes", MaxBodyBytes)
	}
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	return raw, nil
}
