package githubfake

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// Routes, as GitHub's REST documentation names them; Calls counts by them.
const (
	RouteUser          = "GET /user"
	RouteListComments  = "GET /repos/{owner}/{repo}/issues/{number}/comments"
	RouteCreateComment = "POST /repos/{owner}/{repo}/issues/{number}/comments"
	RouteEditComment   = "PATCH /repos/{owner}/{repo}/issues/comments/{id}"
	RouteListIssues    = "GET /repos/{owner}/{repo}/issues"
	RouteCreateIssue   = "POST /repos/{owner}/{repo}/issues"
	RouteGetIssue      = "GET /repos/{owner}/{repo}/issues/{number}"
	RouteEditIssue     = "PATCH /repos/{owner}/{repo}/issues/{number}"
)

const restDocs = "https://docs.github.com/rest"

// Handler serves the API under the prefix; anything else is 404.
func (s *Server) Handler() http.Handler {
	api := http.NewServeMux()
	routes := map[string]http.HandlerFunc{
		RouteUser: s.getUser, RouteListComments: s.listComments, RouteCreateComment: s.createComment,
		RouteEditComment: s.editComment, RouteListIssues: s.listIssues, RouteCreateIssue: s.createIssue,
		RouteGetIssue: s.getIssue, RouteEditIssue: s.editIssue,
	}
	for pattern, h := range routes {
		api.HandleFunc(pattern, s.guard(pattern, h))
	}
	api.HandleFunc("/", notFound)
	if s.opts.Prefix == "/" {
		return api
	}
	root := http.NewServeMux()
	root.Handle(s.opts.Prefix, http.StripPrefix(strings.TrimSuffix(s.opts.Prefix, "/"), api))
	root.HandleFunc("/", notFound)
	return root
}

// guard counts a call and answers it as GitHub would before the route's
// own work: bad credentials, an injected fault, another repository,
// refused writes. The route runs holding the lock.
func (s *Server) guard(route string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.count(route, r.Method)
		s.rateHeaders(w)
		if !s.authorized(r) {
			writeError(w, http.StatusUnauthorized, "Bad credentials", restDocs)
			return
		}
		if f := s.takeFault(); f != nil {
			f(w)
			return
		}
		switch {
		case !s.ourRepo(r):
			notFound(w, r)
		case s.deny != nil && isWrite(r.Method):
			writeError(w, s.deny.status, s.deny.message, restDocs)
		default:
			h(w, r)
		}
	}
}

func (s *Server) count(route, method string) {
	s.calls[route]++
	if isWrite(method) {
		s.writes++
	}
}

// rateHeaders sends the primary rate limit's headers, as GitHub does on
// every answer.
func (s *Server) rateHeaders(w http.ResponseWriter) {
	s.remaining = max(s.remaining-1, 1)
	h := w.Header()
	h.Set("X-RateLimit-Limit", "5000")
	h.Set("X-RateLimit-Remaining", strconv.Itoa(s.remaining))
	h.Set("X-RateLimit-Used", strconv.Itoa(5000-s.remaining))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(s.now().Unix()+3600, 10))
	h.Set("X-RateLimit-Resource", "core")
}

// authorized reports whether the request carries the token, as
// "Bearer TOKEN" or "token TOKEN".
func (s *Server) authorized(r *http.Request) bool {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	scheme = strings.ToLower(scheme)
	return ok && (scheme == "bearer" || scheme == "token") && token == s.opts.Token
}

// ourRepo reports whether the request is for the served repository
// (GitHub compares names without case); routes without one pass.
func (s *Server) ourRepo(r *http.Request) bool {
	owner, repo := r.PathValue("owner"), r.PathValue("repo")
	if owner == "" && repo == "" {
		return true
	}
	return strings.EqualFold(owner, s.opts.Owner) && strings.EqualFold(repo, s.opts.Repo)
}

func notFound(w http.ResponseWriter, _ *http.Request) {
	writeError(w, http.StatusNotFound, "Not Found", restDocs)
}

// writeError answers as GitHub's client errors are shaped.
func writeError(w http.ResponseWriter, status int, message, docs string) {
	writeJSON(w, status, map[string]any{"message": message, "documentation_url": docs, "status": strconv.Itoa(status)})
}

// fieldError is one entry of a 422's errors list.
type fieldError struct {
	Resource string `json:"resource"`
	Code     string `json:"code"`
	Field    string `json:"field"`
	Message  string `json:"message,omitempty"`
}

func validationFailed(w http.ResponseWriter, e fieldError) {
	writeJSON(w, http.StatusUnprocessableEntity, map[string]any{
		"message": "Validation Failed", "errors": []fieldError{e}, "documentation_url": restDocs, "status": "422"})
}

// checkBody answers 422 and returns false when a required body is empty or
// too long.
func checkBody(w http.ResponseWriter, resource, body string, required bool) bool {
	switch {
	case required && strings.TrimSpace(body) == "":
		validationFailed(w, fieldError{Resource: resource, Code: "missing_field", Field: "body"})
	case len([]rune(body)) > MaxBodyLength:
		validationFailed(w, fieldError{Resource: resource, Code: "custom", Field: "body",
			Message: "body is too long (maximum is " + strconv.Itoa(MaxBodyLength) + " characters)"})
	default:
		return true
	}
	return false
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// decode reads a JSON request body, answering 400 when it is not JSON.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		writeError(w, http.StatusBadRequest, "Problems parsing JSON", restDocs)
		return false
	}
	return true
}

// intValue reads a numeric path value, answering 404 when it is not one.
func intValue(w http.ResponseWriter, r *http.Request, name string) (int64, bool) {
	n, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || n < 1 {
		notFound(w, r)
		return 0, false
	}
	return n, true
}
