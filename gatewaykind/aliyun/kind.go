// Package aliyun is the Alibaba Cloud API Gateway (APIG) kind: the value
// that binds its parts in the shared stages' packages (their aliyun/
// subpackages, provider/aliyun and the emulator) into one
// gatewaykind.Kind. Providers "aliyun" (the cloud) and "local" (the
// embedded APIG gateway).
package aliyun

import alimodel "github.com/gwsync/gwsync/model/aliyun"

// Kind is the Alibaba Cloud APIG gateway kind.
type Kind struct{}

// Name is the kind's name.
func (Kind) Name() string { return alimodel.Provider }

// Providers are the gateway.provider values the kind serves.
func (Kind) Providers() []string { return []string{alimodel.Provider, "local"} }
