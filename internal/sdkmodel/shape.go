// Package sdkmodel holds what the official cloud SDKs say about the wire, as
// data: the JSON shape of each request and response model, and for each
// operation its method, path and which parameters go in the query and which
// in the body. It checks JSON documents and requests against them, so the
// conformance tests can hold the providers and the emulators to the real
// APIs instead of to notes both were written from.
//
// Alibaba Cloud's facts are extracted from the SDK's source by
// cmd/apigfacts and embedded (see [APIG]); Huawei Cloud's models are Go
// types in a module gwsync already depends on, turned into shapes by
// [Models.FromType].
package sdkmodel

import "sort"

// Kind is the JSON type a model field has.
type Kind string

// The kinds of JSON value a model declares.
const (
	Object  Kind = "object"  // a model struct: only its fields' keys
	Array   Kind = "array"   // a list of Elem
	Map     Kind = "map"     // an object with any keys, values Elem
	String  Kind = "string"  // a string
	Integer Kind = "integer" // a number without a fraction or exponent
	Number  Kind = "number"  // any number
	Boolean Kind = "boolean" // true or false
	Any     Kind = "any"     // anything (interface{} in the model)
)

// Shape is the type of one JSON value as an SDK model declares it. A
// shape that names a model by Ref stands for that model's shape.
type Shape struct {
	Kind Kind `json:"kind,omitempty"`
	// Ref names a model in the Models the shape is checked with.
	Ref string `json:"ref,omitempty"`
	// Fields are an Object's keys.
	Fields map[string]*Shape `json:"fields,omitempty"`
	// Elem is the element of an Array and the value of a Map.
	Elem *Shape `json:"elem,omitempty"`
	// Enum lists the values an enumeration allows (Huawei's enum types),
	// as their JSON text; empty when any value of Kind is allowed.
	Enum []string `json:"enum,omitempty"`
}

// Models are the named model shapes that Ref points to.
type Models map[string]*Shape

// resolve follows s's Ref, if any, and returns the model's name with it.
func (m Models) resolve(s *Shape) (*Shape, string) {
	if s == nil || s.Ref == "" {
		return s, ""
	}
	return m[s.Ref], s.Ref
}

// keys is an Object's field names, sorted.
func (s *Shape) keys() []string {
	out := make([]string, 0, len(s.Fields))
	for k := range s.Fields {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
