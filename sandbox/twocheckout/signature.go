package twocheckout

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"crypto/sha3"
	"encoding/hex"
	"fmt"
	"hash"
	"strconv"
	"strings"
)

// The HMAC algorithms of the login hash, the IPN signatures and the read
// receipt, by the names login's algo parameter and the receipt's algo
// attribute use.
const (
	AlgoMD5    = "md5"
	AlgoSHA256 = "sha256"
	AlgoSHA3   = "sha3-256"
)

// hashes maps an algorithm to its hash constructor.
var hashes = map[string]func() hash.Hash{
	AlgoMD5:    md5.New,
	AlgoSHA256: sha256.New,
	AlgoSHA3:   func() hash.Hash { return sha3.New256() },
}

// lengthPrefixed is the vendor's source string: each value's UTF-8 byte
// length, then the value (an empty value contributes just "0").
func lengthPrefixed(values ...string) string {
	var b strings.Builder
	for _, v := range values {
		b.WriteString(strconv.Itoa(len(v)))
		b.WriteString(v)
	}
	return b.String()
}

// sign returns the lower-case hex HMAC of source with the secret.
func sign(algo, secret, source string) (string, error) {
	h, ok := hashes[algo]
	if !ok {
		return "", fmt.Errorf("twocheckout: unknown HMAC algorithm %q", algo)
	}
	mac := hmac.New(h, []byte(secret))
	mac.Write([]byte(source))
	return hex.EncodeToString(mac.Sum(nil)), nil
}

// LoginHash returns the hash login takes: the HMAC with the merchant's
// secret key over len(code) code len(date) date, with AlgoMD5 (three login
// parameters), AlgoSHA256 or AlgoSHA3 (the fourth parameter).
func LoginHash(algo, secret, merchantCode, date string) (string, error) {
	return sign(algo, secret, lengthPrefixed(merchantCode, date))
}

// signedEqual compares a received hex signature with the expected one, in
// constant time and ignoring the hex digits' case.
func signedEqual(got, want string) bool {
	return hmac.Equal([]byte(strings.ToLower(got)), []byte(want))
}
