// Package aliyun holds the Alibaba Cloud APIG kind's starter desired
// states for gwsync init: aliyun.cue for a cloud gateway, with placeholder
// IDs to replace, and local.cue for the embedded APIG gateway, which
// validates, plans and applies as it is.
package aliyun

import (
	"embed"

	"github.com/gwsync/gwsync/starter"
)

//go:embed aliyun.cue local.cue
var starters embed.FS

// Starter returns the starter desired state for provider "aliyun" or
// "local".
func Starter(provider string) (starter.Starter, bool) {
	src, err := starters.ReadFile(provider + ".cue")
	if err != nil {
		return starter.Starter{}, false
	}
	return starter.Starter{Source: src, Ready: provider == "local"}, true
}
