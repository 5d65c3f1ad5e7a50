// Package huawei is the Huawei Cloud APIG kind's part of the
// desired-state schema: its shape, #HuaweiDesired in schema/huawei.cue
// (which stays beside gateway.cue, since the schema is one CUE package
// and a CUE package is one directory), selected by gateway.provider
// "huawei".
package huawei

import "github.com/gwsync/gwsync/schema"

// Shape is the Huawei shape of a desired state.
func Shape() schema.Shape {
	return schema.Shape{
		File:       "huawei.cue",
		Definition: "#HuaweiDesired",
		Selects:    selects(),
		Describes:  `"huawei" a Huawei Cloud APIG instance (HuaweiDesired)`,
	}
}

// selects accepts a document whose gateway.provider is "huawei".
func selects() map[string]any {
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
