// Package aliyun is gwsync's provider for Alibaba Cloud APIG (the
// cloud-native API Gateway, API version 2024-03-27): a transport client
// that signs ROA calls through darabonba-openapi, retries transient
// failures with jittered exponential backoff, rate-limits itself and turns
// APIG's error answers into [*APIError]; and, built on it, the code that
// reads a live gateway.
//
// The same client talks to Alibaba Cloud and to gwsync's emulator (a
// loopback endpoint over plain HTTP).
package aliyun

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"
	"golang.org/x/time/rate"

	"github.com/gwsync/gwsync/provider/internal/callpolicy"
)

// apiVersion is the APIG API version every call names.
const apiVersion = "2024-03-27"

// conflictPrefix starts APIG's 409 codes; HasCode ignores it.
const conflictPrefix = "Conflict."

// Client calls APIG operations, with retries and a rate limit. Safe for
// concurrent use.
type Client struct {
	api     *openapi.Client
	http    *httpClient
	limiter *rate.Limiter // nil: no limit
	policy  callpolicy.Policy
}

// NewClient checks cfg and makes a Client from it.
func NewClient(cfg Config) (*Client, error) {
	if err := checkSDKDebug(os.Getenv("DEBUG")); err != nil {
		return nil, err
	}
	if err := cfg.check(); err != nil {
		return nil, err
	}
	ep, err := cfg.endpoint()
	if err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	hc := newHTTPClient()
	api, err := openapi.NewClient(sdkConfig(cfg, ep, hc))
	if err != nil {
		return nil, fmt.Errorf("aliyun: setting up the API client: %w", err)
	}
	return &Client{api: api, http: hc, limiter: callpolicy.NewLimiter(cfg.QPS), policy: callpolicy.Policy{
		Retries: cfg.MaxRetries, Backoff: callpolicy.NewBackoff(cfg.BaseBackoff, cfg.MaxBackoff, cfg.Seed),
		Sleep: cfg.Sleep, Transient: transient,
	}}, nil
}

// sdkDebugFlags are the DEBUG values with which the Alibaba Cloud SDK
// prints every request it sends, headers included (the security token),
// to stdout: its packages read DEBUG once, when the program starts.
var sdkDebugFlags = []string{"dara", "tea"}

// checkSDKDebug refuses to make a client while DEBUG would have the SDK
// print credentials (and break --format json).
func checkSDKDebug(debug string) error {
	for _, part := range strings.Split(debug, ",") {
		if slices.Contains(sdkDebugFlags, strings.TrimSpace(part)) {
			return fmt.Errorf("aliyun: DEBUG=%s makes the Alibaba Cloud SDK print every request, its security token included, to stdout; gwsync will not call the cloud so: unset DEBUG (or remove %q from it)", debug, strings.TrimSpace(part))
		}
	}
	return nil
}

// sdkConfig is the darabonba-openapi configuration for cfg. It sets our
// own HTTP client: the SDK's shared default one is not safe for
// concurrent calls (tea v1.3.13 dara.DoRequest sets its Transport on each).
func sdkConfig(cfg Config, ep endpoint, hc *httpClient) *openapi.Config {
	c := &openapi.Config{
		AccessKeyId: tea.String(cfg.AccessKeyID), AccessKeySecret: tea.String(cfg.AccessKeySecret),
		Endpoint: tea.String(ep.host), Protocol: tea.String(ep.protocol), HttpClient: hc,
	}
	if cfg.SecurityToken != "" {
		c.SecurityToken = tea.String(cfg.SecurityToken)
	}
	return c
}

// Request is one ROA operation call. Path parameters must already be in
// Path, each escaped with PathEscape.
type Request struct {
	// Action is the operation name, for example CreateHttpApiRoute.
	Action string
	// Method is the HTTP method: GET, POST, PUT, DELETE.
	Method string
	// Path is the escaped request path, for example /v1/domains/d-1.
	Path string
	// Query holds the query parameters.
	Query map[string]string
	// Body is sent as JSON when not nil.
	Body any
}

// Call performs the request and returns the envelope's `data` as raw JSON
// (nil when absent). Transient failures are retried (see Config); an error
// APIG answered with is an [*APIError] (use errors.As, HasCode or
// IsNotFound: after retries it comes wrapped). When ctx ends first, the
// error wraps ctx.Err() and the last attempt's error.
func (c *Client) Call(ctx context.Context, r Request) (json.RawMessage, error) {
	if err := r.check(); err != nil {
		return nil, err
	}
	body, err := r.encodeBody()
	if err != nil {
		return nil, err
	}
	data, f := callpolicy.Do(ctx, c.policy, func() (json.RawMessage, time.Duration, error) {
		return c.attempt(ctx, r, body)
	})
	if f != nil {
		return nil, failed(r, f)
	}
	return data, nil
}

// Calls reports how many HTTP calls were made (attempts included).
func (c *Client) Calls() int64 { return c.http.calls.Load() }

