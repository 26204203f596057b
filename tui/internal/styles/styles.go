// Package styles holds every color and style of the terminal workbench, so
// that the panes share one look and a theme is changed in one place.
package styles

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// The palette. Mid-tone colors read on dark and light backgrounds alike.
var (
	// Accent marks titles, keys and the active tab.
	Accent  = lipgloss.Color("#7D56F4")
	Green   = lipgloss.Color("#3FA34D")
	Yellow  = lipgloss.Color("#C9A227")
	Red     = lipgloss.Color("#E0474C")
	Cyan    = lipgloss.Color("#2AA1B3")
	Magenta = lipgloss.Color("#C561B6")
	Grey    = lipgloss.Color("#8A8A8A")
	White   = lipgloss.Color("#FFFFFF")
)

// Layout: the tab bar, the status bar, the help line and the overlays.
var (
	Tab       = lipgloss.NewStyle().Padding(0, 1).Foreground(Grey)
	ActiveTab = lipgloss.NewStyle().Padding(0, 1).Bold(true).Foreground(White).Background(Accent)
	StatusBar = lipgloss.NewStyle().Foreground(Grey)
	StatusOK  = lipgloss.NewStyle().Foreground(Green)
	StatusBad = lipgloss.NewStyle().Foreground(Red).Bold(true)
	StatusMsg = lipgloss.NewStyle().Foreground(Cyan)
	Overlay   = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(Accent).Padding(0, 1)
	Title     = lipgloss.NewStyle().Bold(true).Foreground(Accent)
	TooSmall  = lipgloss.NewStyle().Bold(true).Foreground(Yellow)
)

// Content: sections, labels, values, selections, errors and hints.
var (
	Section   = lipgloss.NewStyle().Bold(true)
	Required  = lipgloss.NewStyle().Foreground(Yellow)
	Value     = lipgloss.NewStyle().Foreground(Cyan)
	Unset     = lipgloss.NewStyle().Foreground(Grey)
	Selected  = lipgloss.NewStyle().Reverse(true)
	Error     = lipgloss.NewStyle().Foreground(Red)
	ErrorCode = lipgloss.NewStyle().Foreground(Red).Bold(true)
	Hint      = lipgloss.NewStyle().Foreground(Grey)
	Warn      = lipgloss.NewStyle().Foreground(Yellow)
	Good      = lipgloss.NewStyle().Foreground(Green)
	Rule      = lipgloss.NewStyle().Foreground(Grey)
)

// StatusCode styles an HTTP status by its class.
func StatusCode(code int) lipgloss.Style {
	switch {
	case code == 0:
		return Error
	case code < 300:
		return Good.Bold(true)
	case code < 500:
		return Warn.Bold(true)
	default:
		return Error.Bold(true)
	}
}

// Help is the look of the help line and the help overlay.
func Help() help.Styles {
	s := help.DefaultDarkStyles()
	s.ShortKey = lipgloss.NewStyle().Foreground(Accent).Bold(true)
	s.FullKey = s.ShortKey
	s.ShortDesc = lipgloss.NewStyle().Foreground(Grey)
	s.FullDesc = s.ShortDesc
	return s
}

// JSON token styles are SGR sequences rather than lipgloss styles: a large
// body has hundreds of thousands of tokens, and a sequence is only written,
// never computed, per token. Each token is followed by ansi.ResetStyle.
var (
	JSONKey    = sgr(Accent)
	JSONString = sgr(Green)
	JSONNumber = sgr(Cyan)
	JSONBool   = sgr(Magenta)
	JSONNull   = sgr(Grey)
)

// Diff line styles.
var (
	DiffAdd  = lipgloss.NewStyle().Foreground(Green)
	DiffDel  = lipgloss.NewStyle().Foreground(Red)
	DiffHunk = lipgloss.NewStyle().Foreground(Cyan)
)

func sgr(c color.Color) string { return ansi.NewStyle().ForegroundColor(c).String() }
