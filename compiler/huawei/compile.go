// Package huawei is the compiler's part of the Huawei Cloud APIG kind
// (provider "huawei"): the check of its desired state (the shape
// schema/huawei.cue defines, which the JSON Schema's root picks for
// gateway.provider "huawei" the way #Desired does) and its decoding into
// model/huawei's State. The model's APIG lists stay empty.
package huawei

import (
	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/schema"
)

// DecodeDesired checks a Huawei desired state and, when the schema holds,
// decodes it (see compiler.Decoder).
func DecodeDesired(dc *compiler.Decoding, root *compiler.Node) (*model.Desired, []diag.Finding) {
	s, err := schema.DesiredValidator()
	if err != nil {
		return nil, []diag.Finding{compiler.SchemaBroken(err)}
	}
	if fs := dc.Check(s, root, root.Plain(), nil, nil); len(fs) > 0 {
		return nil, fs
	}
	return decoder{dc}.decode(root), nil
}

// Layout is where a Huawei desired state's resources sit: a group holds
// APIs and domains by name, and a plugin's plugin_content is free-form
// (its plugin_type's schema judges it).
var Layout = compiler.Layout{
	TopLevel: []string{"gateway", "environments", "groups", "throttles", "acls", "plugins", "probes"},
	Nested:   map[string][]string{"groups": {"apis", "domains"}},
	FreeForm: map[string]string{"plugins": "plugin_content"},
}

// SelectsEmbedded reports whether a Huawei gateway block names the
// embedded Huawei gateway: gateway.local set.
func SelectsEmbedded(_ string, local bool) bool { return local }
