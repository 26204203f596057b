// Package cli carries out the scenario commands of flashcart, `run` and
// `record`, from parsed flags to an exit code, so that main only parses
// flags: run.go runs the suites, report*.go write a run's reports for
// people and CI (text, JUnit XML, TAP, JSON), update.go rewrites failing
// expectations from the actual responses (--update) keeping the matchers,
// and record.go starts the recording proxy.
package cli

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/flashcart/flashcart/scenarios"
	"github.com/flashcart/flashcart/scenarios/runner"
)

// Exit codes of `flashcart run`.
const (
	ExitPassed  = 0 // every scenario passed (or was skipped)
	ExitUsage   = 1 // bad flags or arguments
	ExitParse   = 2 // a scenario file does not parse
	ExitRuntime = 3 // a runtime error: the target is unreachable, a report cannot be written
	ExitFailed  = 4 // an expectation failed
)

// RunGCPercent is the GC target `flashcart run` sets while scenarios run.
const RunGCPercent = 400

// Environment variables that hold the target's credentials; the Solifyn
// key is optional (the scenarios that read it are skipped without it).
const (
	EnvUsername   = "FLASHCART_USERNAME"
	EnvPassword   = "FLASHCART_PASSWORD"
	EnvSolifynKey = "FLASHCART_SOLIFYN_API_KEY"
)

// ReportSpec is one --report kind=FILE.
type ReportSpec struct {
	Format, Path string
}

// ParseReportSpec reads "junit=FILE", "tap=FILE" or "json=FILE".
func ParseReportSpec(s string) (ReportSpec, error) {
	format, path, ok := strings.Cut(s, "=")
	if !ok || path == "" {
		return ReportSpec{}, fmt.Errorf("write --report FORMAT=FILE, FORMAT one of %s", strings.Join(Formats, ", "))
	}
	for _, f := range Formats {
		if f == format {
			return ReportSpec{format, path}, nil
		}
	}
	return ReportSpec{}, fmt.Errorf("unknown report format %q; use one of %s", format, strings.Join(Formats, ", "))
}

// RunConfig is what `flashcart run` was asked to do.
type RunConfig struct {
	Paths []string
	// Target is a live server's base URL; empty runs in-process.
	Target string
	Jobs   int
	// Seed is nil when none was given: one is drawn and printed.
	Seed     *uint64
	Tags     []string
	SkipTags []string
	Update   bool
	Reports  []ReportSpec
	Verbose  bool
	Timeout  time.Duration
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
	// Stdout gets the summary, Stderr the progress line and messages.
	Stdout, Stderr io.Writer
}

// Run runs scenario files and returns the exit code.
func Run(ctx context.Context, cfg RunConfig) int {
	if cfg.Getenv == nil {
		cfg.Getenv = os.Getenv
	}
	say := func(format string, args ...any) { fmt.Fprintf(cfg.Stderr, "flashcart run: "+format+"\n", args...) }
	if len(cfg.Paths) == 0 {
		say("name the scenario files or folders to run, such as scenarios/suites")
		return ExitUsage
	}
	opts := runner.Options{Jobs: cfg.Jobs, Target: cfg.Target, Timeout: cfg.Timeout, KeepGoing: cfg.Update,
		Logger: slog.New(slog.NewTextHandler(cfg.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))}
	if cfg.Target != "" {
		opts.Username, opts.Password, opts.SolifynKey = cfg.Getenv(EnvUsername), cfg.Getenv(EnvPassword), cfg.Getenv(EnvSolifynKey)
		if opts.Username == "" || opts.Password == "" {
			say("--target needs the credentials in %s and %s", EnvUsername, EnvPassword)
			return ExitUsage
		}
	}
	if err := openReports(cfg.Reports); err != nil {
		say("%v", err)
		return ExitUsage
	}
	files, err := scenarios.Load(cfg.Paths...)
	if err != nil {
		fmt.Fprintln(cfg.Stderr, err)
		return ExitParse
	}
	list := selectScenarios(files, cfg.Tags, cfg.SkipTags)
	if len(list) == 0 {
		say("no scenario left after --tags and --skip-tags")
		return ExitUsage
	}
	if cfg.Seed != nil {
		opts.Seed = *cfg.Seed
	} else if opts.Seed, err = drawSeed(); err != nil {
		say("%v", err)
		return ExitRuntime
	}
	if isTerminal(cfg.Stderr) {
		opts.Progress = Progress(cfg.Stderr)
	}
	// Every scenario makes and drops a sandbox: with the default GC target
	// the run spends most of its time collecting a tiny heap (see the
	// benchmark figures in docs/scenarios.md).
	defer debug.SetGCPercent(debug.SetGCPercent(RunGCPercent))
	start := time.Now()
	res, err := runner.Run(ctx, list, opts)
	if err != nil {
		say("%v", err)
		return ExitRuntime
	}
	elapsed := time.Since(start)
	say("%s, %s in %s (%.0f steps/s)", Count(len(res.Scenarios), "scenario"), Count(res.Steps(), "step"), elapsed.Round(time.Millisecond), float64(res.Steps())/elapsed.Seconds())
	code := exitCode(res)
	if cfg.Update {
		changed, err := Apply(res)
		if err != nil {
			say("update: %v", err)
			return ExitRuntime
		}
		say("--update rewrote %d file(s): %s; run again to check them", len(changed), strings.Join(changed, ", "))
	}
	for _, r := range cfg.Reports {
		if err := writeReport(r, res); err != nil {
			say("%v", err)
			code = ExitRuntime
		}
	}
	if err := Summary(cfg.Stdout, res, cfg.Verbose); err != nil {
		return ExitRuntime
	}
	return code
}

// selectScenarios keeps the scenarios with any of tags (all when tags is
// empty) and none of skip.
func selectScenarios(files []*scenarios.File, tags, skip []string) []*scenarios.Scenario {
	var out []*scenarios.Scenario
	for _, f := range files {
		for _, s := range f.Scenarios {
			if (len(tags) == 0 || s.HasTag(tags)) && !s.HasTag(skip) {
				out = append(out, s)
			}
		}
	}
	return out
}

func exitCode(res *runner.Result) int {
	n := res.Count()
	switch {
	case n[runner.Errored] > 0:
		return ExitRuntime
	case n[runner.Failed] > 0:
		return ExitFailed
	}
	return ExitPassed
}

// openReports makes sure every report can be written before the run: it
// makes the reports' folders, and checks the files can be created.
func openReports(reports []ReportSpec) error {
	for _, r := range reports {
		if err := os.MkdirAll(filepath.Dir(r.Path), 0o755); err != nil {
			return fmt.Errorf("report %s cannot be written: %w", r.Path, err)
		}
		f, err := os.OpenFile(r.Path, os.O_WRONLY|os.O_CREATE, 0o644)
		if err != nil {
			return fmt.Errorf("report %s cannot be written: %w", r.Path, err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("report %s cannot be written: %w", r.Path, err)
		}
	}
	return nil
}

func writeReport(r ReportSpec, res *runner.Result) error {
	f, err := os.Create(r.Path)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	err = Write(f, r.Format, res)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("report %s: %w", r.Path, err)
	}
	return nil
}

func drawSeed() (uint64, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return 0, fmt.Errorf("draw a seed: %w", err)
	}
	// Seeds people retype: below a billion.
	return binary.LittleEndian.Uint64(b[:]) % 1_000_000_000, nil
}

// isTerminal reports whether w is a terminal, where a progress line that
// rewrites itself makes sense.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
