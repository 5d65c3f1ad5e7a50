package compiler

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestGatewayIdentity(t *testing.T) {
	root := writeTree(t, map[string]string{
		"cue.mod/module.cue": fleetModule,
		"shared/base.cue":    "package shared\n\nbase: {provider: \"aliyun\", region: \"cn-hangzhou\"}\n",
		"prod/gateway.cue":   "package gateway\n\nimport \"example.com/fleet/shared\"\n\ngateway: shared.base & {id: \"gw-prod\"}\n",
		// The routes are wrong (a string where a struct belongs): the
		// gateway is still named.
		"prod/routes.cue":     "package gateway\n\nhttpApis: \"oops\"\n",
		"dev/gateway.yaml":    "gateway:\n  provider: local\n",
		"huawei/gateway.json": "{\"gateway\": {\"provider\": \"huawei\", \"id\": \"inst-1\", \"projectId\": \"p\"}}",
		"broken/gateway.cue":  "package gateway\n\ngateway: {\n",
		"noprovider/gw.cue":   "package gateway\n\ngateway: id: \"x\"\n",
	})
	for dir, want := range map[string]Identity{
		"prod":   {Provider: "aliyun", ID: "gw-prod"},
		"dev":    {Provider: "local", Local: true},
		"huawei": {Provider: "huawei", ID: "inst-1"},
	} {
		got, err := GatewayIdentity(filepath.Join(root, dir))
		if err != nil || got != want {
			t.Errorf("GatewayIdentity(%s) = %+v, %v; want %+v", dir, got, err, want)
		}
	}
	for dir, want := range map[string]string{"broken": "gateway.cue:", "noprovider": "gateway.provider"} {
		if _, err := GatewayIdentity(filepath.Join(root, dir)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("GatewayIdentity(%s) error %v, want one naming %q", dir, err, want)
		}
	}
}

func TestGatewayIdentityOfTheTypedExample(t *testing.T) {
	got, err := GatewayIdentity("../examples/typed")
	if want := (Identity{Provider: "local", ID: "gw-orders-prod", Local: true}); err != nil || got != want {
		t.Errorf("GatewayIdentity(examples/typed) = %+v, %v; want %+v", got, err, want)
	}
}
