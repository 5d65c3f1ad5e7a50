package huawei

import (
	"github.com/gwsync/gwsync/dump"
	hwdump "github.com/gwsync/gwsync/dump/huawei"
	"github.com/gwsync/gwsync/model"
)

// DumpLive writes a live Huawei instance as its desired state.
func (Kind) DumpLive(live *model.Live, opts dump.Options) (*dump.Result, error) {
	return hwdump.Build(live, opts)
}

// DumpUsage is what gwsync dump says of Huawei instances.
func (Kind) DumpUsage() dump.Usage { return hwdump.Usage() }
