package aliyun

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	apigemu "github.com/gwsync/gwsync/emulator/aliyun"
)

// The keys the transport tests sign with.
const (
	trAK     = "transport-ak"
	trSecret = "transport-secret-Qx7"
)

// transportEmu is an emulator served over HTTP on loopback.
type transportEmu struct {
	srv *apigemu.Server
	url string // http://127.0.0.1:port
}

func newTransportEmu(t testing.TB, faults apigemu.Faults, seed uint64) *transportEmu {
	t.Helper()
	srv, err := apigemu.New(apigemu.Config{AccessKeys: map[string]string{trAK: trSecret}, Faults: faults, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { hs.Close(); srv.Close() })
	return &transportEmu{srv: srv, url: hs.URL}
}

// client is a Client for the emulator; edit adjusts its Config.
func (e *transportEmu) client(t testing.TB, edit func(*Config)) *Client {
	t.Helper()
	cfg := Config{Endpoint: e.url, AccessKeyID: trAK, AccessKeySecret: trSecret, Seed: 1, Sleep: trNoWait}
	if edit != nil {
		edit(&cfg)
	}
	c, err := NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// trNoWait is a Sleep that returns at once (unless ctx is done).
func trNoWait(ctx context.Context, _ time.Duration) error { return ctx.Err() }

// trSleepLog records the waits a Client asks for, without waiting.
type trSleepLog struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (l *trSleepLog) sleep(ctx context.Context, d time.Duration) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.waits = append(l.waits, d)
	return ctx.Err()
}

func (l *trSleepLog) all() []time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]time.Duration(nil), l.waits...)
}

// trCreateDomain is a CreateDomain request.
func trCreateDomain(name string) Request {
	return Request{Action: "CreateDomain", Method: "POST", Path: "/v1/domains",
		Body: map[string]any{"name": name, "protocol": "HTTP"}}
}

// trGetGateway is a GetGateway request.
func trGetGateway(id string) Request {
	return Request{Action: "GetGateway", Method: "GET", Path: "/v1/gateways/" + PathEscape(id)}
}

// trField decodes data and returns one string field of it.
func trField(t testing.TB, data json.RawMessage, name string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("data %s: %v", data, err)
	}
	s, _ := m[name].(string)
	return s
}

func TestCallSucceeds(t *testing.T) {
	e := newTransportEmu(t, apigemu.Faults{}, 1)
	c := e.client(t, nil)
	ctx := context.Background()

	data, err := c.Call(ctx, trCreateDomain("api.example.com"))
	if err != nil {
		t.Fatal(err)
	}
	id := trField(t, data, "domainId")
	if !strings.HasPrefix(id, "d-") {
		t.Errorf("domainId = %q, want a d- ID (data %s)", id, data)
	}

	data, err = c.Call(ctx, trGetGateway(e.srv.GatewayID()))
	if err != nil {
		t.Fatal(err)
	}
	if got := trField(t, data, "gatewayId"); got != e.srv.GatewayID() {
		t.Errorf("gatewayId = %q, want %q", got, e.srv.GatewayID())
	}

	data, err = c.Call(ctx, Request{Action: "GetDomain", Method: "GET", Path: "/v1/domains/" + PathEscape(id)})
	if err != nil {
		t.Fatal(err)
	}
	if got := trField(t, data, "name"); got != "api.example.com" {
		t.Errorf("name = %q, want api.example.com", got)
	}
	if c.Calls() != 3 {
		t.Errorf("Calls() = %d, want 3", c.Calls())
	}
}

func TestCallSendsQuery(t *testing.T) {
	e := newTransportEmu(t, apigemu.Faults{}, 1)
	c := e.client(t, nil)
	ctx := context.Background()
	for _, name := range []string{"a.example.com", "b.example.com", "c.example.com"} {
		if _, err := c.Call(ctx, trCreateDomain(name)); err != nil {
			t.Fatal(err)
		}
	}
	data, err := c.Call(ctx, Request{Action: "ListDomains", Method: "GET", Path: "/v1/domains",
		Query: map[string]string{"pageNumber": "2", "pageSize": "2", "gatewayType": "API"}})
	if err != nil {
		t.Fatal(err)
	}
	var page struct {
		Items                []struct{ Name string }
		PageNumber, PageSize int
		TotalSize            int
	}
	if err := json.Unmarshal(data, &page); err != nil {
		t.Fatal(err)
	}
	if page.PageNumber != 2 || page.PageSize != 2 || page.TotalSize != 3 || len(page.Items) != 1 {
		t.Errorf("page = %+v, want page 2 of size 2 with 1 of 3 items", page)
	}
}

