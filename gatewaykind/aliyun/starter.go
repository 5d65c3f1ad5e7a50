package aliyun

import (
	"github.com/gwsync/gwsync/starter"
	alistarter "github.com/gwsync/gwsync/starter/aliyun"
)

// Starter implements starter.Starters.
func (Kind) Starter(provider string) (starter.Starter, bool) { return alistarter.Starter(provider) }
