package githubfake

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The JSON shapes below follow GitHub's REST documentation for the fields
// a client is likely to read; the rest are left out.

type userJSON struct {
	Login     string `json:"login"`
	ID        int64  `json:"id"`
	NodeID    string `json:"node_id"`
	URL       string `json:"url"`
	HTMLURL   string `json:"html_url"`
	Type      string `json:"type"` // "User" or "Bot"
	SiteAdmin bool   `json:"site_admin"`
}

type commentJSON struct {
	ID                int64     `json:"id"`
	NodeID            string    `json:"node_id"`
	URL               string    `json:"url"`
	HTMLURL           string    `json:"html_url"`
	IssueURL          string    `json:"issue_url"`
	Body              string    `json:"body"`
	User              userJSON  `json:"user"`
	CreatedAt         time.Time `json:"created_at"`
	UpdatedAt         time.Time `json:"updated_at"`
	AuthorAssociation string    `json:"author_association"`
}

type labelJSON struct {
	ID      int64  `json:"id"`
	NodeID  string `json:"node_id"`
	URL     string `json:"url"`
	Name    string `json:"name"`
	Color   string `json:"color"`
	Default bool   `json:"default"`
}

type pullLinksJSON struct {
	URL     string `json:"url"`
	HTMLURL string `json:"html_url"`
}

type issueJSON struct {
	ID                int64          `json:"id"`
	NodeID            string         `json:"node_id"`
	URL               string         `json:"url"`
	RepositoryURL     string         `json:"repository_url"`
	CommentsURL       string         `json:"comments_url"`
	HTMLURL           string         `json:"html_url"`
	Number            int            `json:"number"`
	State             string         `json:"state"`
	StateReason       *string        `json:"state_reason"`
	Title             string         `json:"title"`
	Body              *string        `json:"body"`
	User              userJSON       `json:"user"`
	Labels            []labelJSON    `json:"labels"`
	Locked            bool           `json:"locked"`
	Comments          int            `json:"comments"`
	PullRequest       *pullLinksJSON `json:"pull_request,omitempty"`
	ClosedAt          *time.Time     `json:"closed_at"`
	CreatedAt         time.Time      `json:"created_at"`
	UpdatedAt         time.Time      `json:"updated_at"`
	AuthorAssociation string         `json:"author_association"`
}

// urls builds the API and web addresses of one request's answer.
type urls struct {
	api, web, repoAPI, repoWeb string
}

func (s *Server) urls(r *http.Request) urls {
	web := "http://" + r.Host
	api := web + strings.TrimSuffix(s.opts.Prefix, "/")
	repo := "/" + s.opts.Owner + "/" + s.opts.Repo
	return urls{api: api, web: web, repoAPI: api + "/repos" + repo, repoWeb: web + repo}
}

func (u urls) user(login string, id int64) userJSON {
	kind := "User"
	if strings.HasSuffix(login, "[bot]") {
		kind = "Bot"
	}
	return userJSON{Login: login, ID: id, NodeID: "U_" + strconv.FormatInt(id, 10), URL: u.api + "/users/" + login,
		HTMLURL: u.web + "/" + login, Type: kind}
}

func (u urls) comment(is *issue, c *comment) commentJSON {
	id := strconv.FormatInt(c.id, 10)
	return commentJSON{ID: c.id, NodeID: "IC_" + id, URL: u.repoAPI + "/issues/comments/" + id,
		HTMLURL: u.repoWeb + is.webPath() + "#issuecomment-" + id, IssueURL: u.repoAPI + "/issues/" + strconv.Itoa(is.number),
		Body: c.body, User: u.user(c.author, userID(c.author)), CreatedAt: c.created, UpdatedAt: c.updated,
		AuthorAssociation: "NONE"}
}

func (u urls) issue(is *issue, labels map[string]int64) issueJSON {
	n := strconv.Itoa(is.number)
	j := issueJSON{ID: is.id, NodeID: "I_" + strconv.FormatInt(is.id, 10), URL: u.repoAPI + "/issues/" + n,
		RepositoryURL: u.repoAPI, CommentsURL: u.repoAPI + "/issues/" + n + "/comments", HTMLURL: u.repoWeb + is.webPath(),
		Number: is.number, State: is.state, Title: is.title, User: u.user(is.author, userID(is.author)),
		Labels: []labelJSON{}, Comments: len(is.comments), CreatedAt: is.created, UpdatedAt: is.updated,
		AuthorAssociation: "NONE"}
	if is.body != "" {
		j.Body = &is.body
	}
	if is.stateReason != "" {
		j.StateReason = &is.stateReason
	}
	if !is.closed.IsZero() {
		j.ClosedAt = &is.closed
	}
	if is.pr {
		j.PullRequest = &pullLinksJSON{URL: u.repoAPI + "/pulls/" + n, HTMLURL: u.repoWeb + "/pull/" + n}
	}
	for _, l := range is.labels {
		id := labels[l]
		j.Labels = append(j.Labels, labelJSON{ID: id, NodeID: "LA_" + strconv.FormatInt(id, 10),
			URL: u.repoAPI + "/labels/" + l, Name: l, Color: "ededed"})
	}
	return j
}

// webPath is where the issue or pull request is on the web, under the
// repository.
func (is *issue) webPath() string {
	if is.pr {
		return "/pull/" + strconv.Itoa(is.number)
	}
	return "/issues/" + strconv.Itoa(is.number)
}

// userID is a stable made-up ID for a login.
func userID(login string) int64 {
	var h int64 = 7
	for _, c := range login {
		h = (h*31 + int64(c)) % 1_000_000_007
	}
	return h
}
