package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestRunAndRecordCommands(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"run", "scenarios/suites", "--seed", "1", "--jobs", "2", "--skip-tags", "clock,auth"}, 0, " passed, 0 failed\n", ""},
		{[]string{"run", "--seed", "1", "scenarios/suites/noventiq/markets.yaml", "--tags", "3120", "-v"}, 0, "PASS", ""},
		{[]string{"run", "--report", "html=x.html", "scenarios/suites"}, 1, "", "unknown report format"},
		{[]string{"run", "--jobs", "many"}, 1, "", "invalid value"},
		{[]string{"run", "--help"}, 0, "Usage: flashcart run", ""},
		{[]string{"run"}, 1, "", "name the scenario files"},
		{[]string{"record", "--out", "x.yaml"}, 1, "", "--target URL and --out FILE are required"},
		{[]string{"record", "--help"}, 0, "Usage: flashcart record", ""},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(tt.args, &stdout, &stderr)
		if code != tt.code || !strings.Contains(stdout.String(), tt.stdout) || !strings.Contains(stderr.String(), tt.stderr) {
			t.Errorf("flashcart %s: exit %d (want %d)\nstdout: %s\nstderr: %s", strings.Join(tt.args, " "), code, tt.code, stdout.String(), stderr.String())
		}
	}
}
