package gh

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
)

// Error is a GitHub API call that failed, with what to change. Its text
// never holds the token.
type Error struct {
	Method  string    // e.g. "POST"
	Path    string    // the API path, without base URL or query, e.g. "/repos/acme/gateways/issues/7/comments"
	Status  int       // the HTTP status; 0 when no answer came
	Message string    // GitHub's message, or why no answer came
	Hint    string    // what to change
	Reset   time.Time // for a rate limit: when it resets; else zero
	Err     error     // the cause when no answer came (network, context); else nil
}

// Error reads like
//
//	GitHub: 403 Resource not accessible by integration on POST /repos/o/r/issues/7/comments: the token lacks permission "pull-requests: write"; ...
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("GitHub: ")
	if e.Status != 0 {
		fmt.Fprintf(&b, "%d ", e.Status)
	}
	fmt.Fprintf(&b, "%s on %s %s", e.Message, e.Method, e.Path)
	if e.Hint != "" {
		b.WriteString(": " + e.Hint)
	}
	return b.String()
}

// Unwrap returns the cause when no answer came, e.g. context.Canceled.
func (e *Error) Unwrap() error { return e.Err }

// RateLimited reports whether GitHub refused the call for a rate limit.
func (e *Error) RateLimited() bool { return !e.Reset.IsZero() }

// op is one API call, as errors describe it.
type op struct {
	method, path string
	perm         string // the workflow permission it needs, e.g. "pull-requests: write"
	what         string // what the path names, e.g. "pull request 7"
}

// apiError describes a failed call that is not a rate limit.
func (c *Client) apiError(o op, err error) *Error {
	e := &Error{Method: o.method, Path: o.path}
	var resp *github.ErrorResponse
	switch {
	case errors.As(err, &resp) && resp.Response != nil:
		e.Status, e.Message = resp.Response.StatusCode, cmp.Or(resp.Message, strings.TrimSpace(resp.Response.Status))
		e.Hint = c.hint(o, e.Status, resp)
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		e.Message, e.Err = err.Error(), err
	default:
		e.Message, e.Err = noAnswer(err), err
		e.Hint = "check GITHUB_API_URL (" + c.apiURL() + ") and the network"
	}
	e.Message = c.redact(e.Message)
	return e
}

// noAnswer is why no answer came, without the URL a *url.Error repeats.
func noAnswer(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

// hint says what to change for an answer's status.
func (c *Client) hint(o op, status int, resp *github.ErrorResponse) string {
	switch {
	case status == 401:
		return "the token was refused; check GITHUB_TOKEN (an Actions token expires when its job ends)"
	case status == 403:
		return fmt.Sprintf(`the token lacks permission %q; add it under permissions: in the workflow (pull requests from forks get a read-only token whatever the workflow asks)`, o.perm)
	case status == 404:
		return fmt.Sprintf(`%s has no %s, or the token cannot see the repository (GitHub answers 404, not 403, for a private repository the token cannot read); check GITHUB_REPOSITORY and that the token has %q`, c.repo, o.what, o.perm)
	case status == 410:
		return fmt.Sprintf("issues are disabled in %s; enable them under the repository's Settings > Features", c.repo)
	case status == 422:
		return "GitHub refused the request: " + c.redact(fieldErrors(resp))
	case status >= 500:
		return "GitHub had a problem (calls safe to repeat were tried again); rerun the job"
	}
	return ""
}

// fieldErrors lists a 422's errors.
func fieldErrors(resp *github.ErrorResponse) string {
	var parts []string
	for _, fe := range resp.Errors {
		switch {
		case fe.Message != "":
			parts = append(parts, fe.Message)
		default:
			parts = append(parts, strings.TrimSpace(fmt.Sprintf("%s %s %s", fe.Resource, fe.Field, fe.Code)))
		}
	}
	if len(parts) == 0 {
		return "no details given"
	}
	return strings.Join(parts, "; ")
}

// redact hides the token wherever it appears, e.g. echoed by a server.
func (c *Client) redact(s string) string {
	if c.token == "" {
		return s
	}
	return strings.ReplaceAll(s, c.token, "***")
}

// apiURL is the API's base URL, for messages.
func (c *Client) apiURL() string { return c.gh.BaseURL.String() }
