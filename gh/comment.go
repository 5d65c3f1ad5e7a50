package gh

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/google/go-github/v60/github"
)

// Comment is a comment on a pull request.
type Comment struct {
	ID  int64
	URL string // its address on the web
}

// pullRequests is the permission pull request comments need; the API
// serves them as issue comments.
const pullRequests = "pull-requests: write"

// UpsertComment keeps one comment on pull request pr for marker with body:
// it edits the one there (only if its body differs: an equal body makes
// no write) or creates it, and reports whether it created it.
//
// The body is given the marker as its first line if it lacks it. The
// comment taken as "the one there" is the oldest, across all pages, whose
// first line is exactly marker (so a person quoting the marker further
// down is not taken over) and that the token posted: the Config.Author or
// the login GET /user answers. Where neither is known — GitHub refuses
// GET /user to Actions' GITHUB_TOKEN and other app tokens — it is the
// oldest such comment by a bot; a person's comment is never edited.
func (c *Client) UpsertComment(ctx context.Context, pr int, marker, body string) (Comment, bool, error) {
	if err := checkArgs(pr, marker); err != nil {
		return Comment{}, false, err
	}
	body = withMarker(marker, body)
	if n := utf8.RuneCountInString(body); n > MaxBodyLength {
		return Comment{}, false, fmt.Errorf("the comment for pull request %d is %d characters, GitHub takes at most %d: shorten it", pr, n, MaxBodyLength)
	}
	found, err := c.findComment(ctx, pr, marker)
	switch {
	case err != nil:
		return Comment{}, false, err
	case found == nil:
		ic, err := c.createComment(ctx, pr, body, pullRequests)
		return toComment(ic), err == nil, err
	case sameBody(found.GetBody(), body):
		return toComment(found), false, nil
	}
	ic, err := c.editComment(ctx, pr, found.GetID(), body)
	return toComment(ic), false, err
}

func checkArgs(pr int, marker string) error {
	if pr < 1 {
		return fmt.Errorf("no pull request to comment on (number %d): run on a pull_request event", pr)
	}
	if strings.TrimSpace(marker) == "" || strings.Contains(marker, "\n") {
		return errors.New("a sticky comment needs a one-line marker, e.g. gh.PlanMarker(gateway)")
	}
	return nil
}

func toComment(ic *github.IssueComment) Comment {
	if ic == nil {
		return Comment{}
	}
	return Comment{ID: ic.GetID(), URL: ic.GetHTMLURL()}
}

// findComment returns the oldest comment on pr that is marker's, or nil.
// It asks who the token is only once a comment with the marker turns up.
func (c *Client) findComment(ctx context.Context, pr int, marker string) (*github.IssueComment, error) {
	var found *github.IssueComment
	var authorErr error
	err := c.eachComment(ctx, pr, func(ic *github.IssueComment) bool {
		if !startsWithMarker(ic.GetBody(), marker) {
			return true
		}
		var me string
		var known bool
		if me, known, authorErr = c.whoAmI(ctx); authorErr == nil && postedBy(ic.GetUser(), me, known) {
			found = ic
		}
		return found == nil && authorErr == nil
	})
	return found, cmp.Or(err, authorErr)
}

// postedBy reports whether the token, whose login is me if known, may have
// posted a comment by u: if the login is not known, any bot may be it.
func postedBy(u *github.User, me string, known bool) bool {
	if known {
		return strings.EqualFold(u.GetLogin(), me)
	}
	return u.GetType() == "Bot"
}

// whoAmI returns the token's login: Config.Author, or what GET /user
// answers, asked once. A refusal leaves it unknown; GitHub refuses app
// tokens such as GITHUB_TOKEN.
func (c *Client) whoAmI(ctx context.Context) (login string, known bool, err error) {
	c.authorMu.Lock()
	defer c.authorMu.Unlock()
	if c.authorKnown || c.authorAsked {
		return c.author, c.authorKnown, nil
	}
	var u *github.User
	err = c.do(ctx, op{method: "GET", path: "/user", perm: "none", what: "user"}, func() (*github.Response, error) {
		var resp *github.Response
		var err error
		u, resp, err = c.gh.Users.Get(ctx, "")
		return resp, err
	})
	var ge *Error
	switch {
	case errors.As(err, &ge) && (ge.Status == 401 || ge.Status == 403 || ge.Status == 404) && !ge.RateLimited():
		err = nil
	case err != nil:
		return "", false, err
	default:
		c.author, c.authorKnown = u.GetLogin(), u.GetLogin() != ""
	}
	c.authorAsked = true
	return c.author, c.authorKnown, nil
}

// eachComment calls yield with the comments on issue or pull request n,
// oldest first, page by page, until yield returns false.
func (c *Client) eachComment(ctx context.Context, n int, yield func(*github.IssueComment) bool) error {
	o := c.commentsOp("GET", n, pullRequests)
	opts := &github.IssueListCommentsOptions{ListOptions: github.ListOptions{PerPage: 100}}
	for {
		var page []*github.IssueComment
		var resp *github.Response
		err := c.do(ctx, o, func() (*github.Response, error) {
			var err error
			page, resp, err = c.gh.Issues.ListComments(ctx, c.repo.Owner, c.repo.Name, n, opts)
			return resp, err
		})
		if err != nil {
			return err
		}
		for _, ic := range page {
			if !yield(ic) {
				return nil
			}
		}
		if resp.NextPage == 0 {
			return nil
		}
		opts.Page = resp.NextPage
	}
}

// createComment comments on issue or pull request n.
func (c *Client) createComment(ctx context.Context, n int, body, perm string) (*github.IssueComment, error) {
	var ic *github.IssueComment
	err := c.do(ctx, c.commentsOp("POST", n, perm), func() (*github.Response, error) {
		var resp *github.Response
		var err error
		ic, resp, err = c.gh.Issues.CreateComment(ctx, c.repo.Owner, c.repo.Name, n, &github.IssueComment{Body: &body})
		return resp, err
	})
	return ic, err
}

// editComment replaces the body of comment id on pull request pr.
func (c *Client) editComment(ctx context.Context, pr int, id int64, body string) (*github.IssueComment, error) {
	o := op{method: "PATCH", path: fmt.Sprintf("/repos/%s/issues/comments/%d", c.repo, id), perm: pullRequests,
		what: fmt.Sprintf("comment %d on pull request %d", id, pr)}
	var ic *github.IssueComment
	err := c.do(ctx, o, func() (*github.Response, error) {
		var resp *github.Response
		var err error
		ic, resp, err = c.gh.Issues.EditComment(ctx, c.repo.Owner, c.repo.Name, id, &github.IssueComment{Body: &body})
		return resp, err
	})
	return ic, err
}

// commentsOp is a call on the comments of issue or pull request n.
func (c *Client) commentsOp(method string, n int, perm string) op {
	what := fmt.Sprintf("pull request %d", n)
	if perm != pullRequests {
		what = fmt.Sprintf("issue %d", n)
	}
	return op{method: method, path: fmt.Sprintf("/repos/%s/issues/%d/comments", c.repo, n), perm: perm, what: what}
}
