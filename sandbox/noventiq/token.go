package noventiq

import (
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// TokenHeader is the request header the vendor reads the token from:
// "AuthorizationJWT: Bearer <token>".
const TokenHeader = "AuthorizationJWT"

// TokenLifetime is how long a token stays valid.
const TokenLifetime = 24 * time.Hour

// cacheSize bounds the verified-token cache.
const cacheSize = 4096

// tokenIssuer makes and checks the tokens of the authentication API: JWTs
// signed with HS256 and a per-sandbox secret, valid for TokenLifetime by
// the sandbox clock. It remembers tokens whose signature it
// has verified, so that a client reusing its token costs one map lookup;
// expiry is still checked against the clock on every use.
type tokenIssuer struct {
	secret []byte
	now    func() time.Time

	mu       sync.Mutex
	verified map[string]verifiedToken
}

type verifiedToken struct {
	subject string
	expires time.Time
}

// newTokenIssuer returns an issuer signing with secret and telling time with now.
func newTokenIssuer(secret []byte, now func() time.Time) *tokenIssuer {
	return &tokenIssuer{secret: secret, now: now, verified: map[string]verifiedToken{}}
}

// Issue makes a token for the account; jti makes tokens issued in the same
// second distinct. It returns the token and when it was made.
func (i *tokenIssuer) Issue(username, jti string) (string, time.Time, error) {
	now := i.now().Truncate(time.Second)
	claims := jwt.RegisteredClaims{
		Subject:   username,
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(TokenLifetime)),
		ID:        jti,
	}
	tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(i.secret)
	if err != nil {
		return "", time.Time{}, err
	}
	return tok, now, nil
}

// problem is why a request's token was refused: the documented error, and
// a hint for the sandbox's journal.
type problem struct {
	Err  Error
	Hint string
}

// Verify reads the AuthorizationJWT header value and returns the account
// the token was issued to, or the documented error: 1008 when there is no
// token, 1009 when it has expired, 1007 for anything else.
func (i *tokenIssuer) Verify(header string) (string, *problem) {
	header = strings.TrimSpace(header)
	if header == "" {
		return "", &problem{NewError(TokenMissing), "no AuthorizationJWT header"}
	}
	scheme, tok, _ := strings.Cut(header, " ")
	if !strings.EqualFold(scheme, "Bearer") {
		return "", &problem{NewError(TokenInvalid), "AuthorizationJWT must be written as: Bearer <token>"}
	}
	tok = strings.TrimSpace(tok)
	if tok == "" {
		return "", &problem{NewError(TokenMissing), "AuthorizationJWT holds the Bearer scheme but no token"}
	}
	i.mu.Lock()
	known, ok := i.verified[tok]
	i.mu.Unlock()
	if ok && i.now().Before(known.expires) {
		return known.subject, nil
	}
	var claims jwt.RegisteredClaims
	_, err := jwt.ParseWithClaims(tok, &claims, func(*jwt.Token) (any, error) { return i.secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithTimeFunc(i.now),
		jwt.WithExpirationRequired())
	switch {
	case errors.Is(err, jwt.ErrTokenExpired):
		return "", &problem{NewError(TokenExpired), "the token expired at " + claims.ExpiresAt.UTC().Format(time.RFC3339) + " by the sandbox clock"}
	case err != nil:
		return "", &problem{NewError(TokenInvalid), "the token does not verify: " + err.Error()}
	case claims.Subject == "":
		return "", &problem{NewError(TokenInvalid), "the token names no account"}
	case claims.IssuedAt == nil:
		return "", &problem{NewError(TokenInvalid), "the token says not when it was issued (iat)"}
	case claims.IssuedAt.After(i.now()):
		return "", &problem{NewError(TokenInvalid), "the token was issued at " + claims.IssuedAt.UTC().Format(time.RFC3339) + ", after now by the sandbox clock"}
	case claims.ExpiresAt.Sub(claims.IssuedAt.Time) > TokenLifetime:
		return "", &problem{NewError(TokenInvalid), "the token lives longer than the " + TokenLifetime.String() + " the vendor's tokens do"}
	}
	i.mu.Lock()
	if len(i.verified) >= cacheSize {
		clear(i.verified)
	}
	i.verified[tok] = verifiedToken{subject: claims.Subject, expires: claims.ExpiresAt.Time}
	i.mu.Unlock()
	return claims.Subject, nil
}
