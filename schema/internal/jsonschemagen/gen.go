// Package jsonschemagen turns the CUE desired-state schema into JSON Schema
// with CUE's own generator, so the two cannot disagree.
//
// CUE's #Desired picks its provider's shape with a comprehension, which
// the generator cannot express; so each registered kind's shape
// (schema.Shape) is generated on its own, and the root picks one the way
// #Desired does: with if/then/else on gateway.provider, each shape's
// condition in turn, the default shape last.
//
// A policy's config is checked against its className's schema
// (schema/policies/<ClassName>.json): each is copied in as the definition
// <ClassName>Config, and Policy selects it with an if/then on className
// per class, so that an editor checks configs too. gwsync's own check of a
// desired state leaves that selection out (schema.WithoutPolicyConfigs):
// its rule policy-config checks configs, with messages that name the
// class.
package jsonschemagen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/build"
	"cuelang.org/go/cue/cuecontext"
	"cuelang.org/go/cue/parser"
	"cuelang.org/go/encoding/jsonschema"

	"github.com/gwsync/gwsync/schema"
)

// ID is the $id of the generated schema.
const ID = "https://gwsync.dev/schema/gwsync.schema.json"

// Generate returns the JSON Schema of #Desired, indented, with a trailing
// newline.
func Generate() ([]byte, error) {
	ctx := cuecontext.New(cuecontext.EvaluatorVersion(cuecontext.EvalV3))
	v, err := Build(ctx)
	if err != nil {
		return nil, err
	}
	var shapes []generated
	for _, s := range schema.DesiredShapes() {
		doc, err := generate(ctx, v, s.Definition)
		if err != nil {
			return nil, err
		}
		shapes = append(shapes, generated{s, doc})
	}
	doc, err := root(shapes)
	if err != nil {
		return nil, err
	}
	return encode(doc)
}

// generated is a shape with its generated JSON Schema.
type generated struct {
	schema.Shape
	doc map[string]any
}

// name is the shape's definition in the JSON Schema.
func (g generated) name() string { return strings.TrimPrefix(g.Definition, "#") }

// Build evaluates the schema package's CUE files that define #Desired
// (schema.CUESources) as one instance.
func Build(ctx *cue.Context) (cue.Value, error) {
	inst := build.NewContext().NewInstance("", nil)
	sources := schema.CUESources()
	for _, name := range slices.Sorted(maps.Keys(sources)) {
		f, err := parser.ParseFile(name, sources[name], parser.ParseComments)
		if err != nil {
			return cue.Value{}, err
		}
		if err := inst.AddSyntax(f); err != nil {
			return cue.Value{}, err
		}
	}
	v := ctx.BuildInstance(inst)
	if err := v.Err(); err != nil {
		return cue.Value{}, fmt.Errorf("schema: %w", err)
	}
	return v, nil
}

// generate returns the JSON Schema of the definition def as plain JSON.
func generate(ctx *cue.Context, v cue.Value, def string) (map[string]any, error) {
	expr, err := jsonschema.Generate(v.LookupPath(cue.ParsePath(def)), nil)
	if err != nil {
		return nil, fmt.Errorf("generate %s: %w", def, err)
	}
	raw, err := ctx.BuildExpr(expr).MarshalJSON()
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	return doc, json.Unmarshal(raw, &doc)
}

// root joins the shapes: their definitions side by side (a name two use
// must mean the same), each shape as a definition of its own, and a root
// that picks each shape by its condition, the default shape otherwise.
func root(shapes []generated) (map[string]any, error) {
	i := slices.IndexFunc(shapes, func(g generated) bool { return g.Selects == nil })
	if i < 0 {
		return nil, fmt.Errorf("no shape is the default one (a shape without a condition)")
	}
	def := shapes[i]
	shapes = append(slices.Delete(slices.Clone(shapes), i, i+1), def)
	defs, _ := def.doc["$defs"].(map[string]any)
	for _, s := range shapes[:len(shapes)-1] {
		sdefs, _ := s.doc["$defs"].(map[string]any)
		for name, d := range sdefs {
			if old, ok := defs[name]; ok && !reflect.DeepEqual(old, d) {
				return nil, fmt.Errorf("definition %s differs between the %s and %s shapes", name, def.name(), s.name())
			}
			defs[name] = d
		}
	}
	var described []string
	for _, s := range shapes {
		defs[s.name()] = shape(s.doc)
		described = append(described, s.Describes)
	}
	if err := addPolicyConfigs(defs); err != nil {
		return nil, err
	}
	doc := map[string]any{
		"$schema":     def.doc["$schema"],
		"$id":         ID,
		"title":       "gwsync desired state",
		"description": "The desired state of one gateway. gateway.provider selects its shape: " + strings.Join(described, ", ") + ".",
		"$defs":       defs,
	}
	maps.Copy(doc, pick(shapes))
	return doc, nil
}

// pick is the if/then/else that picks one of shapes (the default last):
// each shape's condition in turn.
func pick(shapes []generated) map[string]any {
	if len(shapes) == 1 {
		return map[string]any{"$ref": ref(shapes[0])}
	}
	return map[string]any{"if": shapes[0].Selects, "then": map[string]any{"$ref": ref(shapes[0])}, "else": pick(shapes[1:])}
}

// ref is the reference to a shape's definition.
func ref(g generated) string { return "#/$defs/" + g.name() }

// addPolicyConfigs copies each className's config schema into defs as
// <ClassName>Config and makes Policy select it by className.
func addPolicyConfigs(defs map[string]any) error {
	policy, ok := defs["Policy"].(map[string]any)
	if !ok {
		return fmt.Errorf("no shape has a Policy definition")
	}
	var selections []any
	for _, class := range schema.PolicyClassesWithSchema() {
		doc, err := policyConfig(class)
		if err != nil {
			return err
		}
		name := schema.PolicyConfigDef(class)
		if _, taken := defs[name]; taken {
			return fmt.Errorf("definition %s is both generated from CUE and a policy config", name)
		}
		defs[name] = doc
		selections = append(selections, map[string]any{
			"if": map[string]any{
				"properties": map[string]any{"className": map[string]any{"const": class}},
				"required":   []any{"className"},
			},
			"then": map[string]any{
				"properties": map[string]any{"config": map[string]any{"$ref": "#/$defs/" + name}},
			},
		})
	}
	policy["allOf"] = selections
	return nil
}

// policyConfig is a className's config schema as a definition: a schema
// resource of its own (its $id, so that its own "#/$defs/..." references
// resolve inside it), without $schema, which only a document's root may
// carry.
func policyConfig(class string) (map[string]any, error) {
	raw, err := schema.PolicyConfigFile(class)
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("policies/%s.json: %w", class, err)
	}
	delete(doc, "$schema")
	doc["$id"] = schema.PolicyConfigURL(class)
	return doc, nil
}

// shape is a generated document without its $schema and $defs.
func shape(doc map[string]any) map[string]any {
	out := maps.Clone(doc)
	delete(out, "$schema")
	delete(out, "$defs")
	return out
}

// encode renders doc indented, with a trailing newline.
func encode(doc map[string]any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