func TestCallWithoutDataReturnsNil(t *testing.T) {
	e := newTransportEmu(t, apigemu.Faults{}, 1)
	c := e.client(t, nil)
	ctx := context.Background()
	data, err := c.Call(ctx, trCreateDomain("gone.example.com"))
	if err != nil {
		t.Fatal(err)
	}
	data, err = c.Call(ctx, Request{Action: "DeleteDomain", Method: "DELETE", Path: "/v1/domains/" + PathEscape(trField(t, data, "domainId"))})
	if err != nil {
		t.Fatal(err)
	}
	if data != nil {
		t.Errorf("data = %s, want nil", data)
	}
}

func TestPathEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"d-123", "d-123"},
		{"a b*~", "a%20b%2A~"},
		{"x/y?z", "x%2Fy%3Fz"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := PathEscape(tt.in); got != tt.want {
			t.Errorf("PathEscape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestErrorMapping(t *testing.T) {
	e := newTransportEmu(t, apigemu.Faults{}, 1)
	c := e.client(t, nil)
	ctx := context.Background()
	if _, err := c.Call(ctx, trCreateDomain("dup.example.com")); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Call(ctx, Request{Action: "CreateHttpApi", Method: "POST", Path: "/v1/http-apis",
		Body: map[string]any{"name": "orders", "type": "Http", "protocols": []string{"HTTP"}}}); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name       string
		req        Request
		wantStatus int
		wantCode   string
		hasCodes   []string // HasCode is true for each
		notFound   bool
	}{
		{name: "domain exists", req: trCreateDomain("dup.example.com"), wantStatus: 409, wantCode: "DomainExisted",
			hasCodes: []string{"DomainExisted", "Conflict.DomainExisted"}},
		{name: "api name duplicated", req: Request{Action: "CreateHttpApi", Method: "POST", Path: "/v1/http-apis",
			Body: map[string]any{"name": "orders", "type": "Http", "protocols": []string{"HTTP"}}},
			wantStatus: 409, wantCode: "Conflict.ApiNameDuplicated", hasCodes: []string{"ApiNameDuplicated", "Conflict.ApiNameDuplicated"}},
		{name: "domain not found", req: Request{Action: "GetDomain", Method: "GET", Path: "/v1/domains/d-nope"},
			wantStatus: 404, wantCode: "DatabaseError.RecordNotFound", hasCodes: []string{"DatabaseError.RecordNotFound"}, notFound: true},
		{name: "gateway not found", req: trGetGateway("gw-nope"),
			wantStatus: 404, wantCode: "NotFound.GatewayNotFound", notFound: true},
		{name: "bad parameter", req: Request{Action: "ListDomains", Method: "GET", Path: "/v1/domains", Query: map[string]string{"pageSize": "1000"}},
			wantStatus: 400, wantCode: "InvalidParameter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := c.Calls()
			_, err := c.Call(ctx, tt.req)
			var ae *APIError
			if !errors.As(err, &ae) {
				t.Fatalf("err = %v (%T), want an *APIError", err, err)
			}
			if ae.Status != tt.wantStatus || ae.Code != tt.wantCode || ae.Action != tt.req.Action || ae.RequestID == "" || ae.Message == "" {
				t.Errorf("APIError = %+v, want %d %s from %s with a message and request ID", ae, tt.wantStatus, tt.wantCode, tt.req.Action)
			}
			if strings.Contains(ae.Message, "request id:") {
				t.Errorf("Message %q is the SDK's reformatting, want APIG's message", ae.Message)
			}
			wantText := fmt.Sprintf("%s: %s (HTTP %d): %s [request %s]", tt.req.Action, tt.wantCode, tt.wantStatus, ae.Message, ae.RequestID)
			if err.Error() != wantText {
				t.Errorf("Error() = %q, want %q", err.Error(), wantText)
			}
			for _, code := range tt.hasCodes {
				if !HasCode(err, code) {
					t.Errorf("HasCode(err, %q) = false", code)
				}
			}
			if HasCode(err, "SomethingElse") {
				t.Error("HasCode matched an unrelated code")
			}
			if IsNotFound(err) != tt.notFound {
				t.Errorf("IsNotFound = %v, want %v", IsNotFound(err), tt.notFound)
			}
			if n := c.Calls() - before; n != 1 {
				t.Errorf("%d attempts, want 1: a %d is never retried", n, tt.wantStatus)
			}
		})
	}
}

