package gh

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/google/go-github/v60/github"
)

// Issue is an issue.
type Issue struct {
	Number int
	URL    string // its address on the web
}

// issuesWrite is the permission the drift issue needs.
const issuesWrite = "issues: write"

// SyncIssue keeps an open issue labelled label whose body's first line is
// marker (added if body lacks it): it edits the title and body of the
// oldest such open issue when they differ (no write when equal), or opens
// one, and reports whether it opened it. It does not comment on an edit,
// so watchers are not notified on every run.
//
// A closed issue is never reopened: drift that comes back after one was
// closed opens a new issue, so each episode has its own history and the
// closing comment of the last one stays true.
func (c *Client) SyncIssue(ctx context.Context, label, marker, title, body string) (Issue, bool, error) {
	if err := checkIssueArgs(label, marker); err != nil {
		return Issue{}, false, err
	}
	if strings.TrimSpace(title) == "" {
		return Issue{}, false, errors.New("an issue needs a title")
	}
	body = withMarker(marker, body)
	open, err := c.openIssues(ctx, label, marker)
	switch {
	case err != nil:
		return Issue{}, false, err
	case len(open) == 0:
		is, err := c.openIssue(ctx, label, title, body)
		return toIssue(is), err == nil, err
	case open[0].GetTitle() == title && sameBody(open[0].GetBody(), body):
		return toIssue(open[0]), false, nil
	}
	is, err := c.editIssue(ctx, open[0].GetNumber(), &github.IssueRequest{Title: &title, Body: &body})
	return toIssue(is), false, err
}

// CloseIssue closes the open issues labelled label whose first line is
// marker (there is normally one), each after commenting comment (none if
// empty), with reason "completed". It returns the oldest, or nil if none
// was open.
func (c *Client) CloseIssue(ctx context.Context, label, marker, comment string) (*Issue, error) {
	if err := checkIssueArgs(label, marker); err != nil {
		return nil, err
	}
	open, err := c.openIssues(ctx, label, marker)
	if err != nil || len(open) == 0 {
		return nil, err
	}
	for _, is := range open {
		if err := c.closeIssue(ctx, is.GetNumber(), comment); err != nil {
			return nil, err
		}
	}
	first := toIssue(open[0])
	return &first, nil
}

func (c *Client) closeIssue(ctx context.Context, n int, comment string) error {
	if comment != "" {
		if _, err := c.createComment(ctx, n, comment, issuesWrite); err != nil {
			return err
		}
	}
	closed, reason := "closed", "completed"
	_, err := c.editIssue(ctx, n, &github.IssueRequest{State: &closed, StateReason: &reason})
	return err
}

func checkIssueArgs(label, marker string) error {
	if strings.TrimSpace(label) == "" {
		return errors.New("an issue needs a label to be found by, e.g. gwsync-drift")
	}
	if strings.TrimSpace(marker) == "" || strings.Contains(marker, "\n") {
		return errors.New("an issue needs a one-line marker, e.g. gh.DriftMarker(gateway)")
	}
	return nil
}

func toIssue(is *github.Issue) Issue {
	if is == nil {
		return Issue{}
	}
	return Issue{Number: is.GetNumber(), URL: is.GetHTMLURL()}
}

// openIssues lists the open issues (not pull requests) labelled label
// whose first line is marker, oldest first, across all pages.
func (c *Client) openIssues(ctx context.Context, label, marker string) ([]*github.Issue, error) {
	o := op{method: "GET", path: fmt.Sprintf("/repos/%s/issues", c.repo), perm: issuesWrite, what: "issues"}
	opts := &github.IssueListByRepoOptions{State: "open", Labels: []string{label}, Sort: "created", Direction: "asc",
		ListOptions: github.ListOptions{PerPage: 100}}
	var out []*github.Issue
	for {
		var page []*github.Issue
		var resp *github.Response
		err := c.do(ctx, o, func() (*github.Response, error) {
			var err error
			page, resp, err = c.gh.Issues.ListByRepo(ctx, c.repo.Owner, c.repo.Name, opts)
			return resp, err
		})
		if err != nil {
			return nil, err
		}
		for _, is := range page {
			if !is.IsPullRequest() && startsWithMarker(is.GetBody(), marker) {
				out = append(out, is)
			}
		}
		if resp.NextPage == 0 {
			return out, nil
		}
		opts.Page = resp.NextPage
	}
}

// openIssue opens an issue labelled label. GitHub drops the labels of an
// issue opened by a token without write access; such an issue could not be
// found again, so that is an error.
func (c *Client) openIssue(ctx context.Context, label, title, body string) (*github.Issue, error) {
	o := op{method: "POST", path: fmt.Sprintf("/repos/%s/issues", c.repo), perm: issuesWrite, what: "issues"}
	labels := []string{label}
	var is *github.Issue
	err := c.do(ctx, o, func() (*github.Response, error) {
		var resp *github.Response
		var err error
		is, resp, err = c.gh.Issues.Create(ctx, c.repo.Owner, c.repo.Name, &github.IssueRequest{Title: &title, Body: &body, Labels: &labels})
		return resp, err
	})
	if err != nil {
		return nil, err
	}
	if !hasLabel(is, label) {
		return is, fmt.Errorf("GitHub opened issue #%d (%s) without its label %q, so gwsync will not find it again: give the token %q (GitHub drops labels set without write access) and close that issue by hand", is.GetNumber(), is.GetHTMLURL(), label, issuesWrite)
	}
	return is, nil
}

func hasLabel(is *github.Issue, label string) bool {
	return slices.ContainsFunc(is.Labels, func(l *github.Label) bool { return strings.EqualFold(l.GetName(), label) })
}

// editIssue edits issue n.
func (c *Client) editIssue(ctx context.Context, n int, req *github.IssueRequest) (*github.Issue, error) {
	o := op{method: "PATCH", path: fmt.Sprintf("/repos/%s/issues/%d", c.repo, n), perm: issuesWrite, what: fmt.Sprintf("issue %d", n)}
	var is *github.Issue
	err := c.do(ctx, o, func() (*github.Response, error) {
		var resp *github.Response
		var err error
		is, resp, err = c.gh.Issues.Edit(ctx, c.repo.Owner, c.repo.Name, n, req)
		return resp, err
	})
	return is, err
}
