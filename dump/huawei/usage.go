package huawei

import (
	"github.com/gwsync/gwsync/dump"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// Usage is what gwsync dump's help and flag checks say of Huawei
// instances: named by --gateway-id, --region and --project-id, or by a
// gateway block with local: true for the embedded Huawei gateway.
func Usage() dump.Usage {
	return dump.Usage{
		Naming:   "--provider huawei with the instance ID as --gateway-id, --region and --project-id for a Huawei Cloud APIG instance",
		PathNote: "for Huawei, with local: true, the embedded Huawei gateway in --state-dir",
		Paragraphs: []string{"A Huawei instance is written in the shape of examples/huawei-orders: environments " +
			"(RELEASE always declared), groups with their domains, variables and APIs (the API's " +
			"own field names, the defaults the API fills in left out, publish lists), throttles, " +
			"ACLs and plugins with their bind lists. --split per-api writes a file per group " +
			"(group-<name>.cue), since a Huawei API lives inside its group."},
		LeftOut: "for Huawei also what depends on a left-out resource, a plugin whose content is not JSON, " +
			"and what the read notes, such as a throttle's special throttles",
		Examples:  []string{"gwsync dump examples/huawei-orders --out adopted-huawei"},
		GatewayID: "a Huawei instance ID",
		Region:    "cn-north-4",
		Split:     "for Huawei, group-<name>.cue per group",
		Providers: map[string]dump.Target{
			hwmodel.Provider: {
				IDMissing: "name the Huawei instance to dump: --provider huawei --gateway-id INSTANCE --region R --project-id P, " +
					"or a PATH whose gateway block names it (local: true for the embedded Huawei gateway)",
				ProjectID: "the Huawei Cloud project ID of the region",
			},
		},
	}
}
