// Package livejson reads the live gateways test fixtures write as JSON: a
// model.Live with its keys matched to the Go field names, where an APIG
// gateway's lists sit directly under State (its unmanaged attachments
// under Unmanaged, beside State) and a Huawei instance's state is under
// State.Huawei.
package livejson

import (
	"encoding/json"
	"strings"

	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// Decode decodes src, refusing unknown fields. The live state is
// Huawei's when State.Huawei is there, APIG's otherwise.
func Decode(src string) (*model.Live, error) {
	var wire struct {
		model.Live
		Unmanaged []alimodel.UnmanagedAttachment
		State     struct {
			Gateway      model.Gateway
			Probes       []*model.Probe
			Environments []*alimodel.Environment
			Services     []*alimodel.Service
			Domains      []*alimodel.Domain
			Policies     []*alimodel.Policy
			HTTPAPIs     []*alimodel.HTTPAPI
			Attachments  []*alimodel.Attachment
			Huawei       *hwmodel.State
		}
	}
	dec := json.NewDecoder(strings.NewReader(src))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&wire); err != nil {
		return nil, err
	}
	live := wire.Live
	s := wire.State
	live.State = model.Desired{Gateway: s.Gateway, Probes: s.Probes}
	if s.Huawei != nil {
		live.State.State = s.Huawei
	} else {
		live.State.State = &alimodel.State{Environments: s.Environments, Services: s.Services, Domains: s.Domains,
			Policies: s.Policies, HTTPAPIs: s.HTTPAPIs, Attachments: s.Attachments, Unmanaged: wire.Unmanaged}
	}
	return &live, nil
}
