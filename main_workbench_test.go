package main

import (
	"bytes"
	"io"
	"slices"
	"testing"
)

func TestWorkbenchFlags(t *testing.T) {
	var errOut bytes.Buffer
	opts, code := workbenchOptions([]string{"--addr", "127.0.0.1:0", "--scenarios", "a,b.yaml", "--scenarios", "dir"}, io.Discard, &errOut)
	if code != -1 || opts.Addr != "127.0.0.1:0" || !slices.Equal(opts.Scenarios, []string{"a,b.yaml", "dir"}) || opts.Bundled == nil {
		t.Errorf("options %+v, code %d, stderr %q", opts, code, errOut.String())
	}
	if _, code := workbenchOptions([]string{"--scenarios"}, io.Discard, &errOut); code != 1 {
		t.Errorf("--scenarios without a path: exit %d", code)
	}
}
