package store

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
)

// MetaBucket keeps what a sandbox must remember about itself across
// restarts with a durable store: the secrets its vendors sign with and how
// many times it has started, so that seeded id streams never replay.
// Resets leave it alone.
const MetaBucket = "meta"

const (
	secretKey = "token_secret"
	startsKey = "starts"
)

// Start counts one more start of the sandbox on st and returns how many
// starts came before it: 0 for a fresh
func Start(st Store) (uint64, error) {
	var before uint64
	err := st.Update(func(tx Tx) error {
		if _, err := GetJSON(tx, MetaBucket, startsKey, &before); err != nil {
			return err
		}
		return PutJSON(tx, MetaBucket, startsKey, before+1)
	})
	if err != nil {
		return 0, fmt.Errorf("store: count the start: %w", err)
	}
	return before, nil
}

// TokenSecret returns the token secret kept in st. On a fresh store it keeps
// and returns derive()'s secret, or a random one when derive is nil.
func TokenSecret(st Store, derive func() []byte) ([]byte, error) {
	var secret string
	err := st.Update(func(tx Tx) error {
		found, err := GetJSON(tx, MetaBucket, secretKey, &secret)
		if found || err != nil {
			return err
		}
		if derive != nil {
			secret = string(derive())
		} else if secret, err = randomSecret(); err != nil {
			return err
		}
		return PutJSON(tx, MetaBucket, secretKey, secret)
	})
	if err != nil {
		return nil, fmt.Errorf("store: token secret: %w", err)
	}
	return []byte(secret), nil
}

// randomSecret returns 32 random bytes as hex.
func randomSecret() (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("draw a secret: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

// StreamSeed returns the seed of the id streams for a sandbox seeded with
// seed that started `before` times on its store: the seed itself on the
// first start, a different mix of it on every later one, so that a
// restarted sandbox does not draw the ids it already handed out.
func StreamSeed(seed, before uint64) uint64 {
	return seed ^ before*0x9e3779b97f4a7c15
}
