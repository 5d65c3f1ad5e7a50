// Package aliyun is the Alibaba Cloud APIG kind's part of the
// desired-state schema: its shape, #AliyunDesired in schema/gateway.cue,
// which the schema gives every desired state whose gateway.provider no
// other shape selects ("aliyun", "local"). Its policy configs' schemas
// (schema/policies, policies.cue) stay where findings and the published
// JSON Schema name them.
package aliyun

import "github.com/gwsync/gwsync/schema"

// Shape is the APIG shape of a desired state.
func Shape() schema.Shape {
	return schema.Shape{
		File:       "gateway.cue",
		Definition: "#AliyunDesired",
		Describes:  `"aliyun" or "local" an Alibaba Cloud APIG gateway (AliyunDesired)`,
	}
}
