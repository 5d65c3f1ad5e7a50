package aliyun

import (
	"github.com/gwsync/gwsync/dump"
	alidump "github.com/gwsync/gwsync/dump/aliyun"
	"github.com/gwsync/gwsync/model"
)

// DumpLive writes a live APIG gateway as its desired state.
func (Kind) DumpLive(live *model.Live, opts dump.Options) (*dump.Result, error) {
	return alidump.Build(live, opts)
}

// DumpUsage is what gwsync dump says of APIG gateways.
func (Kind) DumpUsage() dump.Usage { return alidump.Usage() }
