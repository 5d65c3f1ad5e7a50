package aliyun

import (
	"github.com/gwsync/gwsync/schema"
	alischema "github.com/gwsync/gwsync/schema/aliyun"
)

// DesiredShape implements schema.Shapes.
func (Kind) DesiredShape() schema.Shape { return alischema.Shape() }
