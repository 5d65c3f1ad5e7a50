package schema

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// publishedSchema compiles gwsync.schema.json as an editor or another
// validator sees it: the whole document, policy configs included, with
// only the formats of JSON Schema itself (newCompiler adds none) and
// nothing loaded from the network.
func publishedSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c, err := newCompiler(desiredURL, JSONSchema)
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(desiredURL)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestJSONSchemaChecksPolicyConfigs: an editor pointed at
// gwsync.schema.json checks each policy's config against its className's
// schema, closed where the class's fields are documented.
func TestJSONSchemaChecksPolicyConfigs(t *testing.T) {
	s := publishedSchema(t)
	const ip = `"className": "IpAccessControl", "config": {"enable": true, "ipAccessControlType": "White", "ipAccessControlContent": `
	for _, tc := range []struct {
		name, policy string
		want         []string // pointer: message fragment, one per violation; none = valid
	}{
		{"timeout", `"className": "Timeout", "config": {"unitNum": 3, "timeUnit": "s", "enable": true}`, nil},
		{"timeout typo", `"className": "Timeout", "config": {"unitNm": 3, "timeUnit": "s", "enable": true}`,
			[]string{`/policies/p/config/unitNm: unknown field "unitNm"; allowed fields here: enable, timeUnit, unitNum`,
				`/policies/p/config: missing required field "unitNum"`}},
		{"timeout unit", `"className": "Timeout", "config": {"unitNum": 3, "timeUnit": "d", "enable": true}`,
			[]string{`/policies/p/config/timeUnit: must be one of`}},
		{"addresses", ip + `["10.0.0.0/8", "2001:db8::/32"]}`, nil},
		{"addresses joined", ip + `"10.0.0.0/8,192.168.0.0/16"}`, nil},
		{"bad address", ip + `["10.0.0.0/8", "10.0.0.300"]}`,
			[]string{`/policies/p/config/ipAccessControlContent/1: is not in the expected form: An IPv4 or IPv6 address or CIDR block`}},
		{"bad address joined", ip + `"10.0.0.0/8,10.0.0.0/40"}`,
			[]string{`/policies/p/config/ipAccessControlContent: is not in the expected form: Client addresses`}},
		{"addresses a number", ip + `7}`,
			[]string{`/policies/p/config/ipAccessControlContent: must be array or string, but got number`}},
		{"open class keeps unknown fields", `"className": "RateLimit", "config": {"enable": true, "limit": 5, "burst": 2}`, nil},
		{"open class still typed", `"className": "RateLimit", "config": {"enable": "yes"}`,
			[]string{`/policies/p/config/enable: must be boolean`}},
		{"schema with its own definitions", `"className": "HeaderModify", "config": {"enable": true, "request": {"set": [{"key": "x"}]}}`,
			[]string{`/policies/p/config/request/set/0: missing required field "value"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var doc any
			src := `{"gateway": {"provider": "local"}, "policies": {"p": {` + tc.policy + `}}}`
			if err := json.Unmarshal([]byte(src), &doc); err != nil {
				t.Fatal(err)
			}
			got := render(Check(s, doc))
			if len(got) != len(tc.want) {
				t.Fatalf("got %d violations, want %d:\n  %s", len(got), len(tc.want), strings.Join(got, "\n  "))
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("violation %d is %q, want it to start %q", i, got[i], w)
				}
			}
		})
	}
}

// TestJSONSchemaSelectsEveryClass: Policy selects a config schema for every
// className gwsync ships one for, each a resource of its own.
func TestJSONSchemaSelectsEveryClass(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(JSONSchema, &doc); err != nil {
		t.Fatal(err)
	}
	defs := doc["$defs"].(map[string]any)
	var selected []string
	for _, sel := range defs["Policy"].(map[string]any)["allOf"].([]any) {
		class := sel.(map[string]any)["if"].(map[string]any)["properties"].(map[string]any)["className"].(map[string]any)["const"].(string)
		selected = append(selected, class)
		def, ok := defs[PolicyConfigDef(class)].(map[string]any)
		if !ok || def["$id"] != PolicyConfigURL(class) {
			t.Errorf("%s: no definition %s with $id %s", class, PolicyConfigDef(class), PolicyConfigURL(class))
		}
	}
	if want := PolicyClassesWithSchema(); !slices.Equal(selected, want) {
		t.Errorf("Policy selects configs for %v, want %v", selected, want)
	}
	if !slices.Equal(PolicyClassesWithSchema(), ClassNames()) {
		t.Errorf("classes with a config schema %v, want every className %v", PolicyClassesWithSchema(), ClassNames())
	}
}

// TestSchemasUseStandardFormatsOnly: a format of gwsync's own is refused
// by ajv's strict mode and ignored by most validators; say it with a
// pattern instead.
func TestSchemasUseStandardFormatsOnly(t *testing.T) {
	standard := []string{"date-time", "date", "time", "duration", "email", "idn-email", "hostname", "idn-hostname",
		"ipv4", "ipv6", "uri", "uri-reference", "iri", "iri-reference", "uuid", "uri-template", "json-pointer",
		"relative-json-pointer", "regex"}
	docs := map[string][]byte{"gwsync.schema.json": JSONSchema}
	for _, class := range ClassNames() {
		b, err := PolicyConfigFile(class)
		if err != nil {
			t.Fatal(err)
		}
		docs["policies/"+class+".json"] = b
	}
	for name, b := range docs {
		var doc any
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		walkJSON(doc, "", func(at string, m map[string]any) {
			if f, ok := m["format"].(string); ok && !slices.Contains(standard, f) {
				t.Errorf("%s#%s: format %q is not one of JSON Schema's", name, at, f)
			}
			if ts, ok := m["type"].([]any); ok {
				t.Errorf("%s#%s: type %v; ajv's strict mode wants one type (anyOf for more)", name, at, ts)
			}
		})
	}
}

// walkJSON calls fn on every object in v, with its JSON pointer.
func walkJSON(v any, at string, fn func(string, map[string]any)) {
	switch x := v.(type) {
	case map[string]any:
		fn(at, x)
		for k, e := range x {
			walkJSON(e, at+"/"+escapeToken(k), fn)
		}
	case []any:
		for i, e := range x {
			walkJSON(e, fmt.Sprintf("%s/%d", at, i), fn)
		}
	}
}
