package match

import (
	"bytes"
	"encoding/json"

	"github.com/flashcart/flashcart/scenarios/internal/jsonnode"
	"go.yaml.in/yaml/v3"
)

// Update rewrites the expectation src in place so that it accepts actual
// (a JSON value as a YAML node, in document order), keeping every part
// that still matches: matchers and templates that hold stay as they are,
// literals that differ take the actual value, keys are added or removed.
// With partial, no key is added to an object. It reports whether src
// changed.
func Update(src, actual *yaml.Node, resolve Resolver, partial bool) (bool, error) {
	exp, err := Parse(src)
	if err != nil {
		return false, err
	}
	if _, problems := exp.Match(value(actual), resolve, partial, ""); len(problems) == 0 {
		return false, nil
	}
	switch {
	case exp.kind == object && src.Kind == yaml.MappingNode && actual.Kind == yaml.MappingNode:
		return true, updateObject(src, actual, resolve, partial)
	case exp.kind == array && src.Kind == yaml.SequenceNode && actual.Kind == yaml.SequenceNode:
		return true, updateArray(src, actual, resolve, partial)
	}
	Replace(src, jsonnode.Escaped(actual))
	return true, nil
}

func updateObject(src, actual *yaml.Node, resolve Resolver, partial bool) error {
	got := map[string]*yaml.Node{}
	for i := 0; i+1 < len(actual.Content); i += 2 {
		got[actual.Content[i].Value] = actual.Content[i+1]
	}
	kept := src.Content[:0:0]
	listed := map[string]bool{}
	for i := 0; i+1 < len(src.Content); i += 2 {
		k, v := src.Content[i], src.Content[i+1]
		listed[k.Value] = true
		a, present := got[k.Value]
		m, err := Parse(v)
		if err != nil {
			return err
		}
		switch {
		case !present && m.IsAbsent():
		case !present:
			continue // the key is gone
		case m.IsAbsent():
			Replace(v, jsonnode.Escaped(a))
		default:
			if _, err := Update(v, a, resolve, partial); err != nil {
				return err
			}
		}
		kept = append(kept, k, v)
	}
	if !partial {
		for i := 0; i+1 < len(actual.Content); i += 2 {
			if k := actual.Content[i]; !listed[k.Value] {
				kept = append(kept, jsonnode.String(k.Value), jsonnode.Escaped(actual.Content[i+1]))
			}
		}
	}
	src.Content = kept
	return nil
}

func updateArray(src, actual *yaml.Node, resolve Resolver, partial bool) error {
	for i, a := range actual.Content {
		if i >= len(src.Content) {
			src.Content = append(src.Content, jsonnode.Escaped(a))
			continue
		}
		if _, err := Update(src.Content[i], a, resolve, partial); err != nil {
			return err
		}
	}
	src.Content = src.Content[:len(actual.Content)]
	return nil
}

// Replace puts with in the place of n, keeping n's comments.
func Replace(n, with *yaml.Node) {
	head, line, foot := n.HeadComment, n.LineComment, n.FootComment
	*n = *with
	n.HeadComment, n.LineComment, n.FootComment = head, line, foot
}

// value decodes a JSON node as encoding/json would, numbers as json.Number.
func value(n *yaml.Node) any {
	b, err := jsonnode.ToJSON(n, nil)
	if err != nil {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	_ = dec.Decode(&v)
	return v
}
