// Package gh is gwsync's GitHub side: it keeps one sticky comment per pull
// request and gateway with the planned change (UpsertComment), and one open
// issue per gateway while drift exists (SyncIssue, CloseIssue). Comments and
// issues are found by a hidden HTML marker at the start of their body
// (PlanMarker, DriftMarker), across every page of the lists.
//
// It talks to the REST API through go-github, at api.github.com or a GitHub
// Enterprise Server's /api/v3/ (GITHUB_API_URL), waits out rate limits
// that reset soon enough and otherwise says when they reset, and turns
// refusals into errors that name the workflow permission to add. The token
// never appears in an error or a log line.
package gh

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-github/v60/github"
)

// DefaultAPIURL is GitHub.com's REST API.
const DefaultAPIURL = "https://api.github.com/"

// DefaultMaxWait is the longest a call waits for a rate limit to reset
// when Config.MaxWait is 0.
const DefaultMaxWait = 60 * time.Second

// MaxBodyLength is the longest comment or issue body GitHub accepts, in
// characters; a longer one is refused with 422.
const MaxBodyLength = 65536

// Repo is a GitHub repository.
type Repo struct{ Owner, Name string }

// String is "owner/name".
func (r Repo) String() string { return r.Owner + "/" + r.Name }

var (
	ownerName = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$`)
	repoName  = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)
)

// ParseRepo reads "owner/name", as GITHUB_REPOSITORY holds it.
func ParseRepo(s string) (Repo, error) {
	owner, name, ok := strings.Cut(s, "/")
	if !ok || !ownerName.MatchString(owner) || !repoName.MatchString(name) || name == "." || name == ".." {
		return Repo{}, fmt.Errorf("repository %q is not of the form owner/name (e.g. acme/gateways)", s)
	}
	return Repo{Owner: owner, Name: name}, nil
}

// Config is how to reach GitHub.
type Config struct {
	Token      string        // GITHUB_TOKEN; never printed
	APIURL     string        // GITHUB_API_URL; "" = https://api.github.com/ (Enterprise: https://HOST/api/v3/)
	Repo       Repo          // the repository whose pull requests and issues are written
	HTTPClient *http.Client  // optional; its Transport is kept, the token added on top
	MaxWait    time.Duration // longest wait for a rate limit to reset before failing (0 = 60s)

	// Author, if set, is the login the token posts as (e.g.
	// "github-actions[bot]"): only its comments are taken as the sticky
	// one. If empty, New's client asks GET /user once; where GitHub refuses
	// that (Actions' GITHUB_TOKEN and other app tokens), any bot's comment
	// may be taken, never a person's. See UpsertComment.
	Author string

	// Logger, if set, hears about waits for rate limits.
	Logger *slog.Logger
}

// Client writes pull request comments and issues in one repository. It
// is safe for concurrent use.
type Client struct {
	gh      *github.Client
	repo    Repo
	token   string
	base    string // the API base URL's path, e.g. "/api/v3/"
	maxWait time.Duration
	log     *slog.Logger
	sleep   func(time.Duration) <-chan time.Time

	resetMargin time.Duration // how long past a reset to wait; 0 = resetMargin (tests shorten it)

	authorMu    sync.Mutex
	author      string // the token's login, if authorKnown
	authorKnown bool   // Config.Author was set or GET /user answered
	authorAsked bool   // GET /user was asked
}

// New makes a client; it makes no call.
func New(cfg Config) (*Client, error) {
	token := strings.TrimSpace(cfg.Token)
	if token == "" {
		return nil, errors.New("no GitHub token: set GITHUB_TOKEN (in a workflow step: env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }})")
	}
	if cfg.Repo.Owner == "" || cfg.Repo.Name == "" {
		return nil, errors.New("no GitHub repository: set GITHUB_REPOSITORY to owner/name")
	}
	base, err := apiURL(cfg.APIURL)
	if err != nil {
		return nil, err
	}
	gc, err := newGitHub(cfg.HTTPClient, base, token)
	if err != nil {
		return nil, err
	}
	c := &Client{gh: gc, repo: cfg.Repo, token: token, base: gc.BaseURL.Path, maxWait: cfg.MaxWait,
		log: cfg.Logger, sleep: time.After, author: cfg.Author, authorKnown: cfg.Author != ""}
	if c.maxWait <= 0 {
		c.maxWait = DefaultMaxWait
	}
	return c, nil
}

// apiURL checks GITHUB_API_URL: an absolute http(s) URL without a user or
// password in it (which would end up in error messages).
func apiURL(s string) (*url.URL, error) {
	if s == "" {
		s = DefaultAPIURL
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("GITHUB_API_URL %q is not an http(s) URL; use https://api.github.com/ or, for GitHub Enterprise Server, https://HOST/api/v3/", redactURL(s))
	}
	if u.User != nil {
		return nil, errors.New("GITHUB_API_URL has a user or password in it; remove it and pass the token in GITHUB_TOKEN")
	}
	return u, nil
}

// redactURL drops anything before an "@" in the authority, in case a token
// was written there.
func redactURL(s string) string {
	if i := strings.Index(s, "@"); i >= 0 {
		if j := strings.Index(s, "//"); j >= 0 && j < i {
			return s[:j+2] + "***" + s[i:]
		}
		return "***" + s[i:]
	}
	return s
}

// newGitHub makes the go-github client: GitHub.com's, or an Enterprise
// server's when the URL is not api.github.com.
func newGitHub(hc *http.Client, base *url.URL, token string) (*github.Client, error) {
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	gc := github.NewClient(hc).WithAuthToken(token)
	gc.UserAgent = "gwsync"
	if base.Host == "api.github.com" {
		return gc, nil
	}
	s := base.String()
	return gc.WithEnterpriseURLs(s, s)
}

// PlanMarker marks the sticky plan comment for a gateway.
func PlanMarker(gateway string) string { return "<!-- gwsync:plan:" + markerKey(gateway) + " -->" }

// DriftMarker marks the drift issue for a gateway.
func DriftMarker(gateway string) string { return "<!-- gwsync:drift:" + markerKey(gateway) + " -->" }

// markerKey is a gateway name as a marker holds it: letters, digits and
// ".", "_", "-" kept, anything else (which could end the HTML comment or
// the line) as "_".
func markerKey(gateway string) string {
	return strings.Map(func(r rune) rune {
		if r < utf8.RuneSelf && (r == '.' || r == '_' || r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return r
		}
		return '_'
	}, gateway)
}

// startsWithMarker reports whether body's first line is marker (GitHub may
// store line ends as CRLF, and leading blank space is ignored).
func startsWithMarker(body, marker string) bool {
	first, _, _ := strings.Cut(strings.TrimLeft(normalize(body), " \t\n"), "\n")
	return strings.TrimRight(first, " \t") == marker
}

// withMarker returns body with marker as its first line, adding it if
// missing.
func withMarker(marker, body string) string {
	if startsWithMarker(body, marker) {
		return body
	}
	return marker + "\n" + body
}

// sameBody compares bodies as GitHub stores them: CRLF and LF alike,
// surrounding blank space ignored.
func sameBody(a, b string) bool {
	return strings.TrimSpace(normalize(a)) == strings.TrimSpace(normalize(b))
}

func normalize(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }
