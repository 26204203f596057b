package journal

import (
	"fmt"
	"net/http"
	"strings"
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

func TestBytesBoundTheJournal(t *testing.T) {
	j := NewBounded(1000, 10_000, nil)
	body := strings.Repeat("x", 3000)
	for i := range 10 {
		j.Add(Entry{Path: fmt.Sprint("/", i), RequestBody: body})
	}
	kept, dropped := j.Len()
	bytes, budget := j.Bytes()
	if kept != 3 || dropped != 7 || bytes > budget || budget != 10_000 {
		t.Errorf("kept %d (%d bytes of %d), dropped %d; want the 3 newest", kept, bytes, budget, dropped)
	}
	if es, _ := j.Snapshot(nil); paths(es) != "8:/7 9:/8 10:/9 " {
		t.Errorf("kept %s", paths(es))
	}
	// An entry over the whole budget is still kept, alone.
	j.Add(Entry{Path: "/big", RequestBody: strings.Repeat("y", 20_000)})
	if es, _ := j.Snapshot(nil); paths(es) != "11:/big " {
		t.Errorf("after a big entry: %s", paths(es))
	}
}

func TestHeadersAndHintsAreCut(t *testing.T) {
	j := New(10, nil)
	huge := strings.Repeat("products[0].name,", 2000)
	h := http.Header{"X-Sandbox-Error-Fields": {huge}, "Content-Type": {"application/json"}}
	hints := make([]string, 100)
	for i := range hints {
		hints[i] = "hint"
	}
	j.Add(Entry{Path: "/a", ResponseHeaders: h, Hints: hints})
	es, _ := j.Snapshot(nil)
	e := es[0]
	if headerBytes(e.ResponseHeaders) > MaxHeaderBytes+100 || !e.Truncated {
		t.Errorf("headers kept: %d bytes, truncated %v", headerBytes(e.ResponseHeaders), e.Truncated)
	}
	v := e.ResponseHeaders.Get("X-Sandbox-Error-Fields")
	if !strings.Contains(v, "bytes more; the journal keeps 8 KiB of headers]") {
		t.Errorf("cut value ends %q", v[max(0, len(v)-80):])
	}
	if len(h["X-Sandbox-Error-Fields"][0]) != len(huge) {
		t.Error("the caller's header map was changed")
	}
	if len(e.Hints) != MaxHints+1 || e.Hints[MaxHints] != "… and 68 more hints" {
		t.Errorf("%d hints, last %q", len(e.Hints), e.Hints[len(e.Hints)-1])
	}
}

func TestPage(t *testing.T) {
	j := New(100, nil)
	for i := range 10 {
		j.Add(Entry{Path: fmt.Sprint("/", i), RequestBody: strings.Repeat("z", 1000)})
	}
	page, more, _ := j.Page(nil, 0, 4, 0)
	if paths(page) != "1:/0 2:/1 3:/2 4:/3 " || !more {
		t.Errorf("first page %s more %v", paths(page), more)
	}
	page, more, _ = j.Page(nil, 4, 4, 0)
	if paths(page) != "5:/4 6:/5 7:/6 8:/7 " || !more {
		t.Errorf("second page %s more %v", paths(page), more)
	}
	page, more, _ = j.Page(nil, 8, 4, 0)
	if paths(page) != "9:/8 10:/9 " || more {
		t.Errorf("last page %s more %v", paths(page), more)
	}
	page, more, _ = j.Page(nil, 0, 0, 2500) // about two entries' bytes
	if len(page) != 1 || !more {
		t.Errorf("byte-bounded page: %s more %v", paths(page), more)
	}
}
