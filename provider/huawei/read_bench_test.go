package huawei

import (
	"context"
	"fmt"
	"testing"

	emu "github.com/gwsync/gwsync/emulator/huawei"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// BenchmarkRead reads an instance of 10 groups of 20 published MOCK APIs
// each, with a throttle bound to every API: go test -run '^$' -bench
// BenchmarkRead ./provider/huawei. It reports the calls one read makes.
func BenchmarkRead(b *testing.B) {
	h := newHarness(b, emu.Faults{})
	s := &seeder{h: h, t: b}
	thr := s.call("CreateRequestThrottlingPolicyV2", "POST", "/throttles", nil,
		wireThrottle{Name: "bench_throttle", APICallLimits: 100, TimeInterval: 1, TimeUnit: "SECOND"})["id"].(string)
	for g := range 10 {
		gid := s.call("CreateApiGroupV2", "POST", "/api-groups", nil, nameRemark{fmt.Sprintf("group_%02d", g), ""})["id"].(string)
		for a := range 20 {
			id := s.call("CreateApiV2", "POST", "/apis", nil, map[string]any{"group_id": gid, "name": fmt.Sprintf("api_%02d_%02d", g, a),
				"type": 1, "req_protocol": "HTTPS", "req_method": "GET", "req_uri": fmt.Sprintf("/r%d", a), "auth_type": "NONE",
				"backend_type": "MOCK", "mock_info": map[string]any{"result_content": "ok"}})["id"].(string)
			pub := s.call("CreateOrDeletePublishRecordForApiV2", "POST", "/apis/action", nil,
				map[string]string{"action": "online", "api_id": id, "env_id": emu.ReleaseEnvID})["publish_id"].(string)
			s.call("AssociateRequestThrottlingPolicyV2", "POST", "/throttle-bindings", nil,
				map[string]any{"strategy_id": thr, "publish_ids": []string{pub}})
		}
	}
	before := h.c.Calls()
	b.ResetTimer()
	for range b.N {
		live, err := h.gw.Read(context.Background())
		if err != nil || len(hwmodel.Of(&live.State).APIs()) != 200 || len(hwmodel.Of(&live.State).Throttles[0].Bind) != 200 {
			b.Fatalf("read: %v", err)
		}
	}
	b.ReportMetric(float64(h.c.Calls()-before)/float64(b.N), "calls/read")
}
