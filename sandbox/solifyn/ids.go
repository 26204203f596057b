package solifyn

import (
	"fmt"
	"time"
)

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// The kinds of ids; each draws from its own stream of the seeded
// generator, so making more of one kind leaves the others unchanged.
const (
	kindSession  = "solifyn.session"
	kindCheckout = "solifyn.checkout"
	kindLink     = "solifyn.link"
	kindPayment  = "solifyn.payment"
	kindCustomer = "solifyn.customer"
	kindMessage  = "solifyn.message"
)

// token returns n random base62 characters of the kind.
func (v *Vendor) token(kind string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = base62[v.env.IDs.Int(kind, 0, int64(len(base62)-1))]
	}
	return string(b)
}

// uuid7 returns a UUIDv7 (RFC 9562) whose timestamp is at, to the
// millisecond, and whose 74 random bits come from the seeded generator.
func (v *Vendor) uuid7(kind string, at time.Time) string {
	ms := uint64(at.UnixMilli()) & (1<<48 - 1)
	randA := uint64(v.env.IDs.Int(kind, 0, 1<<12-1))
	randB := uint64(v.env.IDs.Int(kind, 0, 1<<62-1))
	hi := ms<<16 | 0x7<<12 | randA // 48 bits of time, version 7, rand_a
	lo := 0b10<<62 | randB         // variant 10, rand_b
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", hi>>32, hi>>16&0xffff, hi&0xffff, lo>>48, lo&(1<<48-1))
}
