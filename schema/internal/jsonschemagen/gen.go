// Package jsonschemagen turns the CUE desired-state schema into JSON Schema
// with CUE's own generator, so the two cannot disagree.
package jsonschemagen

import (
	"bytes"
	"encoding/json"
	"fmt"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
	"cuelang.org/go/encoding/jsonschema"

	"github.com/gwsync/gwsync/schema"
)

// ID is the $id of the generated schema.
const ID = "https://gwsync.dev/schema/gwsync.schema.json"

// Generate returns the JSON Schema of #Desired, indented, with a trailing
// newline.
func Generate() ([]byte, error) {
	ctx := cuecontext.New(cuecontext.EvaluatorVersion(cuecontext.EvalV3))
	v := ctx.CompileBytes(schema.CUE, cue.Filename("gateway.cue"))
	if err := v.Err(); err != nil {
		return nil, fmt.Errorf("gateway.cue: %w", err)
	}
	expr, err := jsonschema.Generate(v.LookupPath(cue.ParsePath("#Desired")), nil)
	if err != nil {
		return nil, fmt.Errorf("generate: %w", err)
	}
	raw, err := ctx.BuildExpr(expr).MarshalJSON()
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, err
	}
	doc["$id"] = ID
	doc["title"] = "gwsync desired state"
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
