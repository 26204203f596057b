package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/flashcart/flashcart/scenarios/cli"
)

// listFlag is a comma-separated list flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

// reportsFlag collects --report FORMAT=FILE.
type reportsFlag []cli.ReportSpec

func (r *reportsFlag) String() string { return "" }

func (r *reportsFlag) Set(v string) error {
	spec, err := cli.ParseReportSpec(v)
	if err != nil {
		return err
	}
	*r = append(*r, spec)
	return nil
}

func runScenarios(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("run", "run [flags] FILE_OR_FOLDER...", stdout, stderr)
	target := fs.String("target", "", "base URL of a live server to run against (credentials from "+cli.EnvUsername+" and "+cli.EnvPassword+", the Solifyn key from "+cli.EnvSolifynKey+"); empty runs in-process")
	jobs := fs.Int("jobs", runtime.NumCPU(), "scenarios run at once")
	var seed seedFlag
	fs.Var(&seed, "seed", "seed of the in-process sandboxes (default: drawn and printed)")
	var tags, skipTags listFlag
	fs.Var(&tags, "tags", "run only scenarios with any of these comma-separated tags")
	fs.Var(&skipTags, "skip-tags", "leave out scenarios with any of these comma-separated tags")
	update := fs.Bool("update", false, "rewrite failing expectations from the actual responses, keeping matchers")
	var reports reportsFlag
	fs.Var(&reports, "report", "also write a report: junit=FILE, tap=FILE or json=FILE (repeatable)")
	verbose := fs.Bool("v", false, "list passing scenarios too")
	timeout := fs.Duration("timeout", 30*time.Second, "timeout of each request to --target")
	code, paths := parseArgs(fs, args)
	if code >= 0 {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return cli.Run(ctx, cli.RunConfig{
		Paths: paths, Target: *target, Jobs: *jobs, Seed: seed.v, Tags: tags, SkipTags: skipTags,
		Update: *update, Reports: reports, Verbose: *verbose, Timeout: *timeout,
		Stdout: stdout, Stderr: stderr,
	})
}

func record(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("record", "record --target URL --out FILE [flags]", stdout, stderr)
	target := fs.String("target", "", "base URL of the server to record (required)")
	listen := fs.String("listen", "127.0.0.1:8081", "address the recording proxy listens on")
	out := fs.String("out", "", "scenario file to write (required)")
	name := fs.String("name", "", "name of the recorded scenario (default: recorded from TARGET)")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return cli.Record(ctx, cli.RecordConfig{Target: *target, Listen: *listen, Out: *out, Name: *name, Stdout: stdout, Stderr: stderr})
}

// parseArgs parses flags that may come before, between or after the
// positional arguments; it returns the exit code to stop with (or -1) and
// the positional arguments.
func parseArgs(fs *flagSet, args []string) (int, []string) {
	var pos []string
	for {
		if code := fs.parse(args); code >= 0 {
			return code, nil
		}
		if fs.NArg() == 0 {
			return -1, pos
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}
