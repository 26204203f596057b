package sandbox

import "github.com/flashcart/flashcart/sandbox/internal/kit"

// TestCard is a card every vendor's checkout takes, and what paying with it
// does.
type TestCard = kit.TestCard

// TestCards are the cards every vendor's checkout takes, in the order the
// docs list them.
var TestCards = kit.TestCards
