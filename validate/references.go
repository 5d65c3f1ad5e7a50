package validate

import (
	"fmt"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// Names is the set of declared names of one resource type, against which
// references to it are checked.
type Names struct {
	kind  string // "environment", "domain", ...
	field string // top-level field they are declared in
	set   map[string]bool
	list  []string
}

// NewNames collects the names of items, resources of type kind (e.g.
// "domain") declared in field (e.g. "domains", as findings name it).
func NewNames[T any](kind, field string, items []T, name func(T) string) Names {
	n := Names{kind: kind, field: field, set: make(map[string]bool, len(items))}
	for _, it := range items {
		n.set[name(it)] = true
		n.list = append(n.list, name(it))
	}
	return n
}

// Refer checks ref, which resource makes to one of n as what (e.g.
// "backend service"), and appends a reference finding to out if it names
// nothing declared.
func (n Names) Refer(ref model.Ref, resource, what string, out *[]diag.Finding) {
	if n.set[ref.Name] {
		return
	}
	msg := fmt.Sprintf("%s %q is not declared in %s; %s", what, ref.Name, n.field, Suggest(ref.Name, n.list, "declare it or use "))
	*out = append(*out, diag.Errorf(diag.RuleReference, resource, ref.Pos, msg))
}
