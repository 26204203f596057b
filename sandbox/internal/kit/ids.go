package kit

import (
	"hash/fnv"
	"math/rand/v2"
	"strconv"
	"sync"
)

// Generator draws the sandbox's identifiers from a seed, so that a run
// with the same seed produces the same ids; each kind of id has its own stream, so that making
// more of one kind does not change the others. It is safe for concurrent use.
type Generator struct {
	seed    uint64
	mu      sync.Mutex
	streams map[string]*rand.Rand
}

// NewIDs returns a generator for the seed.
func NewIDs(seed uint64) *Generator {
	return &Generator{seed: seed, streams: map[string]*rand.Rand{}}
}

// Seed returns the generator's seed.
func (g *Generator) Seed() uint64 { return g.seed }

func (g *Generator) stream(kind string) *rand.Rand {
	r, ok := g.streams[kind]
	if !ok {
		h := fnv.New64a()
		h.Write([]byte(kind))
		r = rand.New(rand.NewPCG(g.seed, h.Sum64()))
		g.streams[kind] = r
	}
	return r
}

// Int returns a number of the kind in [min, max].
func (g *Generator) Int(kind string, min, max int64) int64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	return min + g.stream(kind).Int64N(max-min+1)
}

// Digits returns a decimal id of the kind with n digits (no leading zero).
func (g *Generator) Digits(kind string, n int) string {
	lo := int64(1)
	for range n - 1 {
		lo *= 10
	}
	return strconv.FormatInt(g.Int(kind, lo, lo*10-1), 10)
}

// Hex returns n random lowercase hex characters of the kind.
func (g *Generator) Hex(kind string, n int) string {
	const digits = "0123456789abcdef"
	g.mu.Lock()
	defer g.mu.Unlock()
	r := g.stream(kind)
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[r.IntN(16)]
	}
	return string(b)
}
