// End-to-end test: the real darabonba-openapi/v2 client (the one gwsync
// uses against Alibaba Cloud) signs requests that Verify must accept.

package acs3_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/gwsync/gwsync/emulator/aliyun/acs3"
)

// seen is what the test server reports back about an accepted request.
type seen struct {
	Path  string `json:"path"`
	Query string `json:"query"`
	Body  string `json:"body"`
	AK    string `json:"ak"`
}

// verifyingServer answers every request: an APIG error envelope when
// Verify rejects it, else a success envelope describing the request.
func verifyingServer(t *testing.T) *httptest.Server {
	v := &acs3.Verifier{Keys: map[string]string{probeAK: probeSecret}}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("read body: %v", err)
		}
		w.Header().Set("Content-Type", "application/json")
		ak, err := v.Verify(r, body)
		var e *acs3.Error
		if errors.As(err, &e) {
			w.WriteHeader(e.Status)
			_ = json.NewEncoder(w).Encode(map[string]string{"requestId": "req-1", "code": e.Code, "message": e.Message})
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"requestId": "req-1", "code": "Ok", "message": "success",
			"data": seen{Path: acs3.RequestPath(r), Query: r.URL.RawQuery, Body: string(body), AK: ak}})
	}))
}

// newSDKClient returns a darabonba-openapi client for the test server.
func newSDKClient(t *testing.T, srv *httptest.Server, secret string) *openapi.Client {
	c, err := openapi.NewClient(&openapi.Config{
		AccessKeyId:     dara.String(probeAK),
		AccessKeySecret: dara.String(secret),
		Endpoint:        dara.String(strings.TrimPrefix(srv.URL, "http://")),
		Protocol:        dara.String("HTTP"),
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// call runs one ROA operation and returns the data the server saw.
func call(c *openapi.Client, action, method, path string, query map[string]*string, body any) (seen, error) {
	params := &openapi.Params{
		Action: dara.String(action), Version: dara.String("2024-03-27"), Protocol: dara.String("HTTPS"),
		Pathname: dara.String(path), Method: dara.String(method), AuthType: dara.String("AK"),
		Style: dara.String("ROA"), ReqBodyType: dara.String("json"), BodyType: dara.String("json"),
	}
	res, err := c.CallApi(params, &openapi.OpenApiRequest{Query: query, Body: body}, &dara.RuntimeOptions{})
	if err != nil {
		return seen{}, err
	}
	raw, err := json.Marshal(res["body"].(map[string]any)["data"])
	if err != nil {
		return seen{}, err
	}
	var s seen
	return s, json.Unmarshal(raw, &s)
}

func TestSDKEndToEnd(t *testing.T) {
	srv := verifyingServer(t)
	defer srv.Close()
	good := newSDKClient(t, srv, probeSecret)

	t.Run("GET with tricky query", func(t *testing.T) {
		got, err := call(good, "ListHttpApiRoutes", "GET", "/v1/http-apis/api-1/routes", map[string]*string{
			"nameLike": dara.String("a b*~+/"), "empty": dara.String(""),
			"pageNumber": dara.String("1"), "名": dara.String("值 & =?#%"),
		}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got.AK != probeAK || !strings.Contains(got.Query, "nameLike=a+b%2A~%2B%2F") {
			t.Errorf("server saw %+v", got)
		}
	})

	t.Run("POST with JSON body and encoded path parameter", func(t *testing.T) {
		path := "/v1/http-apis/" + dara.PercentEncode("api-x y*~+/é") + "/routes"
		body := map[string]any{"name": "login", "match": map[string]any{
			"methods": []string{"GET"}, "path": map[string]any{"type": "Prefix", "value": "/user&<x>"}}}
		got, err := call(good, "CreateHttpApiRoute", "POST", path, nil, body)
		if err != nil {
			t.Fatal(err)
		}
		if got.Path != "/v1/http-apis/api-x%20y%2A~%2B%2F%C3%A9/routes" || !strings.Contains(got.Body, "&<x>") {
			t.Errorf("server saw %+v", got)
		}
	})

	t.Run("wrong secret", func(t *testing.T) {
		bad := newSDKClient(t, srv, "notTheSecret")
		_, err := call(bad, "ListHttpApiRoutes", "GET", "/v1/http-apis/api-1/routes",
			map[string]*string{"pageNumber": dara.String("1")}, nil)
		var sdkErr *tea.SDKError
		if !errors.As(err, &sdkErr) {
			t.Fatalf("error %v (%T), want *tea.SDKError", err, err)
		}
		if dara.IntValue(sdkErr.StatusCode) != 403 || dara.StringValue(sdkErr.Code) != acs3.CodeSignatureDoesNotMatch {
			t.Errorf("got %d %s", dara.IntValue(sdkErr.StatusCode), dara.StringValue(sdkErr.Code))
		}
		if strings.Contains(sdkErr.Error(), "notTheSecret") || strings.Contains(sdkErr.Error(), probeSecret) {
			t.Errorf("SDK error leaks a secret: %v", sdkErr)
		}
		t.Logf("SDK error: %v", sdkErr)
	})
}
