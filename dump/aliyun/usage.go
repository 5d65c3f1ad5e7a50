package aliyun

import "github.com/gwsync/gwsync/dump"

// Usage is what gwsync dump's help and flag checks say of APIG gateways:
// provider aliyun names a gateway by --gateway-id, provider local is the
// embedded gateway in --state-dir.
func Usage() dump.Usage {
	return dump.Usage{
		Naming: "provider aliyun, or --provider local for the local gateway in --state-dir",
		LeftOut: "a policy class gwsync does not model, a policy attached to a resource gwsync does not manage, " +
			"a route that is not deployed, resources marked by another desired state",
		Examples: []string{
			"gwsync dump --gateway-id gw-orders-prod --region cn-hangzhou --out orders-prod/",
			"gwsync dump --provider local --out adopted --split per-api",
			"gwsync dump examples/orders --out adopted-orders --with-ids",
		},
		GatewayID: "gw-...",
		Region:    "cn-hangzhou",
		Split:     "api-<name>.cue per HTTP API",
		WithIDs:   "environments' id (Alibaba)",
		Providers: map[string]dump.Target{
			"aliyun": {IDMissing: "name the gateway to dump: --gateway-id ID --region R, --provider local, or a PATH whose gateway block names it"},
			"local":  {Help: "the embedded gateway in --state-dir", NoID: "the local gateway is the one in --state-dir"},
		},
	}
}
