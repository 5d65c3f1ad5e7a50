// Package huawei is the Huawei Cloud APIG (dedicated instance) kind: the
// value that binds its parts in the shared stages' packages (their huawei/
// subpackages, model/huawei, provider/huawei and emulator/huawei) into one
// gatewaykind.Kind. Provider "huawei" (with gateway.local, the embedded
// Huawei gateway).
package huawei

import (
	hwmodel "github.com/gwsync/gwsync/model/huawei"
	hwsync "github.com/gwsync/gwsync/sync/huawei"
)

// Kind is the Huawei Cloud APIG gateway kind. The hooks of the stages
// whose kind package offers one value are embedded; the others are
// methods in this package, a file per stage.
type Kind struct {
	// Planner is the kind's sync.Planner.
	hwsync.Planner
}

// Name is the kind's name.
func (Kind) Name() string { return hwmodel.Provider }

// Providers are the gateway.provider values the kind serves.
func (Kind) Providers() []string { return []string{hwmodel.Provider} }
