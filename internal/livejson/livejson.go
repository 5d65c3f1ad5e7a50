// Package livejson reads the live gateways test fixtures write as JSON: a
// model.Live with its keys matched to the Go field names, where a Huawei
// instance's state is under State.Huawei.
package livejson

import (
	"encoding/json"
	"strings"

	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// Decode decodes src, refusing unknown fields.
func Decode(src string) (*model.Live, error) {
	var wire struct {
		model.Live
		State struct {
			model.Desired
			Huawei *hwmodel.State
		}
	}
	dec := json.NewDecoder(strings.NewReader(src))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&wire); err != nil {
		return nil, err
	}
	live := wire.Live
	live.State = wire.State.Desired
	if wire.State.Huawei != nil {
		live.State.State = wire.State.Huawei
	}
	return &live, nil
}
