// Package aliyun is the Alibaba Cloud API Gateway (APIG) kind: the value
// that binds its parts in the shared stages' packages (their aliyun/
// subpackages, provider/aliyun and the emulator) into one
// gatewaykind.Kind. Providers "aliyun" (the cloud) and "local" (the
// embedded APIG gateway).
package aliyun

import (
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	alisync "github.com/gwsync/gwsync/sync/aliyun"
)

// Kind is the Alibaba Cloud APIG gateway kind. The hooks of the stages
// whose kind package offers one value are embedded; the others are
// methods in this package, a file per stage.
type Kind struct {
	// Planner is the kind's sync.Planner.
	alisync.Planner
}

// Name is the kind's name.
func (Kind) Name() string { return alimodel.Provider }

// Providers are the gateway.provider values the kind serves.
func (Kind) Providers() []string { return []string{alimodel.Provider, "local"} }
