package aliyun

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gwsync/gwsync/emulator/aliyun/acs3"
	"github.com/gwsync/gwsync/emulator/internal/serving"
)

// maxBody bounds a request body; APIG requests are small.
const maxBody = 1 << 20

// apiError is an error the API answers with: an HTTP status and an APIG
// error code.
type apiError struct {
	Status  int
	Code    string
	Message string
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

func errf(status int, code, format string, args ...any) *apiError {
	return &apiError{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

func badRequest(format string, args ...any) *apiError {
	return errf(http.StatusBadRequest, "InvalidParameter", format, args...)
}

func conflict(code, format string, args ...any) *apiError {
	return errf(http.StatusConflict, code, format, args...)
}

// ownConflict is a 409 with a code of the emulator's own, for a refusal
// that neither the API reference nor the orchestration guide gives a code
// for; its message says so, so nobody mistakes it for APIG's.
func ownConflict(code, format string, args ...any) *apiError {
	return conflict(code, format+" ("+code+" is the emulator's own code: the APIG reference names none for this case)", args...)
}

func notFound(code, format string, args ...any) *apiError {
	return errf(http.StatusNotFound, code, format, args...)
}

// call is one control-plane request, read and authenticated.
type call struct {
	r         *http.Request
	body      []byte
	accessKey string
}

// decode reads the JSON body into v; an empty body leaves v as it is.
func (c *call) decode(v any) error {
	if len(c.body) == 0 {
		return nil
	}
	if err := json.Unmarshal(c.body, v); err != nil {
		return badRequest("the request body is not valid JSON for this operation: %v", err)
	}
	return nil
}

// query is one query parameter.
func (c *call) query(name string) string { return c.r.URL.Query().Get(name) }

// boolQuery is a boolean query parameter.
func (c *call) boolQuery(name string) bool { return c.query(name) == "true" }

// handlerFunc serves one operation, returning the envelope's data.
type handlerFunc func(*call) (any, error)

// Handler is the control-plane HTTP API, at the APIG 2024-03-27 paths.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, op := range s.operations() {
		mux.Handle(op.pattern, s.serve(op.action, op.fn))
	}
	mux.Handle("/", s.serve("Unknown", func(c *call) (any, error) {
		return nil, notFound("InvalidAction.NotFound", "%s %s is not an APIG 2024-03-27 operation the emulator serves", c.r.Method, c.r.URL.Path)
	}))
	return mux
}

// serve wraps an operation: body, signature, faults, the envelope, the log.
func (s *Server) serve(action string, fn handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		reqID := s.requestID()
		c, err := s.admit(r)
		var data any
		if err == nil {
			s.mu.Lock()
			data, err = fn(c)
			data = serving.SnapshotJSON(data) // answers may hold records the next call changes
			s.mu.Unlock()
		}
		status := s.respond(w, reqID, data, err)
		s.log.Info("call", "action", action, "method", r.Method, "path", r.URL.Path,
			"accessKey", c.accessKey, "status", status, "requestId", reqID, "duration", time.Since(start))
	})
}

// admit reads and authenticates a request and applies the faults that come
// before any work: latency, rate limits, injected errors.
func (s *Server) admit(r *http.Request) (*call, error) {
	c := &call{r: r}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return c, badRequest("could not read the request body: %v", err)
	}
	if len(body) > maxBody {
		return c, errf(http.StatusRequestEntityTooLarge, "InvalidParameter.BodyTooLarge", "the request body is over %d bytes", maxBody)
	}
	c.body = body
	ak, err := s.verifier.Verify(r, body)
	if err != nil {
		return c, signatureError(err)
	}
	c.accessKey = ak
	return c, s.inject(r, ak)
}

func signatureError(err error) error {
	var se *acs3.Error
	if errors.As(err, &se) {
		return &apiError{Status: se.Status, Code: se.Code, Message: se.Message}
	}
	return errf(http.StatusForbidden, "SignatureDoesNotMatch", "%v", err)
}

// envelope is every response body.
type envelope struct {
	RequestID string `json:"requestId"`
	Code      string `json:"code"`
	Message   string `json:"message"`
	Data      any    `json:"data,omitempty"`
}

// respond writes the envelope and returns the HTTP status.
func (s *Server) respond(w http.ResponseWriter, reqID string, data any, err error) int {
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.Header().Set("x-acs-request-id", reqID)
	env, status := envelope{RequestID: reqID, Code: "Ok", Message: "success", Data: data}, http.StatusOK
	if err != nil {
		ae := asAPIError(err)
		env, status = envelope{RequestID: reqID, Code: ae.Code, Message: ae.Message}, ae.Status
		if ae.Code == codeThrottling {
			w.Header().Set("Retry-After", "1")
		}
	}
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(env)
	return status
}

func asAPIError(err error) *apiError {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae
	}
	return errf(http.StatusInternalServerError, "APIG.ErrorCode.InternalError", "internal error: %v", err)
}

// page is one page of a list response.
type page struct {
	Items      any `json:"items"`
	PageNumber int `json:"pageNumber"`
	PageSize   int `json:"pageSize"`
	TotalSize  int `json:"totalSize"`
}

// paginate cuts items to the page the query asks for (pageNumber from 1,
// pageSize 1-100, default 10), as APIG list calls do.
func paginate[T any](c *call, items []T) (page, error) {
	num, err := intQuery(c, "pageNumber", 1, 1, 1<<30)
	if err != nil {
		return page{}, err
	}
	size, err := intQuery(c, "pageSize", 10, 1, 100)
	if err != nil {
		return page{}, err
	}
	lo := min((num-1)*size, len(items))
	hi := min(lo+size, len(items))
	out := items[lo:hi]
	if out == nil {
		out = []T{}
	}
	return page{Items: out, PageNumber: num, PageSize: size, TotalSize: len(items)}, nil
}

func intQuery(c *call, name string, def, lo, hi int) (int, error) {
	raw := c.query(name)
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < lo || n > hi {
		return 0, badRequest("%s must be an integer from %d to %d, got %q", name, lo, hi, raw)
	}
	return n, nil
}

// pathID is a path parameter (the mux has undone its percent-encoding).
func pathID(c *call, name string) string { return c.r.PathValue(name) }

// match is an exact filter: an empty filter matches everything.
func match(v, filter string) bool { return filter == "" || v == filter }

// contains is a fuzzy (substring) filter: an empty filter matches everything.
func contains(v, filter string) bool { return filter == "" || strings.Contains(v, filter) }

// orEmpty turns a nil list into an empty one, so it is written as [].
func orEmpty[T any](v []T) []T {
	if v == nil {
		return []T{}
	}
	return v
}
