// Package aliyun is the compiler's part of the Alibaba Cloud APIG kind
// (providers "aliyun" and "local"): the check of its desired state, whose
// routes are checked one at a time beside the decode, its decoding into
// the model's lists (services, domains, policies, HTTP APIs and routes),
// and the policy attachments and config strings compiled from them.
package aliyun

import (
	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
)

// DecodeDesired checks and decodes an APIG desired state (see
// compiler.Decoder). The schema check and the decode only read the tree:
// they run side by side (the routes split between both checks), and the
// attachments are compiled only if the schema holds.
func DecodeDesired(dc *compiler.Decoding, root *compiler.Node) (*model.Desired, []diag.Finding) {
	routes := routes(root)
	half := len(routes) / 2
	checked := make(chan []diag.Finding, 1)
	go func() { checked <- append(checkTop(dc, root), checkRoutes(dc, routes[:half])...) }()
	d := decoder{dc}.decode(root)
	fs := checkRoutes(dc, routes[half:])
	if fs = append(fs, <-checked...); len(fs) > 0 {
		return d, fs
	}
	compileAttachments(alimodel.Of(d))
	return d, nil
}

// Layout is where an APIG desired state's resources sit: routes are
// resources of their own inside an HTTP API, and a policy's config is
// free-form (its className's schema judges it). Its shape is the one the
// schema gives a desired state whose provider no kind serves (#Desired's
// else).
var Layout = compiler.Layout{
	TopLevel: []string{"gateway", "environments", "services", "domains", "policies", "httpApis", "probes"},
	Nested:   map[string][]string{"httpApis": {"routes"}},
	FreeForm: map[string]string{"policies": "config"},
	Default:  true,
}

// SelectsEmbedded reports whether provider names the embedded APIG
// gateway: provider "local".
func SelectsEmbedded(provider string, _ bool) bool { return provider == "local" }
