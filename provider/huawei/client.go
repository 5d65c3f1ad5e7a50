package huawei

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	gosync "sync"
	"sync/atomic"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/def"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/exchange"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	apig "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/apig/v2"
	"golang.org/x/time/rate"

	"github.com/gwsync/gwsync/provider/internal/callpolicy"
)

// instancePath prefixes every instance-scoped operation.
const instancePath = "/v2/{project_id}/apigw/instances/{instance_id}"

// Client calls APIG operations, with retries and a rate limit. Safe for
// concurrent use.
type Client struct {
	api       *apig.ApigClient
	transport *transport
	limiter   *rate.Limiter // nil: no limit
	policy    callpolicy.Policy
	projectID string
	certDir   string
}

// NewClient checks cfg and makes a Client from it. It makes no call.
func NewClient(cfg Config) (*Client, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	ep, err := cfg.endpoint()
	if err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	tr := newTransport()
	creds := basic.NewCredentialsBuilder().WithAk(cfg.AccessKey).WithSk(cfg.SecretKey).WithProjectId(cfg.ProjectID)
	if cfg.SecurityToken != "" {
		creds = creds.WithSecurityToken(cfg.SecurityToken)
	}
	auth, err := creds.SafeBuild()
	if err != nil {
		return nil, fmt.Errorf("huawei: the credentials are unusable: %s", scrub(err.Error(), cfg.SecretKey, cfg.SecurityToken))
	}
	hc, err := apig.ApigClientBuilder().WithEndpoint(ep).WithCredential(auth).
		WithHttpConfig(config.DefaultHttpConfig().WithHttpRoundTripper(tr).WithTimeout(callpolicy.CallTimeout)).SafeBuild()
	if err != nil {
		return nil, fmt.Errorf("huawei: setting up the API client: %s", scrub(err.Error(), cfg.SecretKey, cfg.SecurityToken))
	}
	return &Client{api: apig.NewApigClient(hc), transport: tr, limiter: callpolicy.NewLimiter(cfg.QPS), policy: callpolicy.Policy{
		Retries: cfg.MaxRetries, Backoff: callpolicy.NewBackoff(cfg.BaseBackoff, cfg.MaxBackoff, cfg.Seed),
		Sleep: cfg.Sleep, Transient: transient,
	}, projectID: cfg.ProjectID, certDir: cfg.CertDir}, nil
}

// scrub removes secrets from a message.
func scrub(msg string, secrets ...string) string {
	for _, s := range secrets {
		if s != "" {
			msg = strings.ReplaceAll(msg, s, "[redacted]")
		}
	}
	return msg
}

// Request is one APIG operation call.
type Request struct {
	// Op is the SDK operation name, for example CreateApiV2.
	Op string
	// Method is the HTTP method: GET, POST, PUT, DELETE.
	Method string
	// Path is the path template below /v2/{project_id}/apigw/instances/
	// {instance_id}, for example /apis/{api_id}; "" is the instance. A
	// path that starts with /v2/ is whole (the project's certificates,
	// for example: /v2/{project_id}/apigw/certificates).
	Path string
	// Params holds the path parameters besides project_id (instance_id
	// included).
	Params map[string]string
	// Query holds the query parameters.
	Query map[string]string
	// Body is sent as JSON when not nil.
	Body any
}

// Calls reports how many HTTP calls were made (attempts included).
func (c *Client) Calls() int64 { return c.transport.calls.Load() }

// Call performs the request and returns the answer's body (nil for an
// empty one). Transient failures are retried (see Config); an error APIG
// answered with is an [*APIError] (use errors.As, HasCode or IsNotFound:
// after retries it comes wrapped). When ctx ends first, the error wraps
// ctx.Err() and the last attempt's error.
func (c *Client) Call(ctx context.Context, r Request) ([]byte, error) {
	var body json.RawMessage
	if r.Body != nil {
		b, err := marshal(r.Body)
		if err != nil {
			return nil, fmt.Errorf("huawei: %s: encoding the request body: %w", r.Op, err)
		}
		body = b
	}
	data, f := callpolicy.Do(ctx, c.policy, func() ([]byte, time.Duration, error) {
		return c.attempt(ctx, r, body)
	})
	if f != nil {
		return nil, failed(r, f)
	}
	return data, nil
}

