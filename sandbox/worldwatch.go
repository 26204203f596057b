package sandbox

import (
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// WatchWorld reloads the world whenever its file changes — written in
// place, replaced by a rename (as editors save), removed or created again —
// once the file has been quiet for debounce. Close the returned watcher to
// stop. It fails for a sandbox whose world is not from a file.
func (s *Sandbox) WatchWorld(debounce time.Duration) (io.Closer, error) {
	if s.worlds.file == "" {
		return nil, ErrNotReloadable
	}
	return watchFile(s.worlds.file, debounce, func() { _, _ = s.ReloadWorld("file changed") }, s.log)
}

// fileWatcher follows one file until closed; it watches the file's
// directory, so a replaced file stays watched.
type fileWatcher struct {
	fs   *fsnotify.Watcher
	done chan struct{}

	mu     sync.Mutex
	timer  *time.Timer
	closed bool
}

// watchFile calls onChange once the file at path has been quiet for debounce
// after a change; changes in a burst (truncate, write, rename) make one call.
func watchFile(path string, debounce time.Duration, onChange func(), log *slog.Logger) (*fileWatcher, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	fs, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	if err := fs.Add(filepath.Dir(abs)); err != nil {
		_ = fs.Close()
		return nil, fmt.Errorf("watch: watch %s: %w", filepath.Dir(abs), err)
	}
	w := &fileWatcher{fs: fs, done: make(chan struct{})}
	go w.loop(abs, debounce, onChange, log)
	return w, nil
}

func (w *fileWatcher) loop(abs string, debounce time.Duration, onChange func(), log *slog.Logger) {
	defer close(w.done)
	for {
		select {
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			if filepath.Clean(ev.Name) == abs && !ev.Has(fsnotify.Chmod) {
				w.schedule(debounce, onChange)
			}
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			log.Warn("file watch", "file", abs, "err", err)
		}
	}
}

// schedule (re)starts the quiet period before onChange.
func (w *fileWatcher) schedule(debounce time.Duration, onChange func()) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return
	}
	if w.timer != nil {
		w.timer.Stop()
	}
	w.timer = time.AfterFunc(debounce, onChange)
}

// Close stops watching; a pending call is cancelled.
func (w *fileWatcher) Close() error {
	w.mu.Lock()
	w.closed = true
	if w.timer != nil {
		w.timer.Stop()
	}
	w.mu.Unlock()
	err := w.fs.Close()
	<-w.done
	return err
}
