package sync

import (
	"cmp"
	"slices"
)

// Order is a gateway kind's order table: the steps apply starts its
// changes in (a table, not a graph search; see each kind's for why), and
// the rank that breaks ties inside a step.
type Order struct {
	// Steps maps each change a plan makes, by action and resource kind,
	// to its step.
	Steps []Step
	// Rank orders resource kinds inside a step and among notes, in the
	// order the kind declares them.
	Rank map[Kind]int
}

// Step is one row of an order table: changes of Action on any of Kinds
// run in step N.
type Step struct {
	Action Action
	Kinds  []Kind
	N      int
}

// StepOf returns the step a change of action a and resource kind k runs
// in, or 0 if no such change exists.
func (o *Order) StepOf(a Action, k Kind) int {
	for _, s := range o.Steps {
		if s.Action == a && slices.Contains(s.Kinds, k) {
			return s.N
		}
	}
	return 0
}

// Sort puts a plan's changes in step order, breaking ties by resource
// kind, API, name and resource, so a plan reads the same every time; and
// its notes by resource kind, then resource.
func (o *Order) Sort(p *Plan) {
	for _, c := range p.Changes {
		c.Step = o.StepOf(c.Action, c.Kind)
	}
	slices.SortStableFunc(p.Changes, func(a, b *Change) int {
		return cmp.Or(cmp.Compare(a.Step, b.Step), cmp.Compare(o.Rank[a.Kind], o.Rank[b.Kind]),
			cmp.Compare(a.API, b.API), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Resource, b.Resource))
	})
	slices.SortFunc(p.Notes, func(a, b Note) int {
		return cmp.Or(cmp.Compare(o.Rank[a.Kind], o.Rank[b.Kind]), cmp.Compare(a.Resource, b.Resource))
	})
}
