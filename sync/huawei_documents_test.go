package sync

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestHuaweiDocumentsRoundTrip: every Huawei change's documents decode
// back into their own types (a saved plan is read by kind and action), and
// a Huawei domain document is told from an Aliyun one.
func TestHuaweiDocumentsRoundTrip(t *testing.T) {
	three := 3
	changes := []*Change{
		{Action: Create, Kind: KindEnvironment, Name: "TEST", After: &HuaweiEnvironmentDoc{Remark: "[gwsync]"}},
		{Action: Update, Kind: KindGroup, Name: "orders", Before: &HuaweiGroupDoc{}, After: &HuaweiGroupDoc{Remark: "x [gwsync]"}},
		{Action: Create, Kind: KindVariable, Name: "host", After: &HuaweiVariableDoc{Group: "orders", Env: "RELEASE", VariableName: "host", VariableValue: "a.example.com"}},
		{Action: Create, Kind: KindAPI, Name: "get_order", After: &HuaweiAPIDoc{Group: "orders", Type: 1, ReqProtocol: "HTTPS", ReqMethod: "GET",
			ReqURI: "/orders/{id}", MatchMode: "NORMAL", AuthType: "NONE", BackendType: "MOCK", MockInfo: &HuaweiMockInfoDoc{ResultContent: "ok", StatusCode: 200},
			ReqParams:   []HuaweiReqParamDoc{{Name: "id", Type: "STRING", Location: "PATH", Required: 1, ValidEnable: 2, PassThrough: 2, MaxSize: &three}},
			PolicyMocks: []HuaweiPolicyBackendDoc{{Name: "p", EffectMode: "ANY", Conditions: []HuaweiConditionDoc{{ConditionOrigin: "source", ConditionValue: "1.2.3.4"}}}}}},
		{Action: Deploy, Kind: KindAPI, Name: "get_order", Resource: HuaweiPublicationKey("orders", "get_order", "RELEASE"), After: &DeployDoc{Environment: "RELEASE"}},
		{Action: Create, Kind: KindThrottle, Name: "t", After: &HuaweiThrottleDoc{APICallLimits: 10, IPCallLimits: &three, TimeInterval: 1, TimeUnit: "SECOND", Type: 1}},
		{Action: Create, Kind: KindACL, Name: "a", After: &HuaweiACLDoc{ACLType: "PERMIT", EntityType: "IP", ACLValue: "1.1.1.1,2.2.2.2"}},
		{Action: Create, Kind: KindPlugin, Name: "cors", After: &HuaweiPluginDoc{PluginType: "cors", PluginScope: "global", PluginContent: map[string]any{"allow_origin": "*"}}},
		{Action: Attach, Kind: KindBinding, Name: "t", After: &HuaweiBindingDoc{PolicyKind: "throttles", Policy: "t", Group: "orders", API: "get_order", Env: "RELEASE"}},
		{Action: Create, Kind: KindDomain, Name: "api.example.com", After: &HuaweiDomainDoc{Group: "orders", MinSSLVersion: "TLSv1.2", IngressHTTPPort: &three}},
		{Action: Create, Kind: KindDomain, Name: "a.example.com", After: &DomainDoc{Protocol: "HTTP"}},
	}
	for _, c := range changes {
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		var back Change
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s: %v", c.Label(), err)
		}
		if !reflect.DeepEqual(back.After, c.After) || !reflect.DeepEqual(back.Before, c.Before) {
			t.Errorf("%s: read back %#v, want %#v", c.Label(), back.After, c.After)
		}
	}
}
