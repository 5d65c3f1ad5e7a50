package sync

import (
	"reflect"
	"testing"
)

func TestFieldChangeElements(t *testing.T) {
	for _, tc := range []struct {
		name           string
		f              FieldChange
		added, removed []any
		ok             bool
	}{
		{"an element added and one removed", FieldChange{Path: "/addresses", Before: []any{"a:80", "b:80"}, After: []any{"b:80", "c:80"}},
			[]any{"c:80"}, []any{"a:80"}, true},
		{"only added", FieldChange{Path: "/match/methods", Before: []any{"GET"}, After: []any{"GET", "POST"}}, []any{"POST"}, nil, true},
		{"from an empty list", FieldChange{Path: "/domains", Before: []any{}, After: []any{"a.example.com"}}, []any{"a.example.com"}, nil, true},
		{"repeats count", FieldChange{Path: "/x", Before: []any{"a"}, After: []any{"a", "a"}}, []any{"a"}, nil, true},
		{"numbers of either type", FieldChange{Path: "/ports", Before: []any{80.0, 443.0}, After: []any{80, 8080}}, []any{8080}, []any{443.0}, true},
		{"typed strings", FieldChange{Path: "/x", Before: []string{"a"}, After: []string{"b"}}, []any{"b"}, []any{"a"}, true},
		{"a set held as one string", FieldChange{Path: "/config/ipAccessControlContent",
			Before: "10.0.0.0/8,10.1.0.0/16,10.2.0.0/16", After: "10.0.0.0/8,10.2.0.0/16,10.3.0.0/16,10.4.0.0/16"},
			[]any{"10.3.0.0/16", "10.4.0.0/16"}, []any{"10.1.0.0/16"}, true},
		{"a Huawei ACL value", FieldChange{Path: "/acl_value", Before: "1.1.1.1", After: "1.1.1.1,2.2.2.2"}, []any{"2.2.2.2"}, nil, true},
		{"any other string", FieldChange{Path: "/description", Before: "a,b", After: "a,c"}, nil, nil, false},
		{"a scalar", FieldChange{Path: "/config/unitNum", Before: 3.0, After: 5.0}, nil, nil, false},
		{"a list added whole", FieldChange{Path: "/match/methods", After: []any{"GET"}}, nil, nil, false},
		{"a list removed whole", FieldChange{Path: "/match/methods", Before: []any{"GET"}}, nil, nil, false},
		{"only reordered", FieldChange{Path: "/config/allowOrigins", Before: []any{"a", "b"}, After: []any{"b", "a"}}, nil, nil, false},
		{"a list of lists", FieldChange{Path: "/x", Before: []any{[]any{1.0}}, After: []any{[]any{2.0}}}, nil, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			added, removed, ok := tc.f.Elements()
			if ok != tc.ok || !reflect.DeepEqual(added, tc.added) || !reflect.DeepEqual(removed, tc.removed) {
				t.Errorf("Elements() = %v, %v, %v; want %v, %v, %v", added, removed, ok, tc.added, tc.removed, tc.ok)
			}
		})
	}
}
