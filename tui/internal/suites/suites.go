// Package suites finds the scenario suites the workbench offers: the
// bundled ones and the user's own, each file labelled with where it comes
// from. The scenarios pane browses and runs them; the compose pane's
// presets read the requests they send.
package suites

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/flashcart/flashcart/scenarios"
)

// Bundled labels the suites that ship with flashcart.
const Bundled = "bundled"

// Root is a file or folder scenarios are read from: on disk, or in FS.
type Root struct {
	// Label names the root on screen: Bundled, or the path as given.
	Label string
	// FS holds the root when it is not on disk (the bundled suites).
	FS   fs.FS
	Path string
}

// Roots are the bundled suites of fsys (none when fsys is nil), as
// scenarios.Bundled holds them, and the user's paths.
func Roots(fsys fs.FS, paths []string) []Root {
	var out []Root
	if fsys != nil {
		out = append(out, Root{Label: Bundled, FS: fsys, Path: scenarios.BundledSuites})
	}
	for _, p := range paths {
		out = append(out, Root{Label: p, Path: p})
	}
	return out
}

// File is a scenario file found under a root.
type File struct {
	*scenarios.File
	// Root is the root's label; Name the file's path under the root (its
	// base name when the root is the file).
	Root, Name string
}

// Title is how the file is named on screen: "bundled/auth.yaml".
func (f File) Title() string {
	if f.Root == f.Name {
		return f.Name
	}
	return filepath.ToSlash(filepath.Join(f.Root, f.Name))
}

// Load reads every root; one that fails does not keep the others from
// loading. The errors are one per path that could not be read and one per
// file that could not be parsed, each holding every problem of its file;
// the bundled suites' name their root. It reads files, so it runs inside
// a command.
func Load(roots []Root) ([]File, []error) {
	var out []File
	var errs []error
	for _, r := range roots {
		var files []*scenarios.File
		var err error
		if r.FS != nil {
			files, err = scenarios.LoadFS(r.FS, r.Path)
		} else {
			files, err = scenarios.Load(r.Path)
		}
		for _, e := range perFile(err) {
			if r.FS != nil {
				e = fmt.Errorf("%s: %w", r.Label, e)
			}
			errs = append(errs, e)
		}
		for _, f := range files {
			out = append(out, File{File: f, Root: r.Label, Name: name(r, f.Path)})
		}
	}
	return out, errs
}

// perFile splits what scenarios.Load returns into an error per path and
// per file. Load joins the errors of the paths it could not read and one
// more join: of the files it could not parse, one error each (itself
// joining the problems of its file).
func perFile(err error) []error {
	var out []error
	for _, e := range unjoin(err) {
		if files, ok := e.(interface{ Unwrap() []error }); ok {
			out = append(out, files.Unwrap()...)
		} else {
			out = append(out, e)
		}
	}
	return out
}

// unjoin returns the errors err joins: err alone when it joins none, and
// nothing for nil.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	if err == nil {
		return nil
	}
	return []error{err}
}

// name is the file's path relative to its root.
func name(r Root, path string) string {
	if r.FS != nil {
		return strings.TrimPrefix(path, r.Path+"/")
	}
	if info, err := os.Stat(r.Path); err == nil && !info.IsDir() {
		return r.Label
	}
	if rel, err := filepath.Rel(r.Path, path); err == nil {
		return filepath.ToSlash(rel)
	}
	return path
}

// Set is the suites of some roots, read once however many ask: the
// scenarios pane and the compose pane's presets share one.
type Set struct {
	roots []Root
	once  sync.Once
	files []File
	errs  []error
}

// NewSet returns the set of the roots, not read yet.
func NewSet(roots []Root) *Set { return &Set{roots: roots} }

// Load reads the roots the first time it is called and returns the same
// files every time after; calls at once wait for the one reading. It reads
// files, so it runs inside a command.
func (s *Set) Load() ([]File, []error) {
	s.once.Do(func() { s.files, s.errs = Load(s.roots) })
	return s.files, s.errs
}
