package solifyn

import (
	"fmt"

	"github.com/flashcart/flashcart/sandbox/internal/store"
)

// The vendor's buckets. Every record is a JSON object whose "account"
// field is the business id.
const (
	bucketSessions     = "solifyn_sessions"    // checkout sessions by id
	bucketSessionIndex = "solifyn_session_ids" // session_id → id
	bucketOrders       = "solifyn_orders"      // orders (payments) by pay_ id
	bucketLinks        = "solifyn_links"       // checkout links by id
	bucketSold         = "solifyn_sold"        // units sold per product id
	bucketRedemptions  = "solifyn_redemptions" // redemptions per discount id
	bucketCustomers    = "solifyn_customers"   // customer ids per business and email
)

// Buckets lists every bucket the vendor writes, for the engine's reset and
// statistics.
var Buckets = []string{bucketSessions, bucketSessionIndex, bucketOrders, bucketLinks, bucketSold, bucketRedemptions, bucketCustomers}

// counter is a number kept per key: units sold, redemptions.
type counter struct {
	Account string `json:"account"`
	Count   int64  `json:"count"`
}

// countOf returns the counter at key, zero when there is none.
func countOf(tx store.Tx, bucket, key string) (int64, error) {
	var c counter
	if _, err := store.GetJSON(tx, bucket, key, &c); err != nil {
		return 0, err
	}
	return c.Count, nil
}

// addCount adds n to the counter at key.
func addCount(tx store.Tx, bucket, account, key string, n int64) error {
	c, err := countOf(tx, bucket, key)
	if err != nil {
		return err
	}
	if err := store.PutJSON(tx, bucket, key, counter{Account: account, Count: c + n}); err != nil {
		return fmt.Errorf("solifyn: count %s/%s: %w", bucket, key, err)
	}
	return nil
}
