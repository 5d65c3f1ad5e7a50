package conflicts

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gwsync/gwsync/model"
)

// conds are a route's header and query conditions as patterns, keyed by
// "header:<lowercased name>" or "query:<name>" (header names are
// case-insensitive, query parameter names are not).
type conds map[string][]*pattern

func newConds(m model.Match) conds {
	c := conds{}
	for _, h := range m.Headers {
		k := "header:" + strings.ToLower(h.Name)
		c[k] = append(c[k], newPattern(h.Type, h.Value, false, values))
	}
	for _, q := range m.QueryParams {
		k := "query:" + q.Name
		c[k] = append(c[k], newPattern(q.Type, q.Value, false, values))
	}
	return c
}

// canBothHold reports whether one request can satisfy a's and b's
// conditions: for every header or parameter both constrain, some value
// meets every condition of both on it. It is exact for up to one condition
// per name and side; with more it may answer true where no value exists,
// which keeps a warning rather than hiding an overlap.
func canBothHold(a, b conds, bud *budget) (bool, error) {
	for k, as := range a {
		for _, x := range as {
			for _, y := range b[k] {
				_, ok, err := meet(x, y, bud)
				if err != nil || !ok {
					return false, err
				}
			}
		}
	}
	return true, nil
}

// sameConds reports whether a and b are the same conditions.
func sameConds(a, b conds) bool {
	return slices.Equal(a.keys(), b.keys())
}

// implies reports whether every request satisfying a satisfies b: each
// condition of b is implied by a condition of a on the same name.
func implies(a, b conds, bud *budget) (bool, error) {
	for k, bs := range b {
		for _, y := range bs {
			ok, err := impliedBy(a[k], y, bud)
			if err != nil || !ok {
				return false, err
			}
		}
	}
	return true, nil
}

func impliedBy(xs []*pattern, y *pattern, bud *budget) (bool, error) {
	for _, x := range xs {
		_, covered, err := covers([]*pattern{y}, x, bud)
		if err != nil {
			return false, err
		}
		if covered {
			return true, nil
		}
	}
	return false, nil
}

// keys renders the conditions canonically.
func (c conds) keys() []string {
	var out []string
	for k, ps := range c {
		for _, p := range ps {
			out = append(out, k+"\x00"+p.key)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// describe names the conditions for a message, e.g.
// `header "x-canary" Exact "1"`.
func (c conds) describe() string {
	var parts []string
	for k, ps := range c {
		kind, name, _ := strings.Cut(k, ":")
		for _, p := range ps {
			parts = append(parts, fmt.Sprintf("%s %q %s %q", kind, name, p.typ, p.value))
		}
	}
	slices.Sort(parts)
	return strings.Join(parts, ", ")
}