// PathEscape escapes one path parameter the way Alibaba Cloud SDKs do
// (dara.PercentEncode).
func PathEscape(s string) string { return dara.PercentEncode(s) }

// check reports a request that cannot be sent.
func (r Request) check() error {
	if r.Action == "" || r.Method == "" || !strings.HasPrefix(r.Path, "/") {
		return fmt.Errorf("aliyun: request %q %s %q: need an action, a method and a path starting with /", r.Action, r.Method, r.Path)
	}
	return nil
}

// encodeBody is the JSON body ("" for none), encoded here so an
// unencodable body is an error rather than the empty body the SDK sends.
func (r Request) encodeBody() (string, error) {
	if r.Body == nil {
		return "", nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r.Body); err != nil {
		return "", fmt.Errorf("aliyun: %s: encoding the request body: %w", r.Action, err)
	}
	return strings.TrimSuffix(buf.String(), "\n"), nil
}

// attempt makes one HTTP call, after the rate limit lets it. It returns
// the server's Retry-After with any error.
func (c *Client) attempt(ctx context.Context, r Request, body string) (json.RawMessage, time.Duration, error) {
	if err := c.waitLimit(ctx, r); err != nil {
		return nil, 0, err
	}
	ex := &exchange{}
	res, err := c.api.CallApiWithCtx(context.WithValue(ctx, exchangeKey{}, ex), r.params(), r.sdkRequest(body), &dara.RuntimeOptions{})
	if err != nil {
		return nil, ex.retryAfter, callError(r, ex, err)
	}
	if ex.status < 200 || ex.status > 299 {
		return nil, 0, &APIError{Status: ex.status, Code: "UnexpectedStatus", Action: r.Action,
			Message: fmt.Sprintf("unexpected HTTP status %d for %s %s", ex.status, r.Method, r.Path)}
	}
	data, err := envelopeData(res)
	if err != nil {
		return nil, 0, fmt.Errorf("aliyun: %s: %w", r.Action, err)
	}
	return data, 0, nil
}

// waitLimit waits for the rate limiter, if there is one.
func (c *Client) waitLimit(ctx context.Context, r Request) error {
	if err := callpolicy.WaitLimit(ctx, c.limiter); err != nil {
		return fmt.Errorf("aliyun: %s: %w", r.Action, err)
	}
	return nil
}

// params describes the operation to the SDK.
func (r Request) params() *openapi.Params {
	return &openapi.Params{
		Action: tea.String(r.Action), Version: tea.String(apiVersion), Protocol: tea.String("HTTPS"),
		Pathname: tea.String(r.Path), Method: tea.String(strings.ToUpper(r.Method)),
		AuthType: tea.String("AK"), Style: tea.String("ROA"),
		ReqBodyType: tea.String("json"), BodyType: tea.String("json"),
	}
}

// sdkRequest is the query and body in the SDK's form.
func (r Request) sdkRequest(body string) *openapi.OpenApiRequest {
	req := &openapi.OpenApiRequest{Query: make(map[string]*string, len(r.Query))}
	for k, v := range r.Query {
		req.Query[k] = tea.String(v)
	}
	if body != "" {
		req.Body = body // a string goes out as it is
	}
	return req
}

// envelopeData takes `data` out of the SDK's result, {"body": envelope}.
func envelopeData(res map[string]any) (json.RawMessage, error) {
	body, _ := res["body"].(map[string]any)
	data, ok := body["data"]
	if !ok || data == nil {
		return nil, nil
	}
	b, err := json.Marshal(data)
	if err != nil {
		return nil, fmt.Errorf("re-encoding the response data: %w", err)
	}
	return b, nil
}

// failed is the error Call returns when the retries end without a result.
func failed(r Request, f *callpolicy.Failure) error {
	if f.Interrupted {
		return stopped(r, f.Err, f.Last)
	}
	return gaveUp(r, f.Err, f.Last, f.Attempts)
}

// gaveUp is the error Call returns when it stops retrying after attempts.
func gaveUp(r Request, err, last error, attempts int) error {
	if callpolicy.IsContextErr(err) && last != nil {
		return stopped(r, err, last)
	}
	var ae *APIError
	if attempts > 1 && errors.As(err, &ae) {
		return fmt.Errorf("%w (after %d attempts)", err, attempts)
	}
	return err
}

// stopped is the error when ctx (or Sleep) ends the retries: it wraps the
// cause and the last attempt's error.
func stopped(r Request, cause, last error) error {
	if last == nil {
		return fmt.Errorf("aliyun: %s: %w", r.Action, cause)
	}
	return fmt.Errorf("aliyun: %s: stopped retrying: %w; last error: %w", r.Action, cause, last)
}

// APIError is an error APIG answered with.
type APIError struct {
	// Status is the HTTP status (0 if the SDK failed before a response).
	Status int
	// Code is APIG's error code, for example Conflict.ApiNameDuplicated.
	Code string
	// Message is APIG's explanation.
	Message string
	// RequestID identifies the call to Alibaba Cloud support.
	RequestID string
	// Action is the operation that failed.
	Action string
}

