package journal

import (
	"fmt"
	"testing"
)

func paths(es []Entry) string {
	s := ""
	for _, e := range es {
		s += fmt.Sprintf("%d:%s ", e.Seq, e.Path)
	}
	return s
}

func TestRing(t *testing.T) {
	j := New(3, nil)
	for i := range 5 {
		j.Add(Entry{Path: fmt.Sprint("/", i)})
	}
	es, dropped := j.Snapshot(nil)
	if got := paths(es); got != "3:/2 4:/3 5:/4 " || dropped != 2 {
		t.Errorf("snapshot = %q dropped %d", got, dropped)
	}
	es, _ = j.Snapshot(func(e *Entry) bool { return e.Path != "/3" })
	if got := paths(es); got != "3:/2 5:/4 " {
		t.Errorf("filtered = %q", got)
	}
	j.Clear()
	j.Add(Entry{Path: "/x"})
	if es, dropped := j.Snapshot(nil); paths(es) != "6:/x " || dropped != 2 {
		t.Errorf("after clear = %q dropped %d", paths(es), dropped)
	}
}

func TestWatch(t *testing.T) {
	j := New(10, func(e Entry) Entry { e.Path += "!"; return e })
	ch, stop := j.Watch(1)
	j.Add(Entry{Path: "/a"})
	j.Add(Entry{Path: "/b"}) // the watcher's buffer is full: missed, not blocking
	if e := <-ch; e.Path != "/a!" {
		t.Errorf("watched %q", e.Path)
	}
	if es, _ := j.Snapshot(nil); es[1].Path != "/b!" {
		t.Errorf("snapshot not redacted: %q", es[1].Path)
	}
	stop()
	stop()
	j.Add(Entry{Path: "/c"})
	if _, open := <-ch; open {
		t.Error("channel open after stop")
	}
}
