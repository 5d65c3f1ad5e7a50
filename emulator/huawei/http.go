package huawei

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gwsync/gwsync/emulator/huawei/sdkhmac"
	"github.com/gwsync/gwsync/emulator/internal/serving"
)

// maxBody bounds a request body.
const maxBody = 1 << 20

// instancePrefix is the path every instance-scoped operation sits under.
const instancePrefix = "/v2/{project_id}/apigw/instances/{instance_id}"

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
		return errf(http.StatusBadRequest, codeInvalidBody, "Invalid parameter value,parameterName:body. The body is not valid JSON for this operation: %v", err)
	}
	return nil
}

// query is one query parameter.
func (c *call) query(name string) string { return c.r.URL.Query().Get(name) }

// path is a path parameter.
func (c *call) path(name string) string { return c.r.PathValue(name) }

// handlerFunc serves one operation, returning the response body.
type handlerFunc func(*call) (any, error)

// operation is one control-plane operation: its SDK name, route, success
// status and handler.
type operation struct {
	name    string
	pattern string // "METHOD path" for http.ServeMux
	status  int
	fn      handlerFunc
}

// Handler is the control-plane HTTP API at the APIG v2 paths.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, op := range s.operations() {
		mux.Handle(op.pattern, s.serve(op))
	}
	mux.Handle("/", s.serve(operation{name: "Unknown", fn: func(c *call) (any, error) {
		return nil, notFound(codeUnknownOperation, "%s %s is not an APIG v2 operation the emulator serves", c.r.Method, c.r.URL.Path)
	}}))
	return mux
}

// serve wraps an operation: body, signature, project and instance, faults,
// the response, the log.
func (s *Server) serve(op operation) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		reqID := s.requestID()
		c, err := s.admit(r)
		var body any
		if err == nil {
			s.mu.Lock()
			err = s.checkScope(c)
			if err == nil {
				body, err = op.fn(c)
			}
			// Encoded under the lock: an answer may hold the records
			// themselves, which the next call may change.
			body = serving.SnapshotJSON(body)
			s.mu.Unlock()
		}
		status := respond(w, reqID, op.status, body, err)
		s.log.Info("call", "op", op.name, "method", r.Method, "path", r.URL.Path,
			"accessKey", c.accessKey, "status", status, "requestId", reqID, "duration", time.Since(start))
	})
}

// admit reads and authenticates a request and applies the faults.
func (s *Server) admit(r *http.Request) (*call, error) {
	c := &call{r: r}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil || len(body) > maxBody {
		return c, errf(http.StatusBadRequest, codeInvalidBody, "the request body could not be read or is over %d bytes", maxBody)
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
	var se *sdkhmac.Error
	if errors.As(err, &se) && se.Expired {
		return errf(http.StatusUnauthorized, codeExpired, "%s", se.Message)
	}
	return errf(http.StatusUnauthorized, codeBadToken, "Incorrect IAM authentication information: %v", err)
}

// checkScope checks the project and instance of the path, and the
// X-Project-Id header when sent (with s.mu held).
func (s *Server) checkScope(c *call) error {
	pid := c.path("project_id")
	if pid == "" && c.path("instance_id") == "" {
		return nil // the unknown-operation handler
	}
	if pid != s.inst.ProjectID {
		return errf(http.StatusForbidden, codeNoPermission, "project %s is not this emulator's project (%s)", pid, s.inst.ProjectID)
	}
	if h := c.r.Header.Get(sdkhmac.HeaderProjectID); h != "" && h != pid {
		return errf(http.StatusForbidden, codeNoPermission, "X-Project-Id %s does not match the path's project %s", h, pid)
	}
	if id := c.path("instance_id"); id != "" && id != s.inst.ID {
		return notFound(codeInstanceNotFound, "instance %s does not exist (this emulator's instance is %s)", id, s.inst.ID)
	}
	return nil
}

// errorBody is every error response.
type errorBody struct {
	Code    string `json:"error_code"`
	Message string `json:"error_msg"`
}

// respond writes the response and returns the HTTP status.
func respond(w http.ResponseWriter, reqID string, okStatus int, body any, err error) int {
	w.Header().Set("X-Request-Id", reqID)
	if err != nil {
		ae := asAPIError(err)
		if ae.Status == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "1")
		}
		writeJSON(w, ae.Status, errorBody{Code: ae.Code, Message: ae.Message})
		return ae.Status
	}
	if okStatus == http.StatusNoContent {
		w.WriteHeader(okStatus)
		return okStatus
	}
	writeJSON(w, okStatus, body)
	return okStatus
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// Page sizes (fact sheet §1).
const (
	defaultLimit = 20
	maxLimit     = 500
)

// paginate cuts items to the page asked for and answers {total, size,
// key: [...]}: offset below 0 counts as 0, limit 0 or below as 20, over
// 500 as 500.
func paginate[T any](c *call, key string, items []T) (map[string]any, error) {
	offset, err := intQuery(c, "offset")
	if err != nil {
		return nil, err
	}
	limit, err := intQuery(c, "limit")
	if err != nil {
		return nil, err
	}
	offset = max(offset, 0)
	if limit <= 0 {
		limit = defaultLimit
	}
	limit = min(limit, maxLimit)
	lo := min(offset, len(items))
	out := append([]T{}, items[lo:min(lo+limit, len(items))]...)
	return map[string]any{"total": len(items), "size": len(out), key: out}, nil
}

func intQuery(c *call, name string) (int, error) {
	raw := c.query(name)
	if raw == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil {
		return 0, invalid(name, "%q is not an integer", raw)
	}
	return n, nil
}

// matchName is the name filter: exact with precise_search naming the
// field, else a substring match; an empty filter matches everything.
func matchName(c *call, field, value string) bool {
	filter := c.query(field)
	if filter == "" {
		return true
	}
	if preciseSearch(c, field) {
		return value == filter
	}
	return strings.Contains(value, filter)
}

// preciseSearch reports whether precise_search names field.
func preciseSearch(c *call, field string) bool {
	for _, f := range strings.Split(c.query("precise_search"), ",") {
		if strings.TrimSpace(f) == field {
			return true
		}
	}
	return false
}

// exact is an exact filter on a query parameter: empty matches everything.
func exact(c *call, field, value string) bool {
	f := c.query(field)
	return f == "" || f == value
}
