package schema

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Validator checks documents against a JSON Schema that uses only the
// keywords CUE's generator emits for #Desired, without the general
// validator's cost: on 10,000 routes the general one spends most of its
// time building keyword locations for values that are fine. It compiles
// from the same generated schema, refuses any keyword it does not know, and
// phrases violations as Check does (a test holds the two to the same
// verdicts).
type Validator struct{ root *vnode }

// vnode is one compiled schema object.
type vnode struct {
	ref        *vnode
	refName    string
	types      []string
	enum       []any
	hasConst   bool
	constVal   any
	not        *vnode
	props      map[string]*vnode
	allowed    []string // property names, sorted, for messages
	required   []string
	additional *vnode
	closed     bool
	items      *vnode
	allOf      []*vnode
	anyOf      []*vnode
	// ifN, thenN and elseN are if, then and else: the desired state's
	// root picks its provider's shape with them.
	ifN, thenN, elseN *vnode
	pattern           *regexp.Regexp
	description       string
	minimum           *float64
	maximum           *float64
	exclMinimum       *float64
}

var desiredValidators = sync.OnceValues(func() (map[string]*Validator, error) {
	raw, err := checkedSchema()
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, err
	}
	vc := &vcompiler{doc: doc, defs: map[string]*vnode{}}
	root, err := vc.compile(doc)
	if err != nil {
		return nil, err
	}
	route, err := vc.def("Route")
	if err != nil {
		return nil, err
	}
	return map[string]*Validator{"": {root}, "Route": {route}}, nil
})

// DesiredValidator returns the fast validator of a whole desired state.
func DesiredValidator() (*Validator, error) {
	m, err := desiredValidators()
	return m[""], err
}

// RouteValidator returns the fast validator of one route (#Route).
func RouteValidator() (*Validator, error) {
	m, err := desiredValidators()
	return m["Route"], err
}

// Check validates v (plain JSON values) and returns its violations, or nil.
func (val *Validator) Check(v any) []Violation {
	var out []Violation
	val.root.validate(v, make([]string, 0, 16), &out)
	return dropImplied(out)
}

// vcompiler compiles schema objects, resolving "#/$defs/<name>" references.
type vcompiler struct {
	doc  map[string]any
	defs map[string]*vnode
}

// keywords are the keywords the fast validator implements; annotations are
// accepted and ignored.
var keywords = map[string]bool{
	"$ref": true, "type": true, "enum": true, "const": true, "not": true, "properties": true,
	"required": true, "additionalProperties": true, "items": true, "allOf": true, "anyOf": true, "pattern": true,
	"minimum": true, "maximum": true, "exclusiveMinimum": true, "if": true, "then": true, "else": true,
	"description": true, "title": true, "$schema": true, "$id": true, "$defs": true,
}

func (vc *vcompiler) def(name string) (*vnode, error) {
	if n, ok := vc.defs[name]; ok {
		return n, nil
	}
	defs, _ := vc.doc["$defs"].(map[string]any)
	obj, ok := defs[name].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("schema: no definition %q", name)
	}
	n := &vnode{}
	vc.defs[name] = n // placed before compiling, for recursive references
	return n, vc.fill(n, obj)
}

func (vc *vcompiler) compile(obj map[string]any) (*vnode, error) {
	n := &vnode{}
	return n, vc.fill(n, obj)
}

func (vc *vcompiler) fill(n *vnode, obj map[string]any) error {
	for k := range obj {
		if !keywords[k] {
			return fmt.Errorf("schema: keyword %q is not supported by the fast validator; extend schema/fast.go", k)
		}
	}
	n.description, _ = obj["description"].(string)
	if err := vc.fillRef(n, obj); err != nil {
		return err
	}
	n.types = typeList(obj["type"])
	n.enum, _ = obj["enum"].([]any)
	n.constVal, n.hasConst = obj["const"]
	n.minimum, n.maximum, n.exclMinimum = number(obj["minimum"]), number(obj["maximum"]), number(obj["exclusiveMinimum"])
	if p, ok := obj["pattern"].(string); ok {
		re, err := regexp.Compile(p)
		if err != nil {
			return fmt.Errorf("schema: pattern %q: %w", p, err)
		}
		n.pattern = re
	}
	return vc.fillChildren(n, obj)
}