// marshal encodes v as JSON without HTML escaping.
func marshal(v any) (json.RawMessage, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// sdkResponse receives the raw answer body.
type sdkResponse struct {
	Body           *string `json:"body,omitempty"`
	HttpStatusCode int     `json:"-"` // the SDK sets this field by name
}

// sdkCall carries one call's path parameters, query and body into the
// SDK, which reads request fields by the names the request definition
// gives (so they are named fields, not arrays).
type sdkCall struct {
	P0, P1, P2, P3 string
	Q0             *string `json:"q0,omitempty"`
	Q1             *string `json:"q1,omitempty"`
	Q2             *string `json:"q2,omitempty"`
	Q3             *string `json:"q3,omitempty"`
	Q4             *string `json:"q4,omitempty"`
	Q5             *string `json:"q5,omitempty"`
	Q6             *string `json:"q6,omitempty"`
	Q7             *string `json:"q7,omitempty"`
	Q8             *string `json:"q8,omitempty"`
	Q9             *string `json:"q9,omitempty"`
	Body           json.RawMessage
}

// attempt makes one HTTP call through the SDK, after the rate limit lets
// it. It returns the server's Retry-After with any error.
func (c *Client) attempt(ctx context.Context, r Request, body json.RawMessage) ([]byte, time.Duration, error) {
	if err := c.waitLimit(ctx, r); err != nil {
		return nil, 0, err
	}
	reqDef, req, err := c.definition(r, body)
	if err != nil {
		return nil, 0, err
	}
	// The SDK reads the whole answer before it returns, so the call's own
	// context can end as soon as it does.
	callCtx, cancel := context.WithTimeout(context.WithValue(ctx, opKey{}, r.Op), callpolicy.CallTimeout)
	defer cancel()
	ex, token := c.transport.begin(callCtx)
	defer c.transport.end(token)
	res, err := c.api.HcClient.SyncInvokeWithExtraHeaders(req, reqDef, newExchange(), map[string]string{callHeader: token})
	if err != nil {
		return nil, ex.retryAfter, c.callError(ctx, r, ex, err)
	}
	out := res.(*sdkResponse)
	if out.Body == nil || *out.Body == "" {
		return nil, 0, nil
	}
	return []byte(*out.Body), 0, nil
}

// definition builds the SDK's request definition for r.
func (c *Client) definition(r Request, body json.RawMessage) (*def.HttpRequestDef, *sdkCall, error) {
	req := &sdkCall{Body: body}
	ct := "application/json"
	if body != nil {
		ct = "application/json;charset=UTF-8"
	}
	path := r.Path
	if !strings.HasPrefix(path, "/v2/") {
		path = instancePath + path
	}
	b := def.NewHttpRequestDefBuilder().WithMethod(r.Method).WithPath(path).
		WithResponse(new(sdkResponse)).WithContentType(ct)
	b.WithResponseField(def.NewFieldDef().WithName("Body").WithLocationType(def.Body))
	pfields := []*string{&req.P0, &req.P1, &req.P2, &req.P3}
	keys := slices.Sorted(maps.Keys(r.Params))
	if len(keys) > len(pfields) {
		return nil, nil, fmt.Errorf("huawei: %s: too many path parameters", r.Op)
	}
	for i, k := range keys {
		*pfields[i] = r.Params[k]
		b.WithRequestField(def.NewFieldDef().WithName("P" + strconv.Itoa(i)).WithJsonTag(k).WithLocationType(def.Path))
	}
	qfields := []**string{&req.Q0, &req.Q1, &req.Q2, &req.Q3, &req.Q4, &req.Q5, &req.Q6, &req.Q7, &req.Q8, &req.Q9}
	qkeys := slices.Sorted(maps.Keys(r.Query))
	if len(qkeys) > len(qfields) {
		return nil, nil, fmt.Errorf("huawei: %s: too many query parameters", r.Op)
	}
	for i, k := range qkeys {
		v := r.Query[k]
		*qfields[i] = &v
		b.WithRequestField(def.NewFieldDef().WithName("Q" + strconv.Itoa(i)).WithJsonTag(k).WithLocationType(def.Query))
	}
	if body != nil {
		b.WithRequestField(def.NewFieldDef().WithName("Body").WithLocationType(def.Body))
	}
	return b.Build(), req, nil
}

// waitLimit waits for the rate limiter, if there is one.
func (c *Client) waitLimit(ctx context.Context, r Request) error {
	if err := callpolicy.WaitLimit(ctx, c.limiter); err != nil {
		return fmt.Errorf("huawei: %s: %w", r.Op, err)
	}
	return nil
}

// callError turns what the SDK failed with into an *APIError when the
// server answered, else a wrapped transport error.
func (c *Client) callError(ctx context.Context, r Request, ex *exchangeRec, err error) error {
	var se *sdkerr.ServiceResponseError
	if errors.As(err, &se) {
		ae := &APIError{Op: r.Op, Status: se.StatusCode, Code: se.ErrorCode, Message: se.ErrorMessage, RequestID: se.RequestId}
		if ae.Status == 0 {
			ae.Status = ex.status
		}
		return ae
	}
	if ctx.Err() != nil {
		return fmt.Errorf("huawei: %s %s: %w", r.Op, r.Method, ctx.Err())
	}
	if ex.ctx.Err() != nil {
		// The call's own timeout, not the caller's: worth another try.
		return fmt.Errorf("huawei: %s %s %s: no answer within %s", r.Op, r.Method, r.Path, callpolicy.CallTimeout)
	}
	if ex.status != 0 {
		return &APIError{Op: r.Op, Status: ex.status, Code: "UnreadableResponse", Message: "could not read the response: " + err.Error()}
	}
	return fmt.Errorf("huawei: %s %s %s: %w", r.Op, r.Method, r.Path, err)
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
	if attempts > 1 {
		return fmt.Errorf("%w (after %d attempts)", err, attempts)
	}
	return err
}

// stopped is the error when ctx (or Sleep) ends the retries.
func stopped(r Request, cause, last error) error {
	if last == nil {
		return fmt.Errorf("huawei: %s: %w", r.Op, cause)
	}
	return fmt.Errorf("huawei: %s: stopped retrying: %w; last error: %w", r.Op, cause, last)
}

// APIError is an error APIG answered with.
type APIError struct {
	// Op is the operation that failed.
	Op string
	// Status is the HTTP status.
	Status int
	// Code is APIG's error code, for example APIG.3202.
	Code string
	// Message is APIG's explanation.
	Message string
	// RequestID identifies the call to Huawei Cloud support.
	RequestID string
}

// Error formats the error as
// "<Op>: <Code> (HTTP <Status>): <Message> [request <id>]".
func (e *APIError) Error() string {
	s := fmt.Sprintf("%s: %s (HTTP %d): %s", e.Op, e.Code, e.Status, e.Message)
	if e.RequestID != "" {
		s += " [request " + e.RequestID + "]"
	}
	return s
}

// HasCode reports whether err is an APIError with one of codes.
func HasCode(err error, codes ...string) bool {
	var ae *APIError
	return errors.As(err, &ae) && slices.Contains(codes, ae.Code)
}

// IsNotFound reports whether err is an APIError saying the resource does
// not exist (HTTP 404).
func IsNotFound(err error) bool {
	var ae *APIError
	return errors.As(err, &ae) && ae.Status == http.StatusNotFound
}

// ---- transport

// opKey holds, in each HTTP request's context, the SDK name of the
// operation it calls (Request.Op), so that a transport can name it.
type opKey struct{}

// opOf is the operation an HTTP request calls, from its context.
func opOf(ctx context.Context) string {
	op, _ := ctx.Value(opKey{}).(string)
	return op
}

// callHeader carries a call's token from Call to the transport. Its name
// holds an underscore, so the SDK's signer leaves it unsigned, and the
// transport removes it before the request leaves.
const callHeader = "X-Gwsync_Call"

// transport is the SDK's round tripper: it gives each request its call's
// context (the SDK takes none), counts calls and notes each answer's
// status and Retry-After.
type transport struct {
	base  http.RoundTripper
	calls atomic.Int64
	next  atomic.Int64
	live  gosync.Map // token -> *exchangeRec
}

// exchangeRec is what the transport saw of one call.
type exchangeRec struct {
	ctx        context.Context
	mu         gosync.Mutex
	status     int
	retryAfter time.Duration
}

func newTransport() *transport {
	return &transport{base: callpolicy.NewTransport()}
}

// begin registers a call and returns its record and token.
func (t *transport) begin(ctx context.Context) (*exchangeRec, string) {
	token := strconv.FormatInt(t.next.Add(1), 10)
	ex := &exchangeRec{ctx: ctx}
	t.live.Store(token, ex)
	return ex, token
}

func (t *transport) end(token string) { t.live.Delete(token) }

// RoundTrip sends r under its call's context, without the call header.
func (t *transport) RoundTrip(r *http.Request) (*http.Response, error) {
	t.calls.Add(1)
	token := r.Header.Get(callHeader)
	v, _ := t.live.Load(token)
	ex, _ := v.(*exchangeRec)
	ctx := r.Context()
	if ex != nil {
		ctx = ex.ctx
	}
	r = r.Clone(ctx)
	r.Header.Del(callHeader)
	res, err := t.base.RoundTrip(r)
	if err != nil || ex == nil {
		return res, err
	}
	ex.mu.Lock()
	ex.status = res.StatusCode
	ex.retryAfter = parseRetryAfter(res.Header.Get("Retry-After"), time.Now())
	ex.mu.Unlock()
	return res, nil
}

// newExchange is the SDK's per-call exchange record.
func newExchange() *exchange.SdkExchange {
	return &exchange.SdkExchange{ApiReference: &exchange.ApiReference{}, Attributes: map[string]any{}}
}
