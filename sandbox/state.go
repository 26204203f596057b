package sandbox

import (
	"fmt"
	"os"

	"github.com/flashcart/flashcart/sandbox/internal/store"
)

// ErrDamagedState is wrapped by the error of New and CheckState for a state
// file that cannot be used: empty, not a state file, cut short, or with
// pages that do not read. The file is left as it is.
var ErrDamagedState = store.ErrDamaged

// StateReport is what CheckState found in a state file.
type StateReport struct {
	File  string `json:"file"`
	Bytes int64  `json:"bytes"`
	// Records counts the records of each bucket.
	Records map[string]int `json:"records"`
}

// CheckState reads the state file at path without changing it, and reports
// what it holds, or why it cannot be used (ErrDamagedState). A sandbox
// serving the file holds it: stop it first.
func CheckState(path string) (StateReport, error) {
	rep := StateReport{File: path, Records: map[string]int{}}
	info, err := os.Stat(path)
	if err != nil {
		return rep, fmt.Errorf("state: %w", err)
	}
	rep.Bytes = info.Size()
	st, err := store.OpenBoltReadOnly(path)
	if err != nil {
		return rep, err
	}
	defer st.Close()
	err = st.View(func(tx store.Tx) error {
		for _, b := range tx.Buckets() {
			rep.Records[b] = store.Count(tx, b)
		}
		return nil
	})
	return rep, err
}
