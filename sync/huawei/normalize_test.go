package huawei

import (
	"encoding/json"
	"strings"
	"testing"

	hwmodel "github.com/gwsync/gwsync/model/huawei"
	gwsync "github.com/gwsync/gwsync/sync"
)

// TestHuaweiAPIDocWhatTheGatewayAnswers: an API the gateway answers the
// way the SDK's models and the seed document say it does compares equal to
// the desired one it was made from.
func TestHuaweiAPIDocWhatTheGatewayAnswers(t *testing.T) {
	channel := "abcd1234512345678aab9a2614a197ef"
	mock := func(status int) *hwmodel.API {
		return &hwmodel.API{Name: "m", Group: "g", ReqMethod: "GET", ReqURI: "/m", AuthType: "NONE", BackendType: "MOCK",
			MockInfo:    &hwmodel.MockInfo{ResultContent: "ok", StatusCode: status},
			PolicyMocks: []*hwmodel.PolicyBackend{{Name: "p", Kind: hwmodel.PolicyMock, Mock: &hwmodel.MockInfo{StatusCode: status}}}}
	}
	viaChannel := func(urlDomain string, passThrough int) *hwmodel.API {
		return &hwmodel.API{Name: "c", Group: "g", ReqMethod: "GET", ReqURI: "/c", AuthType: "NONE", BackendType: "HTTP",
			ReqParams:  []*hwmodel.ReqParam{{Name: "q", Type: "STRING", Location: "QUERY", PassThrough: passThrough}},
			BackendAPI: &hwmodel.BackendAPI{ReqProtocol: "HTTP", ReqMethod: "GET", ReqURI: "/", URLDomain: urlDomain, VPCChannelID: channel}}
	}
	cases := []struct {
		name       string
		want, live *hwmodel.API
		equal      bool
	}{
		{"a mock's status_code, which no answer carries", mock(201), mock(0), true},
		{"a mock without status_code", mock(0), mock(0), true},
		{"a VPC channel's ID as url_domain, and pass_through 1, when neither was sent", viaChannel("", 0), viaChannel(channel, 1), true},
		{"pass_through 2 written", viaChannel("", 2), viaChannel(channel, 1), false},
		{"another url_domain", viaChannel("", 0), viaChannel("10.0.0.1:80", 1), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := apiDoc(c.want, "")
			have := liveAPIDoc(c.live, "", want)
			if got := gwsync.EqualDocs(have, want); got != c.equal {
				t.Errorf("equal = %v, want %v: %v", got, c.equal, gwsync.FieldChanges(have, want))
			}
		})
	}
	body, _ := json.Marshal(apiDoc(mock(0), ""))
	if strings.Contains(string(body), "status_code") {
		t.Errorf("a mock without status_code sends one: %s", body)
	}
	body, _ = json.Marshal(apiDoc(mock(404), ""))
	if strings.Count(string(body), `"status_code":404`) != 2 {
		t.Errorf("a mock's status_code is not sent as written: %s", body)
	}
}
