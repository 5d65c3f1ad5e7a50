// Package huawei is the Huawei Cloud APIG (dedicated instance) kind: the
// value that binds its parts in the shared stages' packages (their huawei/
// subpackages, model/huawei, provider/huawei and emulator/huawei) into one
// gatewaykind.Kind. Provider "huawei" (with gateway.local, the embedded
// Huawei gateway).
package huawei

import hwmodel "github.com/gwsync/gwsync/model/huawei"

// Kind is the Huawei Cloud APIG gateway kind.
type Kind struct{}

// Name is the kind's name.
func (Kind) Name() string { return hwmodel.Provider }

// Providers are the gateway.provider values the kind serves.
func (Kind) Providers() []string { return []string{hwmodel.Provider} }
