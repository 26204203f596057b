package noventiq

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

func TestIssueVerify(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	iss := newTokenIssuer([]byte("secret"), func() time.Time { return now })
	tok, at, err := iss.Issue("demo", "j1")
	if err != nil || !at.Equal(now) {
		t.Fatal(err, at)
	}
	other, _, _ := iss.Issue("demo", "j2")
	if other == tok {
		t.Error("two tokens are identical")
	}
	check := func(header string, want Code) {
		t.Helper()
		user, p := iss.Verify(header)
		switch {
		case want == 0 && (p != nil || user != "demo"):
			t.Errorf("Verify(%.40q) = %q, %+v; want demo", header, user, p)
		case want != 0 && (p == nil || p.Err.Code != want):
			t.Errorf("Verify(%.40q) = %q, %+v; want %d", header, user, p, want)
		}
	}
	check("Bearer "+tok, 0)
	check("bearer  "+tok, 0)
	check("", TokenMissing)
	check("   ", TokenMissing)
	check("Bearer ", TokenMissing)
	check(tok, TokenInvalid)
	check("Basic "+tok, TokenInvalid)
	check("Bearer x.y.z", TokenInvalid)
	check("Bearer "+tok[:len(tok)-2]+"xx", TokenInvalid)

	parts := strings.Split(tok, ".")
	none := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + parts[1] + "."
	check("Bearer "+none, TokenInvalid)
	hs512, _ := jwt.NewWithClaims(jwt.SigningMethodHS512, jwt.RegisteredClaims{Subject: "demo", ExpiresAt: jwt.NewNumericDate(now.Add(time.Hour))}).SignedString([]byte("secret"))
	check("Bearer "+hs512, TokenInvalid)
	foreign, _, _ := newTokenIssuer([]byte("other"), func() time.Time { return now }).Issue("demo", "j")
	check("Bearer "+foreign, TokenInvalid)
	noExp, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.RegisteredClaims{Subject: "demo"}).SignedString([]byte("secret"))
	check("Bearer "+noExp, TokenInvalid)
	// Minted with the secret, as anyone who knows a --seed can: a token
	// living longer than 24 hours, or issued after now, is refused.
	mint := func(iat, exp time.Time) string {
		tok, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.RegisteredClaims{Subject: "demo",
			IssuedAt: jwt.NewNumericDate(iat), ExpiresAt: jwt.NewNumericDate(exp)}).SignedString([]byte("secret"))
		return "Bearer " + tok
	}
	check(mint(now, now.Add(TokenLifetime)), 0)
	check(mint(now.Add(-time.Hour), now.AddDate(10, 0, 0)), TokenInvalid)
	check(mint(now.Add(time.Hour), now.Add(2*time.Hour)), TokenInvalid)
	noIat, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.RegisteredClaims{Subject: "demo", ExpiresAt: jwt.NewNumericDate(now.Add(time.Hour))}).SignedString([]byte("secret"))
	check("Bearer "+noIat, TokenInvalid)

	for range 3 { // cached verifications answer the same
		check("Bearer "+tok, 0)
		check("Bearer "+tok[:len(tok)-2]+"xx", TokenInvalid)
	}
	now = now.Add(TokenLifetime - time.Second)
	check("Bearer "+tok, 0)
	now = now.Add(2 * time.Second)
	check("Bearer "+tok, TokenExpired)
	fresh, _, _ := iss.Issue("demo", "j3")
	check("Bearer "+fresh, 0)
}