func (vc *vcompiler) fillRef(n *vnode, obj map[string]any) error {
	ref, ok := obj["$ref"].(string)
	if !ok {
		return nil
	}
	name, ok := strings.CutPrefix(ref, "#/$defs/")
	if !ok {
		return fmt.Errorf("schema: reference %q is not to a local definition", ref)
	}
	target, err := vc.def(name)
	n.ref, n.refName = target, name
	return err
}

func (vc *vcompiler) fillChildren(n *vnode, obj map[string]any) error {
	var err error
	sub := func(v any) *vnode {
		m, ok := v.(map[string]any)
		if !ok || err != nil {
			return nil
		}
		var c *vnode
		c, err = vc.compile(m)
		return c
	}
	n.not, n.items = sub(obj["not"]), sub(obj["items"])
	n.ifN, n.thenN, n.elseN = sub(obj["if"]), sub(obj["then"]), sub(obj["else"])
	switch a := obj["additionalProperties"].(type) {
	case bool:
		n.closed = !a
	case map[string]any:
		n.additional = sub(a)
	}
	if props, ok := obj["properties"].(map[string]any); ok {
		n.props = map[string]*vnode{}
		for k, v := range props {
			n.props[k] = sub(v)
			n.allowed = append(n.allowed, k)
		}
		slices.Sort(n.allowed)
	}
	for _, r := range asList(obj["required"]) {
		n.required = append(n.required, fmt.Sprint(r))
	}
	for _, a := range asList(obj["allOf"]) {
		n.allOf = append(n.allOf, sub(a))
	}
	for _, a := range asList(obj["anyOf"]) {
		n.anyOf = append(n.anyOf, sub(a))
	}
	return err
}

func typeList(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, x := range t {
			out = append(out, fmt.Sprint(x))
		}
		return out
	}
	return nil
}

func number(v any) *float64 {
	if f, ok := v.(float64); ok {
		return &f
	}
	return nil
}

func asList(v any) []any { l, _ := v.([]any); return l }

// validate checks v at path, appending violations to out.
func (n *vnode) validate(v any, path []string, out *[]Violation) {
	if n.ref != nil {
		n.ref.validate(v, path, out)
	}
	if len(n.types) > 0 && !slices.ContainsFunc(n.types, func(t string) bool { return hasType(v, t) }) {
		n.report(out, path, fmt.Sprintf("must be %s, but got %s", strings.Join(n.types, " or "), typeName(v)))
		return
	}
	n.validateValue(v, path, out)
	for _, a := range n.allOf {
		a.validate(v, path, out)
	}
	n.validateAnyOf(v, path, out)
	n.validateCond(v, path, out)
}

// validateAnyOf reports nothing when some branch accepts v, and otherwise
// the violations of the branch that came closest (fewest violations, the
// first of equals) among the branches for v's type, or, when every branch
// wants another type, which types would do, as Check does.
func (n *vnode) validateAnyOf(v any, path []string, out *[]Violation) {
	var best []Violation
	var types []string
	found := false
	for _, b := range n.anyOf {
		var vs []Violation
		b.validate(v, path, &vs)
		if len(vs) == 0 {
			return
		}
		if want, ok := wrongTypeOnly(vs, pointer(path)); ok {
			types = append(types, want)
			continue
		}
		if !found || len(vs) < len(best) {
			best, found = vs, true
		}
	}
	if !found && len(types) > 0 {
		n.report(out, path, fmt.Sprintf("must be %s, but got %s", strings.Join(types, " or "), typeName(v)))
		return
	}
	*out = append(*out, best...)
}

// wrongTypeOnly reports whether a branch's violations are only that the
// value at ptr is not of the branch's type, and which type it wanted.
func wrongTypeOnly(vs []Violation, ptr string) (string, bool) {
	if len(vs) != 1 || vs[0].Pointer != ptr {
		return "", false
	}
	rest, ok := strings.CutPrefix(vs[0].Message, "must be ")
	want, _, ok2 := strings.Cut(rest, ", but got ")
	return want, ok && ok2
}

// validateCond applies then when v satisfies if, else otherwise.
func (n *vnode) validateCond(v any, path []string, out *[]Violation) {
	switch {
	case n.ifN == nil:
	case n.ifN.accepts(v):
		if n.thenN != nil {
			n.thenN.validate(v, path, out)
		}
	case n.elseN != nil:
		n.elseN.validate(v, path, out)
	}
}

