package sdkmodel

import (
	"encoding/json"
	"reflect"
	"strings"
)

var unmarshaler = reflect.TypeFor[json.Unmarshaler]()

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
