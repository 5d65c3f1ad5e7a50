package githubfake

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
	"time"
)

func (s *Server) getUser(w http.ResponseWriter, r *http.Request) {
	if strings.HasSuffix(s.opts.Login, "[bot]") {
		writeError(w, http.StatusForbidden, "Resource not accessible by integration",
			"https://docs.github.com/rest/users/users#get-the-authenticated-user")
		return
	}
	writeJSON(w, http.StatusOK, s.urls(r).user(s.opts.Login, userID(s.opts.Login)))
}

// target returns the issue or pull request named in the path, answering
// 404 when there is none.
func (s *Server) target(w http.ResponseWriter, r *http.Request) (*issue, bool) {
	n, ok := intValue(w, r, "number")
	if !ok {
		return nil, false
	}
	is, ok := s.issues[int(n)]
	if !ok {
		notFound(w, r)
	}
	return is, ok
}

func (s *Server) listComments(w http.ResponseWriter, r *http.Request) {
	is, ok := s.target(w, r)
	if !ok {
		return
	}
	u := s.urls(r)
	out := []commentJSON{}
	for _, c := range paginate(w, r, is.comments) {
		out = append(out, u.comment(is, c))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) createComment(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Body string `json:"body"`
	}
	is, ok := s.target(w, r)
	if !ok || !decode(w, r, &in) || !checkBody(w, "IssueComment", in.Body, true) {
		return
	}
	c := s.addComment(is, s.opts.Login, in.Body)
	writeJSON(w, http.StatusCreated, s.urls(r).comment(is, c))
}

func (s *Server) editComment(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Body string `json:"body"`
	}
	id, ok := intValue(w, r, "id")
	if !ok {
		return
	}
	is, c := s.findComment(id)
	if c == nil {
		notFound(w, r)
		return
	}
	if !decode(w, r, &in) || !checkBody(w, "IssueComment", in.Body, true) {
		return
	}
	c.body, c.updated = in.Body, s.now()
	writeJSON(w, http.StatusOK, s.urls(r).comment(is, c))
}

func (s *Server) findComment(id int64) (*issue, *comment) {
	for _, is := range s.issues {
		for _, c := range is.comments {
			if c.id == id {
				return is, c
			}
		}
	}
	return nil, nil
}

// listIssues lists issues and pull requests, as GitHub does, filtered by
// state (default open) and labels, sorted by creation (default newest
// first).
func (s *Server) listIssues(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	state := q.Get("state")
	if state != "closed" && state != "all" {
		state = "open"
	}
	list := s.sorted(func(is *issue) bool {
		return (state == "all" || is.state == state) && is.hasLabels(q.Get("labels"))
	})
	if q.Get("direction") != "asc" {
		slices.Reverse(list)
	}
	u := s.urls(r)
	out := []issueJSON{}
	for _, is := range paginate(w, r, list) {
		out = append(out, u.issue(is, s.labels))
	}
	writeJSON(w, http.StatusOK, out)
}

// issueEdit is the body of a create or edit issue call; absent fields are
// nil.
type issueEdit struct {
	Title       *string   `json:"title"`
	Body        *string   `json:"body"`
	State       *string   `json:"state"`
	StateReason *string   `json:"state_reason"`
	Labels      *[]string `json:"labels"`
}

func (s *Server) createIssue(w http.ResponseWriter, r *http.Request) {
	var in issueEdit
	if !decode(w, r, &in) {
		return
	}
	if in.Title == nil || strings.TrimSpace(*in.Title) == "" {
		validationFailed(w, fieldError{Resource: "Issue", Code: "missing_field", Field: "title"})
		return
	}
	body := deref(in.Body)
	if !checkBody(w, "Issue", body, false) {
		return
	}
	var labels []string
	if in.Labels != nil {
		labels = *in.Labels
	}
	is := s.newIssue(s.opts.Login, *in.Title, body, labels)
	writeJSON(w, http.StatusCreated, s.urls(r).issue(is, s.labels))
}

func (s *Server) getIssue(w http.ResponseWriter, r *http.Request) {
	if is, ok := s.target(w, r); ok {
		writeJSON(w, http.StatusOK, s.urls(r).issue(is, s.labels))
	}
}

func (s *Server) editIssue(w http.ResponseWriter, r *http.Request) {
	var in issueEdit
	is, ok := s.target(w, r)
	if !ok || !decode(w, r, &in) || !s.validEdit(w, in) {
		return
	}
	s.applyEdit(is, in)
	writeJSON(w, http.StatusOK, s.urls(r).issue(is, s.labels))
}

func (s *Server) validEdit(w http.ResponseWriter, in issueEdit) bool {
	if in.State != nil && *in.State != "open" && *in.State != "closed" {
		validationFailed(w, fieldError{Resource: "Issue", Code: "invalid", Field: "state"})
		return false
	}
	return checkBody(w, "Issue", deref(in.Body), false)
}

func (s *Server) applyEdit(is *issue, in issueEdit) {
	now := s.now()
	if in.Title != nil {
		is.title = *in.Title
	}
	if in.Body != nil {
		is.body = *in.Body
	}
	if in.Labels != nil {
		is.labels = nil
		for _, l := range *in.Labels {
			s.label(l)
			is.labels = append(is.labels, l)
		}
	}
	if in.State != nil && *in.State != is.state {
		s.setState(is, *in.State, deref(in.StateReason), now)
	}
	is.updated = now
}

func (s *Server) setState(is *issue, state, reason string, now time.Time) {
	is.state = state
	if state == "open" {
		is.stateReason, is.closed = "reopened", time.Time{}
		return
	}
	is.stateReason, is.closed = cmp.Or(reason, "completed"), now
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
