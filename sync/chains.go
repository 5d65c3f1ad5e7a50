package sync

import "strings"

// chains splits one step's changes into chains that run one after the
// other, keeping the plan's order within each: the changes to one
// resource, or to what their gateway kind serialises them by (see
// ChangeRules.ChangeSerialKey: an attachment counts as a change to what
// it attaches to, say), and the creates of routes whose paths nest (one
// path a prefix of the other, segment by segment), which the gateway
// checks against each other for conflicts. Different chains run
// concurrently.
func chains(step []*Change) [][]*Change {
	group := nestedRouteCreates(step)
	idx := map[string]int{}
	var out [][]*Change
	for _, c := range step {
		key, ok := group[c]
		if !ok {
			key = serialKey(c)
		}
		i, ok := idx[key]
		if !ok {
			i = len(out)
			idx[key] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], c)
	}
	return out
}

// serialKey names what a change must not touch concurrently with others.
func serialKey(c *Change) string {
	if k := ownerOf(c); k != nil {
		if key := k.ChangeSerialKey(c); key != "" {
			return key
		}
	}
	return c.Resource
}

// nestedRouteCreates gives each route create of a step the key of its
// group: the route creates joined, directly or through others, by paths
// that nest.
func nestedRouteCreates(step []*Change) map[*Change]string {
	var creates []*Change
	first := map[string]int{} // path -> index of the first create with it
	for _, c := range step {
		if p, ok := createdRoutePath(c); ok {
			if _, seen := first[p]; !seen {
				first[p] = len(creates)
			}
			creates = append(creates, c)
		}
	}
	uf := newUnionFind(len(creates))
	for i, c := range creates {
		p, _ := createdRoutePath(c)
		for _, q := range pathPrefixes(p) {
			if j, ok := first[q]; ok {
				uf.union(i, j)
			}
		}
	}
	out := make(map[*Change]string, len(creates))
	for i, c := range creates {
		root, _ := createdRoutePath(creates[uf.find(i)])
		out[c] = "nested-paths:" + root
	}
	return out
}

// createdRoutePath is the path a route create (or replace) matches on,
// without a trailing slash.
func createdRoutePath(c *Change) (string, bool) {
	rd, ok := c.After.(*RouteDoc)
	if !ok || c.Kind != KindRoute || (c.Action != Create && c.Action != Replace) {
		return "", false
	}
	p := strings.TrimSuffix(rd.Match.Path.Value, "/")
	if p == "" {
		p = "/"
	}
	return p, true
}

// pathPrefixes lists "/" and every segment prefix of p, p included:
// "/a/b" gives "/", "/a", "/a/b".
func pathPrefixes(p string) []string {
	out := []string{"/"}
	for i := 1; i < len(p); i++ {
		if p[i] == '/' {
			out = append(out, p[:i])
		}
	}
	if p != "/" {
		out = append(out, p)
	}
	return out
}

// unionFind joins indexes into groups.
type unionFind []int

func newUnionFind(n int) unionFind {
	uf := make(unionFind, n)
	for i := range uf {
		uf[i] = i
	}
	return uf
}

// find returns the group of i: the smallest index in it.
func (uf unionFind) find(i int) int {
	for uf[i] != i {
		uf[i] = uf[uf[i]]
		i = uf[i]
	}
	return i
}

func (uf unionFind) union(i, j int) {
	a, b := uf.find(i), uf.find(j)
	if a > b {
		a, b = b, a
	}
	uf[b] = a
}
