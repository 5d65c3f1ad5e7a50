// Package schema ships gwsync's schemas: the CUE definition of a desired
// state (gateway.cue, also a CUE module users may import for completion),
// the JSON Schema generated from it (gwsync.schema.json, for YAML and JSON
// users and their editors), a JSON Schema per policy className
// (policies/<ClassName>.json), and the table of where each className may
// be attached.
//
// Each gateway kind has its shape of a desired state (see Shape): its
// definitions are in a file of its own beside gateway.cue, which holds
// #Desired, the definitions the shapes share and the default shape. The
// .cue files are the source of truth; gwsync.schema.json is generated from
// them by `go generate ./schema` and a test keeps it current.
package schema

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

//go:generate go run ./internal/genjsonschema -out gwsync.schema.json

// CUE is the CUE source of the desired-state schema's entry point,
// gateway.cue (package schema): #Desired, which picks a kind's shape by
// gateway.provider, and the default shape.
//
//go:embed gateway.cue
var CUE []byte

// JSONSchema is the desired-state schema as JSON Schema (draft 2020-12),
// generated from CUE.
//
//go:embed gwsync.schema.json
var JSONSchema []byte

//go:embed policies/*.json
var policyFS embed.FS

// desiredURL is the URL the desired-state JSON Schema is compiled under.
const desiredURL = "https://gwsync.dev/schema/gwsync.schema.json"

// desiredSchemas are the compiled desired-state schema and its #Route
// definition.
type desiredSchemas struct{ whole, route *jsonschema.Schema }

// PolicyConfigURL is the URL a className's config schema is known by
// (its $id inside gwsync.schema.json).
func PolicyConfigURL(className string) string {
	return "https://gwsync.dev/schema/policies/" + className + ".json"
}

// PolicyConfigDef is the name of the definition in gwsync.schema.json
// that holds a className's config schema (policies/<ClassName>.json).
func PolicyConfigDef(className string) string { return className + "Config" }

// WithoutPolicyConfigs returns the desired-state JSON Schema as gwsync
// checks a desired state with it: without the selection of each policy
// config's schema by className (Policy's allOf) and those schemas, which
// gwsync.schema.json carries for editors. gwsync checks configs with its
// policy-config rule instead, whose messages name the class and its
// schema file.
func WithoutPolicyConfigs(doc []byte) ([]byte, error) {
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		return nil, err
	}
	defs, _ := m["$defs"].(map[string]any)
	if policy, ok := defs["Policy"].(map[string]any); ok {
		delete(policy, "allOf")
	}
	for _, class := range ClassNames() {
		delete(defs, PolicyConfigDef(class))
	}
	return json.Marshal(m)
}

// checkedSchema is gwsync.schema.json as gwsync checks desired states
// with it (WithoutPolicyConfigs).
var checkedSchema = sync.OnceValues(func() ([]byte, error) { return WithoutPolicyConfigs(JSONSchema) })

var desired = sync.OnceValues(func() (desiredSchemas, error) {
	doc, err := checkedSchema()
	if err != nil {
		return desiredSchemas{}, err
	}
	c, err := newCompiler(desiredURL, doc)
	if err != nil {
		return desiredSchemas{}, err
	}
	whole, err := c.Compile(desiredURL)
	if err != nil {
		return desiredSchemas{}, err
	}
	route, err := c.Compile(desiredURL + "#/$defs/Route")
	return desiredSchemas{whole, route}, err
})

// Desired returns the compiled desired-state JSON Schema, as gwsync checks
// desired states with it (without policy configs; see
// WithoutPolicyConfigs).
func Desired() (*jsonschema.Schema, error) {
	d, err := desired()
	return d.whole, err
}

// Route returns the compiled JSON Schema of one route (#Route), for
// checking routes one at a time.
func Route() (*jsonschema.Schema, error) {
	d, err := desired()
	return d.route, err
}

var policies = sync.OnceValues(func() (map[string]*jsonschema.Schema, error) {
	entries, err := policyFS.ReadDir("policies")
	if err != nil {
		return nil, err
	}
	out := make(map[string]*jsonschema.Schema, len(entries))
	for _, e := range entries {
		b, err := policyFS.ReadFile("policies/" + e.Name())
		if err != nil {
			return nil, err
		}
		class := strings.TrimSuffix(e.Name(), ".json")
		s, err := compile(PolicyConfigURL(class), b)
		if err != nil {
			return nil, err
		}
		out[class] = s
	}
	return out, nil
})

// PolicyConfig returns the compiled JSON Schema for the config of a policy
// className, and whether gwsync ships one.
func PolicyConfig(className string) (*jsonschema.Schema, bool, error) {
	m, err := policies()
	if err != nil {
		return nil, false, err
	}
	s, ok := m[className]
	return s, ok, nil
}

// ConfigViolations checks the config of a policy of className against the
// className's JSON Schema. Each violation's message names the config field
// and where the className's fields are listed ("config.unitNum: must be
// >= 1 but found 0 (className Timeout takes the fields in
// schema/policies/Timeout.json)"). A className gwsync ships no schema for
// has none.
func ConfigViolations(className string, config any) ([]Violation, error) {
	s, ok, err := PolicyConfig(className)
	if err != nil || !ok {
		return nil, err
	}
	vs := Check(s, config)
	for i, v := range vs {
		field := "config" + strings.ReplaceAll(v.Pointer, "/", ".")
		vs[i].Message = fmt.Sprintf("%s: %s (className %s takes the fields in schema/policies/%s.json)", field, v.Message, className, className)
	}
	return vs, nil
}

// PolicyConfigFile returns the raw JSON Schema of a className's config.
func PolicyConfigFile(className string) ([]byte, error) {
	return policyFS.ReadFile(path.Join("policies", className+".json"))
}

// PolicyClassesWithSchema lists the classNames gwsync ships a config schema
// for, sorted.
func PolicyClassesWithSchema() []string {
	m, _ := policies()
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func compile(url string, doc []byte) (*jsonschema.Schema, error) {
	c, err := newCompiler(url, doc)
	if err != nil {
		return nil, err
	}
	return c.Compile(url)
}

// newCompiler returns a JSON Schema compiler holding doc at url.
func newCompiler(url string, doc []byte) (*jsonschema.Compiler, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	rememberDoc(url, doc)
	c.LoadURL = func(string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("gwsync's schemas load nothing from the network")
	}
	if err := c.AddResource(url, bytes.NewReader(doc)); err != nil {
		return nil, fmt.Errorf("schema %s: %w", url, err)
	}
	return c, nil
}
