// Package jsonschemagen turns the CUE desired-state schema into JSON Schema
// with CUE's own generator, so the two cannot disagree.
//
// CUE's #Desired picks its provider's shape with a comprehension, which
// the generator cannot express; so each shape (#AliyunDesired,
// #HuaweiDesired) is generated on its own, and the root picks one the way
// #Desired does: with if/then/else on gateway.provider.
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
	aliyun, err := generate(ctx, v, "#AliyunDesired")
	if err != nil {
		return nil, err
	}
	huawei, err := generate(ctx, v, "#HuaweiDesired")
	if err != nil {
		return nil, err
	}
	doc, err := root(aliyun, huawei)
	if err != nil {
		return nil, err
	}
	return encode(doc)
}

// Build evaluates the schema package's CUE files (gateway.cue and
// huawei.cue) as one instance.
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

// root joins the two shapes: their definitions side by side (a name both
// use must mean the same), each shape as a definition of its own, and a
// root that picks the Huawei shape when gateway.provider is "huawei".
func root(aliyun, huawei map[string]any) (map[string]any, error) {
	defs, _ := aliyun["$defs"].(map[string]any)
	hdefs, _ := huawei["$defs"].(map[string]any)
	for name, d := range hdefs {
		if old, ok := defs[name]; ok && !reflect.DeepEqual(old, d) {
			return nil, fmt.Errorf("definition %s differs between the Alibaba Cloud and Huawei shapes", name)
		}
		defs[name] = d
	}
	defs["AliyunDesired"] = shape(aliyun)
	defs["HuaweiDesired"] = shape(huawei)
	if err := addPolicyConfigs(defs); err != nil {
		return nil, err
	}
	return map[string]any{
		"$schema": aliyun["$schema"],
		"$id":     ID,
		"title":   "gwsync desired state",
		"description": "The desired state of one gateway. gateway.provider selects its shape: " +
			"\"huawei\" a Huawei Cloud APIG instance (HuaweiDesired), \"aliyun\" or \"local\" " +
			"an Alibaba Cloud APIG gateway (AliyunDesired).",
		"$defs": defs,
		"if":    isHuawei(),
		"then":  map[string]any{"$ref": "#/$defs/HuaweiDesired"},
		"else":  map[string]any{"$ref": "#/$defs/AliyunDesired"},
	}, nil
}

// addPolicyConfigs copies each className's config schema into defs as
// <ClassName>Config and makes Policy select it by className.
func addPolicyConfigs(defs map[string]any) error {
	policy, ok := defs["Policy"].(map[string]any)
	if !ok {
		return fmt.Errorf("the Alibaba Cloud shape has no Policy definition")
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

// isHuawei accepts a document whose gateway.provider is "huawei".
func isHuawei() map[string]any {
	return map[string]any{
		"type":     "object",
		"required": []any{"gateway"},
		"properties": map[string]any{
			"gateway": map[string]any{
				"type":       "object",
				"required":   []any{"provider"},
				"properties": map[string]any{"provider": map[string]any{"const": "huawei"}},
			},
		},
	}
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
