package twocheckout

import (
	"cmp"
	"errors"
	"slices"

	"github.com/flashcart/flashcart/sandbox/internal/store"
)

// The store buckets. Catalogue keys are "<merchant code>/<code>", so that
// merchants may share codes; sessions, orders and subscriptions are keyed by
// their own unique identifiers.
const (
	bucketSessions   = "twocheckout_sessions"
	bucketMerchants  = "twocheckout_merchants"
	bucketProducts   = "twocheckout_products"
	bucketFields     = "twocheckout_fields"
	bucketPromotions = "twocheckout_promotions"
	bucketCampaigns  = "twocheckout_campaigns"
	bucketOrders     = "twocheckout_orders"
	// bucketWaiting indexes the orders not yet complete, by RefNo, with
	// when they were placed: the clock's check reads only these.
	bucketWaiting       = "twocheckout_waiting"
	bucketSubscriptions = "twocheckout_subscriptions"
)

// record is every stored value: the merchant code under "account" (what a
// reset by account matches) and the data.
type record[T any] struct {
	Account string `json:"account"`
	Data    T      `json:"data"`
}

// key is a catalogue key.
func key(account, code string) string { return account + "/" + code }

// load reads the record at key; ok is false when there is none.
func load[T any](tx store.Tx, bucket, k string) (rec record[T], ok bool, err error) {
	ok, err = store.GetJSON(tx, bucket, k, &rec)
	return rec, ok, err
}

// save writes a record of the account at key.
func save[T any](tx store.Tx, bucket, k, account string, v T) error {
	return store.PutJSON(tx, bucket, k, record[T]{Account: account, Data: v})
}

// list returns the data of every record of the account in a bucket,
// sorted by key.
func list[T any](tx store.Tx, bucket, account string) ([]T, error) {
	type kv struct {
		k string
		v T
	}
	var found []kv
	err := store.EachJSON(tx, bucket, func(k string, rec *record[T]) error {
		if rec.Account == account {
			found = append(found, kv{k, rec.Data})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(found, func(a, b kv) int { return cmp.Compare(a.k, b.k) })
	out := make([]T, len(found))
	for i, f := range found {
		out[i] = f.v
	}
	return out, nil
}

// unique draws keys until one is free in the bucket.
func unique(tx store.Tx, bucket string, draw func() string) (string, error) {
	for range 1000 {
		if k := draw(); !exists(tx, bucket, k) {
			return k, nil
		}
	}
	return "", errors.New("twocheckout: no free identifier after 1000 draws in " + bucket)
}

// exists reports whether a record is at key.
func exists(tx store.Tx, bucket, k string) bool {
	_, ok := tx.Get(bucket, k)
	return ok
}
