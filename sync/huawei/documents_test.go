package huawei_test

import (
	"encoding/json"
	"reflect"
	"testing"

	_ "github.com/gwsync/gwsync/gatewaykind/builtin"
	gwsync "github.com/gwsync/gwsync/sync"
	hwsync "github.com/gwsync/gwsync/sync/huawei"
)

// TestHuaweiDocumentsRoundTrip: every Huawei change's documents decode
// back into their own types (a saved plan is read by kind and action), and
// a Huawei domain document is told from an Aliyun one.
func TestHuaweiDocumentsRoundTrip(t *testing.T) {
	three := 3
	changes := []*gwsync.Change{
		{Action: gwsync.Create, Kind: hwsync.KindEnvironment, Name: "TEST", After: &hwsync.EnvironmentDoc{Remark: "[gwsync]"}},
		{Action: gwsync.Update, Kind: hwsync.KindGroup, Name: "orders", Before: &hwsync.GroupDoc{}, After: &hwsync.GroupDoc{Remark: "x [gwsync]"}},
		{Action: gwsync.Create, Kind: hwsync.KindVariable, Name: "host", After: &hwsync.VariableDoc{Group: "orders", Env: "RELEASE", VariableName: "host", VariableValue: "a.example.com"}},
		{Action: gwsync.Create, Kind: hwsync.KindAPI, Name: "get_order", After: &hwsync.APIDoc{Group: "orders", Type: 1, ReqProtocol: "HTTPS", ReqMethod: "GET",
			ReqURI: "/orders/{id}", MatchMode: "NORMAL", AuthType: "NONE", BackendType: "MOCK", MockInfo: &hwsync.MockInfoDoc{ResultContent: "ok", StatusCode: 200},
			ReqParams:   []hwsync.ReqParamDoc{{Name: "id", Type: "STRING", Location: "PATH", Required: 1, ValidEnable: 2, PassThrough: 2, MaxSize: &three}},
			PolicyMocks: []hwsync.PolicyBackendDoc{{Name: "p", EffectMode: "ANY", Conditions: []hwsync.ConditionDoc{{ConditionOrigin: "source", ConditionValue: "1.2.3.4"}}}}}},
		{Action: gwsync.Deploy, Kind: hwsync.KindAPI, Name: "get_order", Resource: hwsync.PublicationKey("orders", "get_order", "RELEASE"), After: &gwsync.DeployDoc{Environment: "RELEASE"}},
		{Action: gwsync.Create, Kind: hwsync.KindThrottle, Name: "t", After: &hwsync.ThrottleDoc{APICallLimits: 10, IPCallLimits: &three, TimeInterval: 1, TimeUnit: "SECOND", Type: 1}},
		{Action: gwsync.Create, Kind: hwsync.KindACL, Name: "a", After: &hwsync.ACLDoc{ACLType: "PERMIT", EntityType: "IP", ACLValue: "1.1.1.1,2.2.2.2"}},
		{Action: gwsync.Create, Kind: hwsync.KindPlugin, Name: "cors", After: &hwsync.PluginDoc{PluginType: "cors", PluginScope: "global", PluginContent: map[string]any{"allow_origin": "*"}}},
		{Action: gwsync.Attach, Kind: hwsync.KindBinding, Name: "t", After: &hwsync.BindingDoc{PolicyKind: "throttles", Policy: "t", Group: "orders", API: "get_order", Env: "RELEASE"}},
		{Action: gwsync.Create, Kind: gwsync.KindDomain, Name: "api.example.com", After: &hwsync.DomainDoc{Group: "orders", MinSSLVersion: "TLSv1.2", IngressHTTPPort: &three}},
		{Action: gwsync.Create, Kind: gwsync.KindDomain, Name: "a.example.com", After: &gwsync.DomainDoc{Protocol: "HTTP"}},
	}
	for _, c := range changes {
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		var back gwsync.Change
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s: %v", c.Label(), err)
		}
		if !reflect.DeepEqual(back.After, c.After) || !reflect.DeepEqual(back.Before, c.Before) {
			t.Errorf("%s: read back %#v, want %#v", c.Label(), back.After, c.After)
		}
	}
}