// Error formats the error as
// "<Action>: <Code> (HTTP <Status>): <Message> [request <id>]".
func (e *APIError) Error() string {
	s := fmt.Sprintf("%s: %s (HTTP %d): %s", e.Action, e.Code, e.Status, e.Message)
	if e.RequestID != "" {
		s += " [request " + e.RequestID + "]"
	}
	return s
}

// HasCode reports whether err is an APIError with code, matched with or
// without a "Conflict." prefix on either side (so HasCode(err,
// "ApiNameDuplicated") matches "Conflict.ApiNameDuplicated" and vice versa).
func HasCode(err error, code string) bool {
	var ae *APIError
	if !errors.As(err, &ae) {
		return false
	}
	return strings.TrimPrefix(ae.Code, conflictPrefix) == strings.TrimPrefix(code, conflictPrefix)
}

// IsNotFound reports whether err is an APIError saying the resource does
// not exist: HTTP 404, a NotFound.* code or DatabaseError.RecordNotFound.
func IsNotFound(err error) bool {
	var ae *APIError
	if !errors.As(err, &ae) {
		return false
	}
	return ae.Status == http.StatusNotFound || strings.HasPrefix(ae.Code, "NotFound.") ||
		ae.Code == "DatabaseError.RecordNotFound"
}

// callError turns what the SDK failed with into an *APIError when the
// server answered, else a wrapped transport error.
func callError(r Request, ex *exchange, err error) error {
	if ae := sdkAPIError(r.Action, err); ae != nil {
		ae.Status = cmpStatus(ae.Status, ex.status)
		return ae
	}
	if ex.status != 0 && !callpolicy.IsContextErr(err) {
		// The server answered but the SDK could not read the answer.
		return &APIError{Status: ex.status, Code: "UnreadableResponse", Action: r.Action,
			Message: "could not read the response: " + err.Error()}
	}
	return fmt.Errorf("aliyun: %s %s %s: %w", r.Action, r.Method, r.Path, err)
}

// cmpStatus is the SDK's status, or the one on the wire when it has none.
func cmpStatus(sdk, wire int) int {
	if sdk != 0 {
		return sdk
	}
	return wire
}

// sdkAPIError converts the SDK's error types (v2.1.13 returns
// *tea.SDKError; *dara.SDKError is accepted too), or returns nil.
func sdkAPIError(action string, err error) *APIError {
	var te *tea.SDKError
	if errors.As(err, &te) {
		return newAPIError(action, tea.IntValue(te.StatusCode), tea.StringValue(te.Code), tea.StringValue(te.Message), tea.StringValue(te.Data))
	}
	var de *dara.SDKError
	if errors.As(err, &de) {
		return newAPIError(action, dara.IntValue(de.StatusCode), dara.StringValue(de.Code), dara.StringValue(de.Message), dara.StringValue(de.Data))
	}
	return nil
}

// newAPIError builds an APIError, preferring the fields of the error body
// (data, the response JSON) over the SDK's reformatted message.
func newAPIError(action string, status int, code, message, data string) *APIError {
	var body map[string]any
	_ = json.Unmarshal([]byte(data), &body)
	return &APIError{
		Action: action, Status: status,
		Code:      firstString(body, code, "code", "Code"),
		Message:   firstString(body, message, "message", "Message"),
		RequestID: firstString(body, "", "requestId", "RequestId"),
	}
}

// firstString is the first non-empty string body holds under keys, else def.
func firstString(body map[string]any, def string, keys ...string) string {
	for _, k := range keys {
		if s, ok := body[k].(string); ok && s != "" {
			return s
		}
	}
	return def
}

// exchange is what our HTTP client saw of one attempt's response; the
// SDK's errors do not carry response headers.
type exchange struct {
	status     int
	retryAfter time.Duration
}

// exchangeKey finds an attempt's *exchange in its request's context.
type exchangeKey struct{}

// httpClient is the dara.HttpClient the SDK sends requests through: one
// http.Client with timeouts, counting calls and noting each response's
// status and Retry-After.
type httpClient struct {
	client *http.Client
	calls  atomic.Int64
}

func newHTTPClient() *httpClient {
	return &httpClient{client: &http.Client{
		Transport: callpolicy.NewTransport(), Timeout: callpolicy.CallTimeout,
		// Never follow a redirect: it would carry the security token
		// header to wherever it points.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// Call sends r with our client; the transport the SDK built is ignored.
// r carries the caller's context.
func (h *httpClient) Call(r *http.Request, _ *http.Transport) (*http.Response, error) {
	h.calls.Add(1)
	res, err := h.client.Do(r)
	if err != nil {
		return nil, err
	}
	if ex, ok := r.Context().Value(exchangeKey{}).(*exchange); ok {
		ex.status = res.StatusCode
		ex.retryAfter = callpolicy.ParseRetryAfter(res.Header.Get("Retry-After"), time.Now())
	}
	return res, nil
}
