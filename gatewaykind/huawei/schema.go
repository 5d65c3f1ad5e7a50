package huawei

import (
	"github.com/gwsync/gwsync/schema"
	hwschema "github.com/gwsync/gwsync/schema/huawei"
)

// DesiredShape implements schema.Shapes.
func (Kind) DesiredShape() schema.Shape { return hwschema.Shape() }
