package conflicts

import (
	"cmp"
	"slices"

	"github.com/gwsync/gwsync/model"
)

// entry is one route as the overlap analysis sees it.
type entry struct {
	idx     int
	route   *model.Route
	path    *pattern
	methods methodSet
	conds   conds
}

// rank orders path types by precedence: Exact before Prefix before Regex.
func (e *entry) rank() int {
	switch e.path.typ {
	case model.PathExact:
		return 3
	case model.PathPrefix:
		return 2
	}
	return 1
}

// outranks reports whether a request both e and f match goes to e: Exact
// before Prefix, longer Prefix before shorter, Prefix before Regex. A
// Prefix is as long as its value has characters (code points), as written.
func (e *entry) outranks(f *entry) bool {
	if e.rank() != f.rank() {
		return e.rank() > f.rank()
	}
	return e.path.typ == model.PathPrefix && e.path.chars > f.path.chars
}

// groupKey is where routes can meet: one domain in one environment.
type groupKey struct{ env, domain string }

// groups returns the entries of each (environment, domain), in a stable
// order.
func groups(entries []*entry) ([]groupKey, map[groupKey][]*entry) {
	m := map[groupKey][]*entry{}
	for _, e := range entries {
		for _, d := range e.route.Domains {
			k := groupKey{e.route.Environment.Name, d.Name}
			if g := m[k]; len(g) == 0 || g[len(g)-1] != e {
				m[k] = append(m[k], e)
			}
		}
	}
	keys := make([]groupKey, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b groupKey) int { return cmp.Or(cmp.Compare(a.env, b.env), cmp.Compare(a.domain, b.domain)) })
	return keys, m
}

// trie indexes a group's entries by their literal prefix, case folded
// (foldKey). Two routes can only match a common path if one literal prefix
// is a prefix of the other, so each entry is compared only with the
// entries on the way to its own node.
type trie struct {
	kids    map[byte]*trie
	entries []*entry
}

func (t *trie) insert(e *entry) {
	n := t
	for i := 0; i < len(e.path.lit); i++ {
		if n.kids == nil {
			n.kids = map[byte]*trie{}
		}
		next, ok := n.kids[e.path.lit[i]]
		if !ok {
			next = &trie{}
			n.kids[e.path.lit[i]] = next
		}
		n = next
	}
	n.entries = append(n.entries, e)
}

// candidates calls f for every pair of entries in the group that may match
// a common path, each pair once: each entry meets the entries at the
// strict ancestors of its node, and the earlier entries at its own node.
func candidates(group []*entry, f func(a, b *entry)) {
	root := &trie{}
	for _, e := range group {
		root.insert(e)
	}
	for _, e := range group {
		root.visit(e, f)
	}
}

// visit calls f(x, e) for the entries on the way to e's node.
func (t *trie) visit(e *entry, f func(a, b *entry)) {
	n := t
	for i := 0; i < len(e.path.lit) && n != nil; i++ {
		for _, x := range n.entries {
			// An Exact path shorter than e's literal cannot match a path
			// that starts with it.
			if x.path.typ != model.PathExact {
				f(x, e)
			}
		}
		n = n.kids[e.path.lit[i]]
	}
	if n == nil {
		return
	}
	for _, x := range n.entries {
		if x == e {
			return
		}
		f(x, e)
	}
}
