// Package githubfake is an in-process fake of the few GitHub REST endpoints
// gwsync's gh package calls: issue and pull request comments, issues, and
// the authenticated user. It serves them over loopback HTTP under a base
// URL prefix (/api/v3/, as GitHub Enterprise Server does), checks the
// token on every call, paginates lists with Link headers as GitHub does,
// and answers with GitHub's documented JSON shapes for the fields gwsync
// reads. Tests seed it (AddPR, AddComment, AddIssue), inject failures
// (DenyWrites, RateLimitOnce, SecondaryLimitOnce) and inspect what the
// client left behind (Comments, Issues, Calls, Writes).
package githubfake

import (
	"cmp"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"time"
)

// Defaults for Options left empty.
const (
	DefaultOwner  = "acme"
	DefaultRepo   = "gateways"
	DefaultToken  = "ghs_fakeTokenForTests0123456789abcdef"
	DefaultLogin  = "github-actions[bot]"
	DefaultPrefix = "/api/v3/"
)

// MaxBodyLength is the longest comment or issue body GitHub accepts, in
// characters.
const MaxBodyLength = 65536

// Options configure a fake; the zero value is acme/gateways served under
// /api/v3/ to DefaultToken, which belongs to github-actions[bot].
type Options struct {
	Owner, Repo string // the one repository served; others are 404
	Token       string // the token requests must carry
	Login       string // the login the token belongs to
	Prefix      string // the base path, e.g. "/api/v3/"; "/" for none
}

// Server is a running fake. Its methods are safe for concurrent use.
type Server struct {
	opts Options
	http *httptest.Server

	mu        sync.Mutex
	issues    map[int]*issue // issues and pull requests, by number
	nextID    int64          // ids of comments, issues and labels
	labels    map[string]int64
	calls     map[string]int // by route
	writes    int
	remaining int
	deny      *refusal
	faults    []fault // one-shot answers for the next calls
	clock     func() time.Time
}

// refusal is how DenyWrites answers write calls.
type refusal struct {
	status  int
	message string
}

// Start starts a fake on a loopback port; Close stops it.
func Start(opts Options) *Server {
	s := &Server{opts: withDefaults(opts), issues: map[int]*issue{}, labels: map[string]int64{},
		calls: map[string]int{}, remaining: 5000, clock: time.Now}
	s.http = httptest.NewServer(s.Handler())
	return s
}

func withDefaults(o Options) Options {
	o.Owner = cmp.Or(o.Owner, DefaultOwner)
	o.Repo = cmp.Or(o.Repo, DefaultRepo)
	o.Token = cmp.Or(o.Token, DefaultToken)
	o.Login = cmp.Or(o.Login, DefaultLogin)
	o.Prefix = cmp.Or(o.Prefix, DefaultPrefix)
	if !strings.HasPrefix(o.Prefix, "/") {
		o.Prefix = "/" + o.Prefix
	}
	if !strings.HasSuffix(o.Prefix, "/") {
		o.Prefix += "/"
	}
	return o
}

// Close stops the fake.
func (s *Server) Close() { s.http.Close() }

// URL is the API's base URL, prefix included, with a trailing slash:
// what GITHUB_API_URL holds, e.g. http://127.0.0.1:41234/api/v3/.
func (s *Server) URL() string { return s.http.URL + s.opts.Prefix }

// ServerURL is the web server's URL (GITHUB_SERVER_URL): html_url fields
// point under it.
func (s *Server) ServerURL() string { return s.http.URL }

// Token is the token requests must carry.
func (s *Server) Token() string { return s.opts.Token }

// Owner and Repo name the repository served.
func (s *Server) Owner() string { return s.opts.Owner }

// Repo is the served repository's name.
func (s *Server) Repo() string { return s.opts.Repo }

// SetLogin changes the login the token belongs to. GET /user answers it
// for a user's login and refuses a bot's (one ending in "[bot]"), as
// GitHub refuses installation tokens such as Actions' GITHUB_TOKEN.
func (s *Server) SetLogin(login string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opts.Login = login
}

// DenyWrites answers every later write call (POST, PATCH, PUT, DELETE)
// with status and message, e.g. 403 "Resource not accessible by
// integration"; status 0 lets writes through again.
func (s *Server) DenyWrites(status int, message string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.deny = nil
	if status != 0 {
		s.deny = &refusal{status: status, message: message}
	}
}

// Calls is how many calls came in on route, e.g. RouteListComments,
// whatever they were answered.
func (s *Server) Calls(route string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[route]
}

// Writes is how many write calls (POST, PATCH, PUT, DELETE) came in since
// start, refused ones included.
func (s *Server) Writes() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.writes
}

// isWrite reports whether a method changes state.
func isWrite(method string) bool {
	return slices.Contains([]string{http.MethodPost, http.MethodPatch, http.MethodPut, http.MethodDelete}, method)
}
