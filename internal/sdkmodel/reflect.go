package sdkmodel

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"strings"
)

var (
	unmarshaler = reflect.TypeFor[json.Unmarshaler]()
	wrapper     = reflect.TypeFor[Wrapper]()
)

// Wrapper is a type that decodes itself into the type it names, such as a
// provider's wrapper that keeps an answer's raw bytes beside its decoded
// form: FromType sees through it.
type Wrapper interface {
	WireType() reflect.Type
}

// FromType is the shape of an SDK model given as a Go type (Huawei
// Cloud's SDK models are Go structs with json tags). Named structs become
// models in m, referred to by name, so recursive models end. Huawei's
// enumerations (a struct holding one unexported value) are their value's
// kind; a time the SDK decodes itself (sdktime.SdkTime) is a string;
// another type that decodes itself is Any.
func (m Models) FromType(t reflect.Type) *Shape {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		return m.fromStruct(t)
	case reflect.Slice, reflect.Array:
		return &Shape{Kind: Array, Elem: m.FromType(t.Elem())}
	case reflect.Map:
		return &Shape{Kind: Map, Elem: m.FromType(t.Elem())}
	case reflect.String:
		return &Shape{Kind: String}
	case reflect.Bool:
		return &Shape{Kind: Boolean}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return &Shape{Kind: Integer}
	case reflect.Float32, reflect.Float64:
		return &Shape{Kind: Number}
	}
	return &Shape{Kind: Any}
}

func (m Models) fromStruct(t reflect.Type) *Shape {
	if reflect.PointerTo(t).Implements(wrapper) {
		return m.FromType(reflect.New(t).Interface().(Wrapper).WireType())
	}
	if v, ok := enumValue(t); ok {
		return m.FromType(v.Type)
	}
	if reflect.PointerTo(t).Implements(unmarshaler) {
		if strings.Contains(t.Name(), "Time") {
			return &Shape{Kind: String}
		}
		return &Shape{Kind: Any}
	}
	name := t.Name()
	if name == "" {
		return m.fields(t)
	}
	if _, seen := m[name]; !seen {
		m[name] = &Shape{Kind: Object} // a placeholder while the fields are made
		m[name] = m.fields(t)
	}
	return &Shape{Ref: name}
}

// fields is an object shape of t's exported fields with json names.
func (m Models) fields(t reflect.Type) *Shape {
	s := &Shape{Kind: Object, Fields: map[string]*Shape{}}
	for f := range t.Fields() {
		if f.Anonymous && f.Tag.Get("json") == "" && f.Type.Kind() == reflect.Struct {
			maps.Copy(s.Fields, m.fields(f.Type).Fields) // promoted fields
			continue
		}
		name, ok := jsonName(f)
		if !ok {
			continue
		}
		s.Fields[name] = m.FromType(f.Type)
	}
	return s
}

// jsonName is the wire name of a struct field, false for one not sent.
func jsonName(f reflect.StructField) (string, bool) {
	if !f.IsExported() {
		return "", false
	}
	tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	switch tag {
	case "-":
		return "", false
	case "":
		return f.Name, true
	}
	return tag, true
}

// enumValue finds the one unexported value field of a Huawei enumeration.
func enumValue(t reflect.Type) (reflect.StructField, bool) {
	if t.NumField() != 1 {
		return reflect.StructField{}, false
	}
	f := t.Field(0)
	return f, f.Name == "value" && reflect.PointerTo(t).Implements(unmarshaler)
}

// Covers holds a Go type that decodes an answer (a provider's wire type)
// to the SDK's model s: every key t reads must be one the model has, with a
// type that fits, recursively. root names the answer in the violations'
// paths.
func (m Models) Covers(s *Shape, t reflect.Type, root string) []Violation {
	ours := Models{}
	return m.covers(s, ours, ours.FromType(t), root, "")
}

func (m Models) covers(s *Shape, ours Models, o *Shape, path, owner string) []Violation {
	s, model := m.resolve(s)
	o, _ = ours.resolve(o)
	if s == nil || o == nil || s.Kind == Any || o.Kind == Any {
		return nil
	}
	if model == "" {
		model = owner
	}
	if !fits(o.Kind, s.Kind) && (o.Kind != Map || s.Kind != Object) {
		return []Violation{{path, fmt.Sprintf("is read as %s; the SDK's model%s says %s", o.Kind, named(model), s.Kind)}}
	}
	switch {
	case o.Kind == Object && s.Kind == Object:
		return m.coversFields(s, ours, o, path, model)
	case o.Kind == Array, o.Kind == Map && s.Kind == Map:
		return m.covers(s.Elem, ours, o.Elem, path+"[]", "")
	}
	return nil
}

func (m Models) coversFields(s *Shape, ours Models, o *Shape, path, model string) []Violation {
	var out []Violation
	for _, k := range o.keys() {
		f, ok := s.Fields[k]
		if !ok {
			out = append(out, Violation{join(path, k), fmt.Sprintf("is read, but the SDK's model%s has no such key (it has %s)", named(model), list(s.keys()))})
			continue
		}
		out = append(out, m.covers(f, ours, o.Fields[k], join(path, k), model)...)
	}
	return out
}
