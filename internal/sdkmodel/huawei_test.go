package sdkmodel

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/apig/v2/model"
)

func TestHuaweiFacts(t *testing.T) {
	f, err := Huawei()
	if err != nil {
		t.Fatal(err)
	}
	if f.Commit == "" || f.Commit == "unknown" {
		t.Errorf("the SDK's version is not known: %q", f.Commit)
	}
	acl := f.Operations["ListAclStrategiesV2"]
	if acl == nil || acl.Method != "GET" || acl.Path != "/v2/{project_id}/apigw/instances/{instance_id}/acls" {
		t.Fatalf("ListAclStrategiesV2 = %+v", acl)
	}
	for _, k := range []string{"name", "precise_search", "offset", "limit"} {
		if acl.Query[k] == nil {
			t.Errorf("ListAclStrategiesV2 has no query parameter %s: %v", k, acl.Query)
		}
	}
	if acl.Query["acl_name"] != nil || acl.Query["instance_id"] != nil {
		t.Errorf("ListAclStrategiesV2's query holds a path or unknown parameter: %v", acl.Query)
	}
	api := f.Operations["CreateApiV2"]
	if api.Body["backend_api"] == nil || api.Body["name"] == nil || api.Body["instance_id"] != nil {
		t.Errorf("CreateApiV2's body is not ApiCreate's fields: %v", api.Body)
	}
	vs, err := f.CheckResponse("ListApiGroupsV2", []byte(`{"total":1,"size":1,"groups":[{"id":"g","url_domains":[{"id":"d","ssl_infos":[{"cert_id":"c","type":"instance"}]}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range vs {
		got = append(got, v.String())
	}
	want := []string{"response.groups[0].url_domains[0].ssl_infos[0].cert_id: the SDK's model SslInfo has no such key (it has algorithm_type, is_has_trusted_root_ca, ssl_id, ssl_name, type)",
		"response.groups[0].url_domains[0].ssl_infos[0].type: is string; the SDK's model SslInfo says integer"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("violations:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := HuaweiDefinition("ListApiAclStrategiesV2"); err == nil {
		t.Error("an operation the SDK does not have has a definition")
	}
}

func TestHuaweiDecode(t *testing.T) {
	h := http.Header{"Content-Type": {"application/json"}}
	got, err := HuaweiDecode("ListEnvironmentsV2", 200, h, []byte(`{"total":1,"size":1,"envs":[{"id":"e","name":"RELEASE","create_time":"2024-05-30T14:30:00Z"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	envs := got.(*model.ListEnvironmentsV2Response)
	if envs.HttpStatusCode != 200 || len(*envs.Envs) != 1 || *(*envs.Envs)[0].Name != "RELEASE" {
		t.Errorf("decoded %+v", envs)
	}
	_, err = HuaweiDecode("ListApiGroupsV2", 200, h, []byte(`{"total":1,"size":1,"groups":[{"id":"g","url_domains":[{"ssl_infos":[{"type":"instance"}]}]}]}`))
	var se *sdkerr.ServiceResponseError
	if !errors.As(err, &se) {
		t.Errorf("a string where the model has an integer decodes: %v", err)
	}
	_, err = HuaweiDecode("DeleteApiV2", 409, h, []byte(`{"error_code":"APIG.3416","error_msg":"published"}`))
	if !errors.As(err, &se) || se.ErrorCode != "APIG.3416" || se.StatusCode != 409 {
		t.Errorf("an error answer: %v", err)
	}
}
