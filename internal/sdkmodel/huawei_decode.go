package sdkmodel

import (
	"bytes"
	"fmt"
	"io"
	"net/http"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/def"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/exchange"
	hwapig "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/apig/v2"
)

// HuaweiDecode decodes one recorded answer to the Huawei operation op as
// the SDK's typed client (ApigClient.Xxx) does: the answer goes through
// the SDK's own HTTP client, its error handling and its decoding into the
// operation's response model. It returns the decoded response model, or
// the SDK's error: an *sdkerr.ServiceResponseError for an error status or
// for an answer the model cannot hold.
func HuaweiDecode(op string, status int, header http.Header, body []byte) (any, error) {
	d, err := HuaweiDefinition(op)
	if err != nil {
		return nil, err
	}
	creds, err := basic.NewCredentialsBuilder().WithAk("replay").WithSk("replay").WithProjectId("replay").SafeBuild()
	if err != nil {
		return nil, fmt.Errorf("sdkmodel: replay credentials: %w", err)
	}
	rt := replay{status: status, header: header, body: body}
	hc, err := hwapig.ApigClientBuilder().WithEndpoint("http://replay.invalid").WithCredential(creds).
		WithHttpConfig(config.DefaultHttpConfig().WithHttpRoundTripper(rt)).SafeBuild()
	if err != nil {
		return nil, fmt.Errorf("sdkmodel: a replay client: %w", err)
	}
	// The request's own fields are left out: the answer is replayed
	// whatever is asked.
	replayDef := &def.HttpRequestDef{Method: d.Method, Path: "/replay", ContentType: d.ContentType,
		ResponseFields: d.ResponseFields, Response: d.Response}
	ex := &exchange.SdkExchange{ApiReference: &exchange.ApiReference{}, Attributes: map[string]any{}}
	return hc.SyncInvoke(&struct{}{}, replayDef, ex)
}

// replay is a round tripper that answers every request with one recorded
// answer.
type replay struct {
	status int
	header http.Header
	body   []byte
}

func (r replay) RoundTrip(req *http.Request) (*http.Response, error) {
	h := r.header.Clone()
	if h == nil {
		h = http.Header{}
	}
	return &http.Response{StatusCode: r.status, Status: http.StatusText(r.status), Header: h, Request: req,
		Body: io.NopCloser(bytes.NewReader(r.body)), ContentLength: int64(len(r.body)), Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1}, nil
}
