package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math/rand/v2"
	"os"

	tea "charm.land/bubbletea/v2"

	"github.com/flashcart/flashcart/internal/httpserver"
	"github.com/flashcart/flashcart/sandbox"
)

// Options configure Run.
type Options struct {
	// Addr is where the sandbox listens; when taken, a free port of the
	// same host is used and the status bar says so.
	Addr string
	// Input and Output are the terminal; nil means stdin and stdout.
	Input  io.Reader
	Output io.Writer
	// ProgramOptions are passed to Bubble Tea (tests set the size and the
	// color profile).
	ProgramOptions []tea.ProgramOption
	// Bundled holds the bundled scenario suites, as scenarios.Bundled does;
	// nil offers none.
	Bundled fs.FS
	// Scenarios are the user's scenario files and folders.
	Scenarios []string
}

// Run starts a sandbox listening on opts.Addr, opens the workbench on it,
// and stops the sandbox when the workbench quits.
func Run(ctx context.Context, opts Options) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	p, _, served, err := Start(ctx, opts)
	if err != nil {
		return err
	}
	_, runErr := p.Run()
	cancel()
	if err := <-served; err != nil {
		return errors.Join(runErr, fmt.Errorf("sandbox: %w", err))
	}
	if errors.Is(runErr, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil
	}
	return runErr
}

// Start builds the sandbox, starts serving it until ctx is done (served
// reports how the server ended), and returns the workbench program, not yet
// running, and its root model.
func Start(ctx context.Context, opts Options) (p *tea.Program, m *Model, served <-chan error, err error) {
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		return nil, nil, nil, err
	}
	ln, moved, err := httpserver.Listen(opts.Addr, true)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("listen on %s: %w", opts.Addr, err)
	}
	done := make(chan error, 1)
	go func() { done <- httpserver.Serve(ctx, ln, sb.Handler(), slog.New(slog.DiscardHandler)) }()
	m = New(Config{Sandbox: sb, URL: httpserver.URL(ln), Requested: opts.Addr, Moved: moved, Editor: editor(),
		Bundled: opts.Bundled, Scenarios: opts.Scenarios, Seed: rand.Uint64N(1_000_000_000)})
	popts := append([]tea.ProgramOption{tea.WithContext(ctx)}, opts.ProgramOptions...)
	if opts.Input != nil {
		popts = append(popts, tea.WithInput(opts.Input))
	}
	if opts.Output != nil {
		popts = append(popts, tea.WithOutput(opts.Output))
	}
	return tea.NewProgram(m, popts...), m, done, nil
}

// editor is the user's editor: $VISUAL, $EDITOR, or vi.
func editor() string {
	for _, v := range []string{"VISUAL", "EDITOR"} {
		if e := os.Getenv(v); e != "" {
			return e
		}
	}
	return "vi"
}
