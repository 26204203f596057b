package twocheckout

import (
	"time"

	"github.com/flashcart/flashcart/sandbox/internal/kit"
	"github.com/flashcart/flashcart/sandbox/schema"
)

// LoginDateLayout is the layout of login's date: GMT YYYY-MM-DD HH:MM:SS.
const LoginDateLayout = "2006-01-02 15:04:05"

const (
	// maxSkew is how far login's date may be from the sandbox clock; the
	// vendor does not document it.
	maxSkew = 10 * time.Minute
	// SessionTTL is a session's life: a fixed window from login ("max 10
	// minutes"; the vendor does not say whether calls extend it, and the
	// sandbox does not).
	SessionTTL = 10 * time.Minute
)

var loginMethods = []*method{{
	body: &schema.Body{Name: MethodLogin, Doc: "Opens a session; answers the sessionID.", Fields: []*schema.Field{
		param("merchantCode", schema.String, true, "The merchant code of the account."),
		param("date", schema.String, true, "The GMT date and time, YYYY-MM-DD HH:MM:SS, within 10 minutes of the server clock."),
		param("hash", schema.String, true, "HMAC with the secret key over len(merchantCode) merchantCode len(date) date, lower-case hex."),
		{Name: "algo", Type: schema.String, Nullable: true, Enum: []string{AlgoSHA256, AlgoSHA3},
			Doc: "The HMAC algorithm; absent or null, HMAC-MD5."},
	}},
	// A bad algo is a failed authentication, not a malformed call.
	codes: vendorCodes{"algo": fixed(ErrAuthenticationFailed)},
	write: true,
	run:   login,
}}

// sessionState is a login session.
type sessionState struct {
	Expires time.Time `json:"expires"`
}

func login(c *call) (any, error) {
	code, date, hash := c.str(0), c.str(1), c.str(2)
	algo := AlgoMD5
	if len(c.args) > 3 && c.present(3) {
		algo = c.str(3)
	}
	m, ok := c.v.merchant(code)
	if ok {
		c.v.note(c.r, func(n *kit.Note) { n.Account = code })
	}
	if !ok {
		return nil, fail(ErrAuthenticationFailed).hint("no merchant %q in the world", code)
	}
	if algo == AlgoMD5 && !m.MD5Allowed() {
		return nil, fail(ErrAuthenticationFailed).hint("merchant %q refuses HMAC-MD5 (allow_md5: false): send \"sha256\" or \"sha3-256\" as the 4th parameter", code)
	}
	t, err := time.Parse(LoginDateLayout, date)
	if err != nil {
		return nil, fail(ErrAuthenticationFailed).hint("date %q is not GMT YYYY-MM-DD HH:MM:SS", date)
	}
	if skew := c.now.Sub(t); skew > maxSkew || skew < -maxSkew {
		return nil, fail(ErrAuthenticationFailed).hint("date %s is %s from the sandbox clock (%s GMT); at most %s is allowed",
			date, skew.Abs(), c.now.Format(LoginDateLayout), maxSkew)
	}
	want, err := LoginHash(algo, m.SecretKey, code, date)
	if err != nil {
		return nil, err
	}
	if !signedEqual(hash, want) {
		return nil, fail(ErrAuthenticationFailed).hint("hash mismatch: expected HMAC-%s with the secret key over %q",
			algo, lengthPrefixed(code, date))
	}
	if err := seed(c.tx, m); err != nil {
		return nil, err
	}
	sid, err := unique(c.tx, bucketSessions, func() string { return c.v.env.IDs.Hex("twocheckout.session", 32) })
	if err != nil {
		return nil, err
	}
	return sid, save(c.tx, bucketSessions, sid, code, sessionState{Expires: c.now.Add(SessionTTL)})
}

// authenticate checks the session of a call and sets its merchant.
func (c *call) authenticate(sid string) error {
	rec, ok, err := load[sessionState](c.tx, bucketSessions, sid)
	switch {
	case err != nil:
		return err
	case !ok:
		return fail(ErrForbidden).hint("unknown sessionID %q: call login first", sid)
	case !c.now.Before(rec.Data.Expires):
		return fail(ErrForbidden).hint("the session expired at %s GMT, %s after login", rec.Data.Expires.Format(LoginDateLayout), SessionTTL)
	}
	m, ok := c.v.merchant(rec.Account)
	if !ok {
		return fail(ErrForbidden).hint("merchant %q is no longer in the world", rec.Account)
	}
	c.merchant = m
	c.v.note(c.r, func(n *kit.Note) { n.Account = m.Code })
	return nil
}
