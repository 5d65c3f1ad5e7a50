package sdkmodel

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
)

func testModels() Models {
	return Models{
		"Body": {Kind: Object, Fields: map[string]*Shape{
			"data": {Ref: "Data"},
			"code": {Kind: String},
		}},
		"Data": {Kind: Object, Fields: map[string]*Shape{
			"items":  {Kind: Array, Elem: &Shape{Ref: "Item"}},
			"total":  {Kind: String},
			"labels": {Kind: Map, Elem: &Shape{Kind: String}},
			"ratio":  {Kind: Number},
		}},
		"Item": {Kind: Object, Fields: map[string]*Shape{
			"id":   {Kind: String},
			"port": {Kind: Integer},
			"on":   {Kind: Boolean},
			"type": {Kind: Integer, Enum: []string{"1", "2"}},
			"any":  {Kind: Any},
		}},
	}
}

func TestCheckJSON(t *testing.T) {
	cases := []struct {
		name, doc string
		want      []string
	}{
		{"conforming", `{"code":"ok","data":{"items":[{"id":"a","port":80,"on":true,"type":2,"any":[1]}],"total":"3","labels":{"x":"y"},"ratio":1}}`, nil},
		{"nulls are allowed", `{"code":null,"data":{"items":null}}`, nil},
		{"unknown key, nested", `{"data":{"items":[{"id":"a"},{"routeCount":1}]}}`,
			[]string{"response.data.items[1].routeCount: the SDK's model Item has no such key (it has any, id, on, port, type)"}},
		{"wrong type", `{"data":{"total":3}}`, []string{"response.data.total: is integer; the SDK's model Data says string"}},
		{"fraction where integer", `{"data":{"items":[{"port":1.5}]}}`, []string{"response.data.items[0].port: is number; the SDK's model Item says integer"}},
		{"string where object", `{"data":"x"}`, []string{"response.data: is string; the SDK's model Data says object"}},
		{"enum", `{"data":{"items":[{"type":3}]}}`, []string{"response.data.items[0].type: 3 is not one of the SDK's values 1, 2"}},
		{"map values", `{"data":{"labels":{"k":1}}}`, []string{"response.data.labels.k: is integer; the SDK's model says string"}},
	}
	m := testModels()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			vs, err := m.CheckJSON([]byte(c.doc), &Shape{Ref: "Body"}, "response")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, v := range vs {
				got = append(got, v.String())
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestCheckRequest(t *testing.T) {
	f := &Facts{SDK: "sdk", Commit: "c", Models: testModels(), Operations: map[string]*Operation{
		"GetThing": {Method: "GET", Path: "/v1/things/{thingId}", Query: map[string]*Shape{"withStats": {Kind: Boolean}}},
		"PutThing": {Method: "PUT", Path: "/v1/things/{thingId}", Body: map[string]*Shape{"items": {Kind: Array, Elem: &Shape{Ref: "Item"}}}},
	}}
	cases := []struct {
		name, action, method, path, query, body string
		want                                    []string
	}{
		{"conforming get", "GetThing", "GET", "/v1/things/t-1", "withStats=true", "", nil},
		{"unknown query", "GetThing", "GET", "/v1/things/t-1", "pageSize=10", "", []string{"query.pageSize: not a query parameter of the SDK's request"}},
		{"bad boolean", "GetThing", "GET", "/v1/things/t-1", "withStats=yes", "", []string{`query.withStats: "yes" is not a boolean, as the SDK's request model says`}},
		{"wrong method and path", "GetThing", "POST", "/v1/things", "", "", []string{"method: POST; the SDK sends GET", "path: /v1/things does not fit the SDK's /v1/things/{thingId}"}},
		{"query key in the body", "PutThing", "PUT", "/v1/things/t", "items=1", `{"items":[]}`, []string{"query.items: the SDK sends it in the body, not the query"}},
		{"body keys", "PutThing", "PUT", "/v1/things/t", "", `{"items":[{"idd":"x"}],"name":"n"}`, []string{
			"body.items[0].idd: the SDK's model Item has no such key (it has any, id, on, port, type)",
			"body.name: the SDK's model has no such key (it has items)"}},
		{"a body where the SDK sends none", "GetThing", "GET", "/v1/things/t", "", `{}`, []string{"body: the SDK sends no body for "}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q, _ := url.ParseQuery(c.query)
			vs, err := f.CheckRequest(c.action, c.method, c.path, q, []byte(c.body))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, v := range vs {
				got = append(got, v.String())
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %q\nwant %q", got, c.want)
			}
		})
	}
	if _, err := f.CheckRequest("Nope", "GET", "/", nil, nil); err == nil || !strings.Contains(err.Error(), "Nope is not an operation of sdk") {
		t.Errorf("unknown operation: %v", err)
	}
}

// enumOf is shaped like a Huawei SDK enumeration: its one field is
// unexported, as the SDK's is.
type enumOf struct {
	value string //lint:ignore U1000 the shape under test, never read
}

func (e *enumOf) UnmarshalJSON([]byte) error { return nil }

type sdkTime struct {
	t int64 //lint:ignore U1000 the shape under test, never read
}

func (s *sdkTime) UnmarshalJSON([]byte) error { return nil }

type embedded struct {
	Inner string `json:"inner"`
}

// wrapped decodes itself into node, as sdkmodel.Wrapper says.
type wrapped struct{}

func (*wrapped) UnmarshalJSON([]byte) error { return nil }
func (*wrapped) WireType() reflect.Type     { return reflect.TypeFor[node]() }

type node struct {
	embedded
	Name     *string           `json:"name,omitempty"`
	Kind     *enumOf           `json:"kind,omitempty"`
	At       *sdkTime          `json:"at,omitempty"`
	Children *[]node           `json:"children,omitempty"`
	Tags     map[string]string `json:"tags,omitempty"`
	Status   int32             `json:"-"`
	hidden   bool              //lint:ignore U1000 an unexported field, which FromType must skip
}

func TestFromType(t *testing.T) {
	m := Models{}
	s := m.FromType(reflect.TypeFor[*node]())
	if s.Ref != "node" {
		t.Fatalf("a named struct is a reference to its model, got %+v", s)
	}
	n := m["node"]
	want := map[string]Kind{"inner": String, "name": String, "kind": String, "at": String, "children": Array, "tags": Map}
	if len(n.Fields) != len(want) {
		t.Errorf("fields %v, want the keys of %v", n.keys(), want)
	}
	for k, kind := range want {
		if f := n.Fields[k]; f == nil || f.Kind != kind {
			t.Errorf("field %s: %+v, want %s", k, f, kind)
		}
	}
	if n.Fields["children"].Elem.Ref != "node" {
		t.Errorf("a recursive model refers to itself: %+v", n.Fields["children"].Elem)
	}
	vs, _ := m.CheckJSON([]byte(`{"children":[{"name":"a","extra":1}]}`), s, "r")
	if len(vs) != 1 || vs[0].Path != "r.children[0].extra" {
		t.Errorf("violations %v", vs)
	}
	if w := m.FromType(reflect.TypeFor[[]wrapped]()); w.Elem.Ref != "node" {
		t.Errorf("a Wrapper is the type it names: %+v", w.Elem)
	}
}

// answer is how a provider might decode testModels' Data.
type answer struct {
	Items []struct {
		ID    string `json:"id"`
		Port  string `json:"port"`
		Count int    `json:"routeCount"`
	} `json:"items"`
	Labels map[string]string `json:"labels"`
	Total  string            `json:"total"`
}

func TestCovers(t *testing.T) {
	m := testModels()
	var got []string
	for _, v := range m.Covers(&Shape{Ref: "Data"}, reflect.TypeFor[answer](), "data") {
		got = append(got, v.String())
	}
	want := []string{
		"data.items[].port: is read as string; the SDK's model Item says integer",
		"data.items[].routeCount: is read, but the SDK's model Item has no such key (it has any, id, on, port, type)",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
