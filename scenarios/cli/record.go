package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/flashcart/flashcart/internal/httpserver"
	"github.com/flashcart/flashcart/scenarios/internal/record"
)

// RecordConfig is what `flashcart record` was asked to do.
type RecordConfig struct {
	Target, Listen, Out, Name string
	Stdout, Stderr            io.Writer
}

type recordReady struct {
	Event  string `json:"event"`
	URL    string `json:"url"`
	Target string `json:"target"`
	Out    string `json:"out"`
}

// Record runs the recording proxy until ctx is done. The file is rewritten
// after every exchange, so a recording survives the proxy being killed.
func Record(ctx context.Context, cfg RecordConfig) int {
	say := func(format string, args ...any) { fmt.Fprintf(cfg.Stderr, "flashcart record: "+format+"\n", args...) }
	if cfg.Target == "" || cfg.Out == "" {
		say("--target URL and --out FILE are required")
		return ExitUsage
	}
	name := cfg.Name
	if name == "" {
		name = "recorded from " + cfg.Target
	}
	log := slog.New(slog.NewTextHandler(cfg.Stderr, nil))
	var writeErr error
	save := func(exchanges []record.Exchange) {
		if writeErr = writeRecording(cfg.Out, name, cfg.Target, exchanges); writeErr != nil {
			log.Error("write the recording", "err", writeErr)
		}
	}
	proxy, err := record.NewProxy(cfg.Target, log, save)
	if err != nil {
		say("%v", err)
		return ExitUsage
	}
	ln, _, err := httpserver.Listen(cfg.Listen, false)
	if err != nil {
		say("%v", err)
		return ExitRuntime
	}
	ready, _ := json.Marshal(recordReady{Event: "ready", URL: httpserver.URL(ln), Target: cfg.Target, Out: cfg.Out})
	fmt.Fprintf(cfg.Stdout, "%s\n", ready)
	if err := httpserver.Serve(ctx, ln, proxy, log); err != nil {
		say("%v", err)
		return ExitRuntime
	}
	n := len(proxy.Exchanges())
	if n == 0 {
		say("no exchange recorded; %s not written", cfg.Out)
		return ExitPassed
	}
	save(proxy.Exchanges())
	if writeErr != nil {
		return ExitRuntime
	}
	say("recorded %d exchanges to %s", n, cfg.Out)
	return ExitPassed
}

// writeRecording writes the scenario file atomically.
func writeRecording(path, name, target string, exchanges []record.Exchange) error {
	data, err := record.Scenario(name, target, exchanges)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".flashcart-record-*")
	if err != nil {
		return fmt.Errorf("write recording: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write recording: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write recording: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write recording: %w", err)
	}
	return nil
}