func (n *vnode) validateValue(v any, path []string, out *[]Violation) {
	if n.hasConst && !jsonEqual(v, n.constVal) {
		n.report(out, path, "must be "+jsonText(n.constVal))
	}
	if len(n.enum) > 0 && !slices.ContainsFunc(n.enum, func(e any) bool { return jsonEqual(v, e) }) {
		n.report(out, path, "must be one of "+enumText(n.enum))
	}
	if n.not != nil && n.not.accepts(v) {
		n.report(out, path, "must not be empty")
	}
	switch x := v.(type) {
	case string:
		if n.pattern != nil && !n.pattern.MatchString(x) {
			n.report(out, path, "is not in the expected form: "+n.describe())
		}
	case map[string]any:
		n.validateObject(x, path, out)
	case []any:
		if n.items != nil {
			for i, e := range x {
				n.items.validate(e, append(path, strconv.Itoa(i)), out)
			}
		}
	default:
		if f, ok := asFloat(v); ok {
			n.validateNumber(f, path, out)
		}
	}
}

func (n *vnode) validateNumber(f float64, path []string, out *[]Violation) {
	switch {
	case n.minimum != nil && f < *n.minimum:
		n.report(out, path, fmt.Sprintf("must be >= %v but found %v", *n.minimum, f))
	case n.maximum != nil && f > *n.maximum:
		n.report(out, path, fmt.Sprintf("must be <= %v but found %v", *n.maximum, f))
	case n.exclMinimum != nil && f <= *n.exclMinimum:
		n.report(out, path, fmt.Sprintf("must be > %v but found %v", *n.exclMinimum, f))
	}
}

func (n *vnode) validateObject(m map[string]any, path []string, out *[]Violation) {
	var missing []string
	for _, r := range n.required {
		if _, ok := m[r]; !ok {
			missing = append(missing, r)
		}
	}
	switch len(missing) {
	case 0:
	case 1:
		n.report(out, path, fmt.Sprintf("missing required field %q", missing[0]))
	default:
		n.report(out, path, "missing required fields "+strings.Join(quoteAll(missing), ", "))
	}
	for _, k := range sortedKeys(m) {
		p := append(path, k)
		switch c, ok := n.props[k]; {
		case ok:
			c.validate(m[k], p, out)
		case n.additional != nil:
			n.additional.validate(m[k], p, out)
		case n.closed:
			n.report(out, p, fmt.Sprintf("unknown field %q; %s", k, n.allowedHint()))
		}
	}
}

func (n *vnode) allowedHint() string {
	if len(n.allowed) == 0 {
		return "remove it"
	}
	return "allowed fields here: " + strings.Join(n.allowed, ", ")
}

// accepts reports whether v satisfies the node (for not).
func (n *vnode) accepts(v any) bool {
	var out []Violation
	n.validate(v, nil, &out)
	return len(out) == 0
}

func (n *vnode) describe() string {
	if n.description != "" {
		return strings.Join(strings.Fields(n.description), " ")
	}
	return "pattern " + n.pattern.String()
}

func (n *vnode) report(out *[]Violation, path []string, msg string) {
	*out = append(*out, Violation{Pointer: pointer(path), Message: msg})
}

// pointer is the JSON pointer of path.
func pointer(path []string) string {
	var b strings.Builder
	for _, p := range path {
		b.WriteByte('/')
		b.WriteString(escapeToken(p))
	}
	return b.String()
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func hasType(v any, t string) bool {
	switch t {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "null":
		return v == nil
	case "number":
		_, ok := asFloat(v)
		return ok
	case "integer":
		f, ok := asFloat(v)
		return ok && f == math.Trunc(f)
	}
	return false
}

func typeName(v any) string {
	switch v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case bool:
		return "boolean"
	case nil:
		return "null"
	}
	return "number"
}

func asFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	case int:
		return float64(x), true
	}
	return 0, false
}

// jsonEqual compares two plain JSON values, numbers by value.
func jsonEqual(a, b any) bool {
	if fa, ok := asFloat(a); ok {
		fb, ok := asFloat(b)
		return ok && fa == fb
	}
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			if w, ok := y[k]; !ok || !jsonEqual(v, w) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		return ok && slices.EqualFunc(x, y, jsonEqual)
	}
	return a == b
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func enumText(vs []any) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = jsonText(v)
	}
	return strings.Join(parts, ", ")
}
