// Package huawei holds the Huawei Cloud APIG kind's starter desired state
// for gwsync init, huawei.cue: an instance with placeholder IDs to
// replace (or, with local: true, the embedded Huawei gateway).
package huawei

import (
	_ "embed"

	"github.com/gwsync/gwsync/starter"
)

//go:embed huawei.cue
var source []byte

// Starter returns the starter desired state for provider "huawei".
func Starter(provider string) (starter.Starter, bool) {
	if provider != "huawei" {
		return starter.Starter{}, false
	}
	return starter.Starter{Source: source}, true
}
