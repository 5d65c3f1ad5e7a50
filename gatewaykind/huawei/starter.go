package huawei

import (
	"github.com/gwsync/gwsync/starter"
	hwstarter "github.com/gwsync/gwsync/starter/huawei"
)

// Starter implements starter.Starters.
func (Kind) Starter(provider string) (starter.Starter, bool) { return hwstarter.Starter(provider) }