func TestHasCodeAndIsNotFound(t *testing.T) {
	wrap := func(e *APIError) error { return fmt.Errorf("reading: %w", e) }
	tests := []struct {
		name     string
		err      error
		code     string
		hasCode  bool
		notFound bool
	}{
		{"exact", &APIError{Status: 409, Code: "DomainExisted"}, "DomainExisted", true, false},
		{"prefix on error", &APIError{Status: 409, Code: "Conflict.ApiNameDuplicated"}, "ApiNameDuplicated", true, false},
		{"prefix on argument", &APIError{Status: 409, Code: "ApiNameDuplicated"}, "Conflict.ApiNameDuplicated", true, false},
		{"wrapped", wrap(&APIError{Status: 409, Code: "Conflict.ApiPublished"}), "ApiPublished", true, false},
		{"other code", &APIError{Status: 409, Code: "Conflict.ApiPublished"}, "ApiNameDuplicated", false, false},
		{"only prefix", &APIError{Status: 409, Code: "Conflict.ApiPublished"}, "Conflict.", false, false},
		{"404 any code", &APIError{Status: 404, Code: "InvalidAction.NotFound"}, "x", false, true},
		{"NotFound code", &APIError{Status: 400, Code: "NotFound.RouteNotFound"}, "NotFound.RouteNotFound", true, true},
		{"record not found", &APIError{Status: 400, Code: "DatabaseError.RecordNotFound"}, "x", false, true},
		{"not an APIError", errors.New("DomainExisted"), "DomainExisted", false, false},
		{"nil", nil, "DomainExisted", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HasCode(tt.err, tt.code); got != tt.hasCode {
				t.Errorf("HasCode = %v, want %v", got, tt.hasCode)
			}
			if got := IsNotFound(tt.err); got != tt.notFound {
				t.Errorf("IsNotFound = %v, want %v", got, tt.notFound)
			}
		})
	}
}

func TestAPIErrorWithoutRequestID(t *testing.T) {
	e := &APIError{Status: 503, Code: "ServiceUnavailable", Message: "busy", Action: "GetGateway"}
	if got, want := e.Error(), "GetGateway: ServiceUnavailable (HTTP 503): busy"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestSecretsNeverInErrors(t *testing.T) {
	const wrongSecret, token = "wrong-Secret-4kP9z", "sts-Token-8hQ2w"
	e := newTransportEmu(t, apigemu.Faults{}, 1)
	for _, tok := range []string{"", token} {
		c := e.client(t, func(c *Config) { c.AccessKeySecret, c.SecurityToken = wrongSecret, tok })
		_, err := c.Call(context.Background(), trCreateDomain("api.example.com"))
		var ae *APIError
		if !errors.As(err, &ae) || ae.Status != 403 || ae.Code != "SignatureDoesNotMatch" {
			t.Fatalf("err = %v, want 403 SignatureDoesNotMatch", err)
		}
		for _, text := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", ae), fmt.Sprintf("%+v", c)} {
			for _, secret := range []string{wrongSecret, trSecret, token} {
				if strings.Contains(text, secret) {
					t.Errorf("a secret is in %q", text)
				}
			}
		}
		if c.Calls() != 1 {
			t.Errorf("Calls() = %d, want 1: a 403 is never retried", c.Calls())
		}
	}
}

func TestTransportErrorIsWrappedAndRetried(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now: connection refused
	var log trSleepLog
	c, err := NewClient(Config{Endpoint: addr, AccessKeyID: trAK, AccessKeySecret: trSecret, MaxRetries: 2, Seed: 1, Sleep: log.sleep})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Call(context.Background(), trGetGateway("gw-1"))
	var ae *APIError
	var ne net.Error
	if err == nil || errors.As(err, &ae) || !errors.As(err, &ne) {
		t.Fatalf("err = %v (%T), want a wrapped network error", err, err)
	}
	if !strings.Contains(err.Error(), "GetGateway") {
		t.Errorf("err = %v, want the action named", err)
	}
	if c.Calls() != 3 || len(log.all()) != 2 {
		t.Errorf("%d attempts and %d waits, want 3 and 2: a transport error is transient", c.Calls(), len(log.all()))
	}
}

