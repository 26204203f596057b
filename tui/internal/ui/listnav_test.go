package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

func TestCursorStaysInListAndInSight(t *testing.T) {
	k := NewKeys("row")
	var c Cursor
	for _, step := range []struct {
		key         tea.KeyPressMsg
		pos, offset int
	}{
		{tea.KeyPressMsg{Code: 'j', Text: "j"}, 1, 0},
		{tea.KeyPressMsg{Code: tea.KeyPgDown}, 6, 2},
		{tea.KeyPressMsg{Code: 'G', Text: "G"}, 9, 5},
		{tea.KeyPressMsg{Code: 'k', Text: "k"}, 8, 5},
		{tea.KeyPressMsg{Code: tea.KeyHome}, 0, 0},
		{tea.KeyPressMsg{Code: 'k', Text: "k"}, 0, 0},
	} {
		if !c.Key(step.key, k, 10, 5) || c.Pos != step.pos || c.Offset != step.offset {
			t.Fatalf("after %s: %+v, want pos %d offset %d", step.key, c, step.pos, step.offset)
		}
	}
	if c.Key(tea.KeyPressMsg{Code: 'x', Text: "x"}, k, 10, 5) {
		t.Error("x moves the cursor")
	}
	c.Wheel(3, 10, 5)
	if c.Offset != 3 || c.Pos != 3 {
		t.Errorf("wheel: %+v", c)
	}
	c.Wheel(-10, 10, 5)
	if c.Offset != 0 || c.Pos != 3 {
		t.Errorf("wheel up: %+v", c)
	}
	c.Scroll(2, 5) // the list shrank
	if c.Offset != 0 {
		t.Errorf("scroll after shrinking: %+v", c)
	}
}

func TestScrollRowsOfSeveralLines(t *testing.T) {
	heights := []int{1, 3, 1, 2, 1}
	lines := func(i int) int { return heights[i] }
	c := Cursor{Pos: 3}
	c.ScrollRows(lines, len(heights), 4)
	if c.Offset != 2 { // rows 2 and 3 take 3 lines; row 1 would make 6
		t.Errorf("offset %d", c.Offset)
	}
	if i, ok := c.RowAt(2, lines, len(heights)); !ok || i != 3 {
		t.Errorf("line 2 shows row %d %v", i, ok)
	}
	c.Pos = 0
	c.ScrollRows(lines, len(heights), 4)
	if c.Offset != 0 {
		t.Errorf("back to the top: offset %d", c.Offset)
	}
	c = Cursor{Pos: 4, Offset: 4}
	c.ScrollRows(lines, len(heights), 4)
	if c.Offset != 2 { // rows 2, 3, 4 fill the 4 lines
		t.Errorf("at the end: offset %d", c.Offset)
	}
	if _, ok := c.RowAt(9, lines, len(heights)); ok {
		t.Error("a line below the last row shows a row")
	}
}
