package huawei

import (
	"errors"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	apig "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/apig/v2"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/apig/v2/model"
)

func sdkClient(t *testing.T, h *harness, sk string) *apig.ApigClient {
	t.Helper()
	auth, err := basic.NewCredentialsBuilder().WithAk(testAK).WithSk(sk).WithProjectId(h.srv.ProjectID()).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	hc, err := apig.ApigClientBuilder().WithEndpoint(h.ctl.URL).WithCredential(auth).
		WithHttpConfig(config.DefaultHttpConfig()).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	return apig.NewApigClient(hc)
}

// TestSDKClient drives the emulator with the Huawei Cloud Go SDK itself:
// environment, group, variable, API (with a #var# backend), publish, list,
// a MOCK API served by the data plane, and the SDK's view of errors.
func TestSDKClient(t *testing.T) {
	h := newHarness(t)
	c := sdkClient(t, h, testSK)
	inst := h.srv.InstanceID()

	env, err := c.CreateEnvironmentV2(&model.CreateEnvironmentV2Request{InstanceId: inst, Body: &model.EnvCreate{Name: "staging"}})
	if err != nil || env.HttpStatusCode != 201 || env.Id == nil {
		t.Fatalf("CreateEnvironmentV2: %+v, %v", env, err)
	}
	grp, err := c.CreateApiGroupV2(&model.CreateApiGroupV2Request{InstanceId: inst, Body: &model.ApiGroupCreate{Name: "orders_group"}})
	if err != nil || grp.HttpStatusCode != 201 || grp.Id == "" || grp.SlDomain == "" {
		t.Fatalf("CreateApiGroupV2: %+v, %v", grp, err)
	}
	if _, err := c.CreateEnvironmentVariableV2(&model.CreateEnvironmentVariableV2Request{InstanceId: inst,
		Body: &model.EnvVariableCreate{GroupId: &grp.Id, EnvId: env.Id, VariableName: ptr("backend_host"), VariableValue: "orders.internal:8080"}}); err != nil {
		t.Fatalf("CreateEnvironmentVariableV2: %v", err)
	}

	vpcDirect := model.GetBackendApiCreateVpcChannelStatusEnum().E_2
	httpAPI, err := c.CreateApiV2(&model.CreateApiV2Request{InstanceId: inst, Body: &model.ApiCreate{
		Name: "get_order", Type: model.GetApiCreateTypeEnum().E_1, GroupId: grp.Id,
		ReqProtocol: model.GetApiCreateReqProtocolEnum().HTTPS, ReqMethod: model.GetApiCreateReqMethodEnum().GET,
		ReqUri: "/orders/{id}", AuthType: model.GetApiCreateAuthTypeEnum().NONE,
		BackendType: model.GetApiCreateBackendTypeEnum().HTTP,
		ReqParams:   &[]model.ReqParamBase{{Name: "id", Type: model.GetReqParamBaseTypeEnum().STRING, Location: model.GetReqParamBaseLocationEnum().PATH}},
		BackendApi: &model.BackendApiCreate{ReqProtocol: ptr(model.GetBackendApiCreateReqProtocolEnum().HTTP),
			ReqMethod: ptr(model.GetBackendApiCreateReqMethodEnum().GET), ReqUri: ptr("/v1/orders/{id}"), Timeout: 5000,
			UrlDomain: ptr("#backend_host#"), VpcChannelStatus: &vpcDirect},
	}})
	if err != nil || httpAPI.HttpStatusCode != 201 || httpAPI.Id == nil || httpAPI.BackendApi == nil || httpAPI.BackendApi.Id == nil {
		t.Fatalf("CreateApiV2: %+v, %v", httpAPI, err)
	}
	content := "mock success"
	mockAPI, err := c.CreateApiV2(&model.CreateApiV2Request{InstanceId: inst, Body: &model.ApiCreate{
		Name: "mock_api", Type: model.GetApiCreateTypeEnum().E_1, GroupId: grp.Id,
		ReqProtocol: model.GetApiCreateReqProtocolEnum().HTTPS, ReqMethod: model.GetApiCreateReqMethodEnum().GET,
		ReqUri: "/mock", AuthType: model.GetApiCreateAuthTypeEnum().NONE,
		BackendType: model.GetApiCreateBackendTypeEnum().MOCK, MockInfo: &model.ApiMockCreate{ResultContent: &content},
	}})
	if err != nil {
		t.Fatalf("CreateApiV2 (MOCK): %v", err)
	}

	// Publishing get_order to RELEASE fails: #backend_host# is staging's only.
	_, err = c.CreateOrDeletePublishRecordForApiV2(&model.CreateOrDeletePublishRecordForApiV2Request{InstanceId: inst,
		Body: &model.ApiActionInfo{Action: model.GetApiActionInfoActionEnum().ONLINE, ApiId: *httpAPI.Id, EnvId: ReleaseEnvID}})
	wantSDKError(t, err, 400, codeVariableMissing)

	pub, err := c.CreateOrDeletePublishRecordForApiV2(&model.CreateOrDeletePublishRecordForApiV2Request{InstanceId: inst,
		Body: &model.ApiActionInfo{Action: model.GetApiActionInfoActionEnum().ONLINE, ApiId: *httpAPI.Id, EnvId: *env.Id}})
	if err != nil || pub.HttpStatusCode != 201 || pub.PublishId == nil || pub.VersionId == nil {
		t.Fatalf("publish: %+v, %v", pub, err)
	}
	batch, err := c.BatchPublishOrOfflineApiV2(&model.BatchPublishOrOfflineApiV2Request{InstanceId: inst, Action: "online",
		Body: &model.ApiBatchPublish{EnvId: ReleaseEnvID, Apis: &[]string{*mockAPI.Id, "0000"}}})
	if err != nil || batch.HttpStatusCode != 200 || len(*batch.Success) != 1 || len(*batch.Failure) != 1 {
		t.Fatalf("batch publish: %+v, %v", batch, err)
	}
	if f := (*batch.Failure)[0]; *f.ErrorCode != codeAPINotFound {
		t.Errorf("batch failure = %+v, want %s", f, codeAPINotFound)
	}

	list, err := c.ListApisV2(&model.ListApisV2Request{InstanceId: inst, GroupId: &grp.Id})
	if err != nil || list.Total != 2 || len(*list.Apis) != 2 {
		t.Fatalf("ListApisV2: %+v, %v", list, err)
	}
	if got := (*list.Apis)[0].RunEnvName; got == nil || *got != "staging" {
		t.Errorf("get_order run_env_name = %v, want staging", got)
	}
	name := "mock_api"
	exact, err := c.ListApisV2(&model.ListApisV2Request{InstanceId: inst, Name: &name, PreciseSearch: &name})
	if err != nil || exact.Total != 1 {
		t.Fatalf("ListApisV2 precise: %+v, %v", exact, err)
	}
	groups, err := c.ListApiGroupsV2(&model.ListApiGroupsV2Request{InstanceId: inst})
	if err != nil || groups.Total != 1 || (*groups.Groups)[0].Name != "orders_group" {
		t.Fatalf("ListApiGroupsV2: %+v, %v", groups, err)
	}
	show, err := c.ShowDetailsOfApiV2(&model.ShowDetailsOfApiV2Request{InstanceId: inst, ApiId: *mockAPI.Id})
	if err != nil || show.MockInfo == nil || *show.MockInfo.ResultContent != "mock success" {
		t.Fatalf("ShowDetailsOfApiV2: %+v, %v", show, err)
	}

	if r := get(t, h.dp.URL+"/mock", nil); r.status != 200 || r.raw != "mock success" {
		t.Errorf("data plane /mock = %d %q, want 200 mock success", r.status, r.raw)
	}

	_, err = c.DeleteApiV2(&model.DeleteApiV2Request{InstanceId: inst, ApiId: *mockAPI.Id})
	wantSDKError(t, err, 409, codeAPIPublished)
	_, err = c.CreateApiGroupV2(&model.CreateApiGroupV2Request{InstanceId: inst, Body: &model.ApiGroupCreate{Name: "orders_group"}})
	wantSDKError(t, err, 400, codeGroupNameTaken)
	_, err = sdkClient(t, h, "wrongSecret").ListApiGroupsV2(&model.ListApiGroupsV2Request{InstanceId: inst})
	wantSDKError(t, err, 401, codeBadToken)
}

func wantSDKError(t *testing.T, err error, status int, code string) {
	t.Helper()
	var se *sdkerr.ServiceResponseError
	if !errors.As(err, &se) {
		t.Fatalf("err = %v, want a ServiceResponseError %d %s", err, status, code)
	}
	if se.StatusCode != status || se.ErrorCode != code || se.RequestId == "" {
		t.Errorf("err = %d %s (request %q): %s; want %d %s", se.StatusCode, se.ErrorCode, se.RequestId, se.ErrorMessage, status, code)
	}
}

func ptr[T any](v T) *T { return &v }
