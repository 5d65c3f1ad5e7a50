// Package builtin registers the gateway kinds gwsync ships. It is the one
// place that names them: importing it (for its side effect, as
// cmd/gwsync does) makes every kind known to every shared stage.
package builtin

import (
	"github.com/gwsync/gwsync/gatewaykind"
	"github.com/gwsync/gwsync/gatewaykind/aliyun"
	"github.com/gwsync/gwsync/gatewaykind/huawei"
)

func init() {
	gatewaykind.Register(aliyun.Kind{})
	gatewaykind.Register(huawei.Kind{})
}
