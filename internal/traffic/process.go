package traffic

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Ready is the line `flashcart serve` prints once it listens: the base
// URL and each vendor's demo credentials, those of the world's first
// account (Noventiq) and first business (Solifyn).
type Ready struct {
	Event    string `json:"event"`
	URL      string `json:"url"`
	Username string `json:"username"`
	Password string `json:"password"`
	// Solifyn is absent when the world has no Solifyn section.
	Solifyn *ReadySolifyn `json:"solifyn,omitempty"`
}

// ReadySolifyn is the Solifyn part of the ready line.
type ReadySolifyn struct {
	APIKey string `json:"api_key"`
}

// Process is a running sandbox server.
type Process struct {
	Ready
	cmd     *exec.Cmd
	exited  chan struct{}
	waitErr error // set before exited is closed
}

// Start runs cmd, which must print the ready line on its standard output,
// and waits up to timeout for it. The process's standard error goes to
// stderr (nil discards it).
func Start(cmd *exec.Cmd, stderr io.Writer, timeout time.Duration) (*Process, error) {
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("traffic: %w", err)
	}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("traffic: start %s: %w", cmd.Path, err)
	}
	p := &Process{cmd: cmd, exited: make(chan struct{})}
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		if sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		_, _ = io.Copy(io.Discard, out)
		p.waitErr = cmd.Wait()
		close(p.exited)
	}()
	select {
	case line, ok := <-lines:
		if !ok {
			return nil, fmt.Errorf("traffic: the server exited before it was ready: %w", p.wait())
		}
		if err := json.Unmarshal([]byte(line), &p.Ready); err != nil || p.Event != "ready" {
			_ = p.Kill()
			return nil, fmt.Errorf("traffic: not a ready line: %q", line)
		}
		return p, nil
	case <-time.After(timeout):
		_ = p.Kill()
		return nil, fmt.Errorf("traffic: no ready line within %s", timeout)
	}
}

// PID returns the process id.
func (p *Process) PID() int { return p.cmd.Process.Pid }

// wait returns once the process has exited, with how it exited.
func (p *Process) wait() error {
	<-p.exited
	return p.waitErr
}

// Kill sends SIGKILL: the process gets no chance to clean up. It returns
// once the process is gone; killing it again does nothing.
func (p *Process) Kill() error {
	if err := p.signal(syscall.SIGKILL); err != nil {
		return err
	}
	_ = p.wait()
	return nil
}

// Stop sends SIGTERM and returns how the process exited.
func (p *Process) Stop() error {
	if err := p.signal(syscall.SIGTERM); err != nil {
		return err
	}
	return p.wait()
}

func (p *Process) signal(sig os.Signal) error {
	if err := p.cmd.Process.Signal(sig); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("traffic: signal %v: %w", sig, err)
	}
	return nil
}

// RSS returns the process's resident memory in bytes, read from
// /proc/<pid>/status (Linux only).
func (p *Process) RSS() (int64, error) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.PID()))
	if err != nil {
		return 0, fmt.Errorf("traffic: rss: %w", err)
	}
	for line := range strings.Lines(string(raw)) {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("traffic: rss: %w", err)
			}
			return kb << 10, nil
		}
	}
	return 0, errors.New("traffic: rss: no VmRSS line")
}
