package sdkhmac

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/signer"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/request"
)

// TestSDKSignerVerified signs requests with the Huawei Cloud Go SDK's own
// signer and checks that Verify accepts them (and rejects a tampered one).
func TestSDKSignerVerified(t *testing.T) {
	const ak, sk = "HWAKEXAMPLE", "hwSecretExample0123456789"
	now := time.Now().UTC()
	v := &Verifier{Keys: map[string]string{ak: sk}}
	cases := []struct {
		name, method, path string
		query              map[string]string
		body               any
	}{
		{"list with query", http.MethodGet, "/v2/p1/apigw/instances/i1/apis", map[string]string{"group_id": "g 1", "limit": "500", "name": "a/b*"}, nil},
		{"create with body", http.MethodPost, "/v2/p1/apigw/instances/i1/api-groups", nil, map[string]string{"name": "group_1", "remark": "中文"}},
		{"delete", http.MethodDelete, "/v2/p1/apigw/instances/i1/envs/e1", nil, nil},
	}
	for _, c := range cases {
		b := request.NewHttpRequestBuilder().WithEndpoint("http://127.0.0.1:9080").WithPath(c.path).WithMethod(c.method).
			AddHeaderParam("User-Agent", "huaweicloud-usdk-go/3.0").AddHeaderParam(HeaderProjectID, "p1").
			AddHeaderParam(HeaderDate, now.Format(DateLayout))
		for k, val := range c.query {
			b = b.AddQueryParam(k, val)
		}
		if c.body != nil {
			b = b.AddHeaderParam("Content-Type", "application/json;charset=UTF-8").WithBody("application/json", c.body)
		}
		sdkReq := b.Build()
		add, err := signer.Sign(sdkReq, ak, sk)
		if err != nil {
			t.Fatalf("%s: SDK Sign: %v", c.name, err)
		}
		for k, val := range add {
			sdkReq.AddHeaderParam(k, val)
		}
		httpReq, err := sdkReq.ConvertRequest()
		if err != nil {
			t.Fatalf("%s: ConvertRequest: %v", c.name, err)
		}
		body := readAll(t, httpReq)
		r := serverSide(httpReq, body)
		if got, err := v.Verify(r, body); err != nil || got != ak {
			t.Errorf("%s: Verify = %q, %v\nAuthorization: %s", c.name, got, err, httpReq.Header.Get("Authorization"))
		}
		r = serverSide(httpReq, append(body, ' '))
		if _, err := v.Verify(r, append(body, ' ')); err == nil && c.body != nil {
			t.Errorf("%s: a changed body was accepted", c.name)
		}
	}
}

func readAll(t *testing.T, r *http.Request) []byte {
	t.Helper()
	if r.Body == nil {
		return nil
	}
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// serverSide turns a client request into what a server receives.
func serverSide(c *http.Request, body []byte) *http.Request {
	r := httptest.NewRequest(c.Method, c.URL.RequestURI(), bytes.NewReader(body))
	r.Host = c.URL.Host
	for k, vs := range c.Header {
		r.Header[k] = vs
	}
	return r
}
