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
	// places counts the (environment, domain) groups it is served in.
	places int
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
				e.places++
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
	// open holds the entries that are not Exact, those an entry below
	// this node is compared with, once the node holds an Exact entry too;
	// until then they are entries.
	open *[]*entry
}

// noneOpen is the open entries of a node that holds only Exact ones so
// far, shared and never appended to.
var noneOpen []*entry

// openEntries returns the entries an entry below t is compared with.
func (t *trie) openEntries() []*entry {
	if t.open == nil {
		return t.entries
	}
	return *t.open
}

// newTrie indexes a group's entries.
func newTrie(group []*entry) *trie {
	root := &trie{}
	for _, e := range group {
		root.insert(e)
	}
	return root
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
	n.add(e)
}

// add puts e at node t, keeping the open entries apart once an Exact one
// is there: entries below need not walk past Exact ones, however many.
func (t *trie) add(e *entry) {
	exact := e.path.typ == model.PathExact
	switch {
	case exact && t.open == nil && len(t.entries) == 0:
		t.open = &noneOpen
	case exact && t.open == nil:
		open := slices.Clone(t.entries)
		t.open = &open
	case !exact && t.open == &noneOpen:
		open := []*entry{e}
		t.open = &open
	case !exact && t.open != nil:
		*t.open = append(*t.open, e)
	}
	t.entries = append(t.entries, e)
}

// candidates calls f for every pair of entries in the group that may match
// a common path, each pair once, until f returns false: each entry meets
// the entries at the strict ancestors of its node, and the earlier entries
// at its own node. It returns how many pairs it left out (the one f
// refused among them).
func candidates(group []*entry, f func(a, b *entry) bool) (left int) {
	root := newTrie(group)
	done := 0
	for _, e := range group {
		met, ok := root.visit(e, f)
		done += met
		if !ok {
			return root.pairs(0) - done
		}
	}
	return 0
}

// candidateCount is how many pairs candidates offers for a group, counted
// without offering them.
func candidateCount(group []*entry) int {
	return newTrie(group).pairs(0)
}

// pairs counts the pairs visit offers for the entries at t and below,
// where above is the count of entries that are not Exact at t's strict
// ancestors: each entry at t meets those and the earlier entries at t.
func (t *trie) pairs(above int) int {
	k := len(t.entries)
	n := k*above + k*(k-1)/2
	for _, kid := range t.kids {
		n += kid.pairs(above + len(t.openEntries()))
	}
	return n
}

// visit calls f(x, e) for the entries on the way to e's node, until f
// returns false; it returns how many calls returned true, and whether all
// did.
func (t *trie) visit(e *entry, f func(a, b *entry) bool) (met int, ok bool) {
	n := t
	for i := 0; i < len(e.path.lit) && n != nil; i++ {
		// An Exact path shorter than e's literal cannot match a path that
		// starts with it: only the open entries are compared.
		for _, x := range n.openEntries() {
			if !f(x, e) {
				return met, false
			}
			met++
		}
		n = n.kids[e.path.lit[i]]
	}
	if n == nil {
		return met, true
	}
	for _, x := range n.entries {
		if x == e {
			break
		}
		if !f(x, e) {
			return met, false
		}
		met++
	}
	return met, true
}