func TestRequestIsChecked(t *testing.T) {
	e := newTransportEmu(t, apigemu.Faults{}, 1)
	c := e.client(t, nil)
	tests := []struct {
		name string
		req  Request
		want string
	}{
		{"no action", Request{Method: "GET", Path: "/v1/domains"}, "need an action"},
		{"no method", Request{Action: "ListDomains", Path: "/v1/domains"}, "need an action"},
		{"relative path", Request{Action: "ListDomains", Method: "GET", Path: "v1/domains"}, "path starting with /"},
		{"unencodable body", Request{Action: "CreateDomain", Method: "POST", Path: "/v1/domains", Body: map[string]any{"c": make(chan int)}}, "encoding the request body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := c.Call(context.Background(), tt.req); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}
	if c.Calls() != 0 {
		t.Errorf("Calls() = %d, want 0", c.Calls())
	}
}

func TestBodyIsSentVerbatim(t *testing.T) {
	e := newTransportEmu(t, apigemu.Faults{}, 1)
	c := e.client(t, nil)
	ctx := context.Background()
	// A struct body, with characters JSON encoders like to escape.
	type domain struct {
		Name     string `json:"name"`
		Protocol string `json:"protocol"`
	}
	data, err := c.Call(ctx, Request{Action: "CreateDomain", Method: "POST", Path: "/v1/domains",
		Body: domain{Name: "a&b<c>.example.com", Protocol: "HTTP"}})
	if err != nil {
		t.Fatal(err)
	}
	data, err = c.Call(ctx, Request{Action: "GetDomain", Method: "GET", Path: "/v1/domains/" + PathEscape(trField(t, data, "domainId"))})
	if err != nil {
		t.Fatal(err)
	}
	if got := trField(t, data, "name"); got != "a&b<c>.example.com" {
		t.Errorf("name = %q", got)
	}
}

func TestConcurrentCalls(t *testing.T) {
	e := newTransportEmu(t, apigemu.Faults{ErrorRate: 0.2}, 7)
	c := e.client(t, func(c *Config) { c.MaxRetries = 20 })
	ctx := context.Background()
	gw := e.srv.GatewayID()
	const n = 50
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			var err error
			if i%2 == 0 {
				_, err = c.Call(ctx, trGetGateway(gw))
			} else {
				_, err = c.Call(ctx, trCreateDomain(fmt.Sprintf("c%d.example.com", i)))
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if c.Calls() < n {
		t.Errorf("Calls() = %d, want at least %d", c.Calls(), n)
	}
}

func TestSecurityTokenIsSent(t *testing.T) {
	e := newTransportEmu(t, apigemu.Faults{}, 1)
	c := e.client(t, func(c *Config) { c.SecurityToken = "sts-token" })
	if _, err := c.Call(context.Background(), trGetGateway(e.srv.GatewayID())); err != nil {
		t.Fatal(err)
	}
}

// TestNonAPIGAnswers covers answers that are not APIG's: what a proxy or
// load balancer in front of it may send. (APIG itself is the emulator in
// every other test.)
func TestNonAPIGAnswers(t *testing.T) {
	tests := []struct {
		name         string
		status       int
		header, body string
		wantCode     string
		wantAttempts int64
	}{
		{"html 502 is retried", 502, "", "<html>bad gateway</html>", "UnreadableResponse", 3},
		{"html 200 is not", 200, "", "<html>captive portal</html>", "UnreadableResponse", 1},
		{"redirect is not followed", 302, "https://elsewhere.example.com/", "", "UnexpectedStatus", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.header != "" {
					w.Header().Set("Location", tt.header)
				}
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.body))
			}))
			defer hs.Close()
			c, err := NewClient(Config{Endpoint: hs.URL, AccessKeyID: trAK, AccessKeySecret: trSecret, MaxRetries: 2, Sleep: trNoWait})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Call(context.Background(), trGetGateway("gw-1"))
			var ae *APIError
			if !errors.As(err, &ae) || ae.Status != tt.status || ae.Code != tt.wantCode {
				t.Fatalf("err = %v, want %d %s", err, tt.status, tt.wantCode)
			}
			if c.Calls() != tt.wantAttempts {
				t.Errorf("Calls() = %d, want %d", c.Calls(), tt.wantAttempts)
			}
		})
	}
}

func TestSDKDebugIsRefused(t *testing.T) {
	for debug, refused := range map[string]bool{"": false, "sdk": false, "dara": true, "tea": true, "x,dara": true, "tea ,y": true, "darax": false} {
		err := checkSDKDebug(debug)
		if (err != nil) != refused {
			t.Errorf("DEBUG=%q: %v", debug, err)
		}
		if err != nil && !strings.Contains(err.Error(), "unset DEBUG") {
			t.Errorf("DEBUG=%q: the error says not what to do: %v", debug, err)
		}
	}
	t.Setenv("DEBUG", "dara")
	if _, err := NewClient(Config{AccessKeyID: "ak", AccessKeySecret: "sk", Endpoint: "127.0.0.1:1"}); err == nil {
		t.Error("NewClient with DEBUG=dara: no error")
	}
}
