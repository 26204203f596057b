package form

import (
	"strconv"
	"strings"
)

// RowKind is what a row of the form shows.
type RowKind int

// The kinds of row.
const (
	// RowField is a Text, Number or Bool field.
	RowField RowKind = iota
	// RowObject heads an object's fields.
	RowObject
	// RowList heads a list.
	RowList
	// RowItem heads one element of a list.
	RowItem
	// RowAdd adds an element to a list.
	RowAdd
)

// Row is one line of the form.
type Row struct {
	Kind RowKind
	// Path names the row as the validator names fields: "currency",
	// "products", "products[0]", "products[0].subscription.period". A
	// RowAdd has its list's path.
	Path  string
	Depth int
	// Node is the field, object, list or item; for RowAdd, the list.
	Node *Node
	// List and Index locate an item (RowItem and the rows inside it) in
	// its innermost list; List is nil outside lists.
	List  *Node
	Index int
}

// Rows lists the rows of the document, leaving out what is inside folded
// objects, lists and items.
func (d *Doc) Rows() []Row {
	var rows []Row
	appendFields(&rows, d.Root, "", 0, nil, 0)
	return rows
}

func appendFields(rows *[]Row, obj *Node, path string, depth int, list *Node, index int) {
	for _, n := range obj.Fields {
		p := join(path, n.Field.Key)
		switch n.Field.Kind {
		case Object:
			*rows = append(*rows, Row{Kind: RowObject, Path: p, Depth: depth, Node: n, List: list, Index: index})
			if !n.Folded {
				appendFields(rows, n, p, depth+1, list, index)
			}
		case List:
			*rows = append(*rows, Row{Kind: RowList, Path: p, Depth: depth, Node: n, List: list, Index: index})
			if n.Folded {
				continue
			}
			for i, it := range n.Items {
				ip := p + "[" + strconv.Itoa(i) + "]"
				*rows = append(*rows, Row{Kind: RowItem, Path: ip, Depth: depth + 1, Node: it, List: n, Index: i})
				if !it.Folded {
					appendFields(rows, it, ip, depth+2, n, i)
				}
			}
			*rows = append(*rows, Row{Kind: RowAdd, Path: p, Depth: depth + 1, Node: n, List: list, Index: index})
		default:
			*rows = append(*rows, Row{Kind: RowField, Path: p, Depth: depth, Node: n, List: list, Index: index})
		}
	}
}

// Unfold opens every object, list and item on the way to path, so that
// its row is listed. It reports whether the path names something in the
// document.
func (d *Doc) Unfold(path string) bool {
	n := d.Root
	for _, part := range strings.Split(path, ".") {
		key, idx, hasIdx := splitIndex(part)
		n = n.Child(key)
		if n == nil {
			return false
		}
		if hasIdx {
			if n.Field.Kind != List || idx < 0 || idx >= len(n.Items) {
				return false
			}
			n.Folded = false
			n = n.Items[idx]
		}
		n.Folded = false
	}
	return true
}

// splitIndex splits "products[2]" into "products", 2.
func splitIndex(part string) (key string, idx int, ok bool) {
	open := strings.IndexByte(part, '[')
	if open < 0 || !strings.HasSuffix(part, "]") {
		return part, 0, false
	}
	i, err := strconv.Atoi(part[open+1 : len(part)-1])
	if err != nil {
		return part, 0, false
	}
	return part[:open], i, true
}

// Nearest returns the index of the row that best shows path: the row of
// that path or, failing that, of its closest enclosing object, item or
// list; -1 when none matches (the error concerns the whole request).
func Nearest(rows []Row, path string) int {
	for p := path; p != ""; p = parent(p) {
		for i, r := range rows {
			if r.Path == p && r.Kind != RowAdd {
				return i
			}
		}
	}
	return -1
}

// parent returns the path one level up: "a.b[1].c" → "a.b[1]" → "a.b" → "a".
func parent(p string) string {
	if strings.HasSuffix(p, "]") {
		return p[:strings.LastIndexByte(p, '[')]
	}
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[:i]
	}
	return ""
}

// Within reports whether path is row path p or lies under it.
func Within(path, p string) bool {
	return path == p || strings.HasPrefix(path, p+".") || strings.HasPrefix(path, p+"[")
}
