package events

import "strings"

// path is a property path split for lookups: the top-level field it
// starts from and the keys it then walks through nested objects. A bare
// name ("revenue", "dependency.name") starts from properties; the
// message's own fields and context, traits and properties start from
// themselves (see topLevel).
type path struct {
	root  field
	parts []string
}

func splitPath(p string) path {
	parts := strings.Split(p, ".")
	if !topLevel(p) {
		return path{root: fProperties, parts: parts}
	}
	root := fNone
	for f, name := range fieldNames {
		if name == parts[0] {
			root = field(f)
		}
	}
	return path{root: root, parts: parts[1:]}
}

// plan is the paths one event's rollups read, as a tree of keys under
// each root field, so that one walk of each root object finds them all.
type plan struct {
	roots [nFields]*node
	paths []string // by index
}

// node is one key of the tree: the paths that end at it and those that
// go on below it.
type node struct {
	key  string
	kids []*node
	ends []int // paths that end here
	all  []int // paths that end here or below
}

// add returns the index of path p in the plan, adding it when new.
func (pl *plan) add(p string) int {
	for i, q := range pl.paths {
		if q == p {
			return i
		}
	}
	sp := splitPath(p)
	i := len(pl.paths)
	pl.paths = append(pl.paths, p)
	if sp.root == fNone {
		return i // a top-level name no field matches: always missing
	}
	n := pl.roots[sp.root]
	if n == nil {
		n = &node{}
		pl.roots[sp.root] = n
	}
	n.all = append(n.all, i)
	for _, part := range sp.parts {
		n = n.kid(part)
		n.all = append(n.all, i)
	}
	n.ends = append(n.ends, i)
	return i
}

func (n *node) kid(key string) *node {
	if k := n.find([]byte(key)); k != nil {
		return k
	}
	k := &node{key: key}
	n.kids = append(n.kids, k)
	return k
}

// find returns the kid of n for key, or nil; n may be nil.
func (n *node) find(key []byte) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.key == string(key) {
			return k
		}
	}
	return nil
}

// messageFields are the message's own fields that a bare property path
// means; any other bare name means properties.<name>.
var messageFields = map[string]bool{"userId": true, "anonymousId": true, "messageId": true, "type": true}

// topLevel reports whether a dotted path addresses the message itself
// (userId, context.os.name) rather than properties (revenue, plan).
func topLevel(path string) bool {
	first, _, _ := strings.Cut(path, ".")
	return messageFields[first] || first == "context" || first == "traits" || first == "properties"
}
