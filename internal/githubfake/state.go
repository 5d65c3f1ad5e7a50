package githubfake

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Comment is a comment on an issue or pull request, as tests inspect it.
type Comment struct {
	ID     int64
	Author string // the author's login
	Body   string
}

// Issue is an issue, as tests inspect it.
type Issue struct {
	Number   int
	Title    string
	State    string // "open" or "closed"
	Labels   []string
	Body     string
	Author   string
	Comments []Comment
}

// issue is an issue or a pull request: GitHub numbers them in one
// sequence and serves both at /issues.
type issue struct {
	id          int64
	number      int
	pr          bool
	title       string
	body        string
	state       string
	stateReason string
	author      string
	labels      []string
	comments    []*comment
	created     time.Time
	updated     time.Time
	closed      time.Time
}

type comment struct {
	id      int64
	author  string
	body    string
	created time.Time
	updated time.Time
}

// AddPR makes pull request n, open, if there is none numbered n.
func (s *Server) AddPR(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pr(n)
}

// pr returns pull request n, made if missing.
func (s *Server) pr(n int) *issue {
	if is, ok := s.issues[n]; ok {
		return is
	}
	now := s.now()
	is := &issue{id: s.newID(), number: n, pr: true, title: "Pull request", state: "open",
		author: "octocat", created: now, updated: now}
	s.issues[n] = is
	return is
}

// AddComment adds a comment by author to issue or pull request n (a pull
// request is made if n is unknown) and returns its ID.
func (s *Server) AddComment(n int, author, body string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addComment(s.pr(n), author, body).id
}

// AddComments adds count comments by author to pull request n, with
// bodies "comment 1", "comment 2", ..., to make lists span pages.
func (s *Server) AddComments(n, count int, author string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	is := s.pr(n)
	for i := range count {
		s.addComment(is, author, "comment "+strconv.Itoa(i+1))
	}
}

func (s *Server) addComment(is *issue, author, body string) *comment {
	now := s.now()
	c := &comment{id: s.newID(), author: author, body: body, created: now, updated: now}
	is.comments = append(is.comments, c)
	is.updated = now
	return c
}

// AddIssue opens an issue by author (state "closed" closes it) and returns
// its number.
func (s *Server) AddIssue(author, title, body, state string, labels ...string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	is := s.newIssue(author, title, body, labels)
	if state == "closed" {
		is.state, is.stateReason, is.closed = "closed", "completed", s.now()
	}
	return is.number
}

func (s *Server) newIssue(author, title, body string, labels []string) *issue {
	now := s.now()
	is := &issue{id: s.newID(), number: s.nextNumber(), title: title, body: body, state: "open",
		author: author, created: now, updated: now}
	for _, l := range labels {
		s.label(l)
		if !slices.Contains(is.labels, l) {
			is.labels = append(is.labels, l)
		}
	}
	s.issues[is.number] = is
	return is
}

// label returns the label's ID, creating the label if needed, as GitHub
// does for labels named when an issue is created.
func (s *Server) label(name string) int64 {
	if id, ok := s.labels[name]; ok {
		return id
	}
	s.labels[name] = s.newID()
	return s.labels[name]
}

func (s *Server) nextNumber() int {
	n := 0
	for k := range s.issues {
		n = max(n, k)
	}
	return n + 1
}

func (s *Server) newID() int64 {
	s.nextID++
	return 1000 + s.nextID
}

// now is the fake's clock, to the second as GitHub's timestamps are.
func (s *Server) now() time.Time { return s.clock().UTC().Truncate(time.Second) }

// Comments returns the comments on issue or pull request n, oldest first.
func (s *Server) Comments(n int) []Comment {
	s.mu.Lock()
	defer s.mu.Unlock()
	is, ok := s.issues[n]
	if !ok {
		return nil
	}
	return exportComments(is.comments)
}

func exportComments(cs []*comment) []Comment {
	out := make([]Comment, len(cs))
	for i, c := range cs {
		out[i] = Comment{ID: c.id, Author: c.author, Body: c.body}
	}
	return out
}

// Issues returns the issues (not pull requests), by number.
func (s *Server) Issues() []Issue {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Issue
	for _, is := range s.sorted(func(is *issue) bool { return !is.pr }) {
		out = append(out, exportIssue(is))
	}
	return out
}

// Issue returns issue n, if there is one.
func (s *Server) Issue(n int) (Issue, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	is, ok := s.issues[n]
	if !ok || is.pr {
		return Issue{}, false
	}
	return exportIssue(is), true
}

func exportIssue(is *issue) Issue {
	return Issue{Number: is.number, Title: is.title, State: is.state, Labels: slices.Clone(is.labels),
		Body: is.body, Author: is.author, Comments: exportComments(is.comments)}
}

// sorted returns the issues keep accepts, by number.
func (s *Server) sorted(keep func(*issue) bool) []*issue {
	var out []*issue
	for _, is := range s.issues {
		if keep(is) {
			out = append(out, is)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].number < out[j].number })
	return out
}

// hasLabels reports whether is carries every label named in the
// comma-separated list (GitHub's labels filter).
func (is *issue) hasLabels(list string) bool {
	for l := range strings.SplitSeq(list, ",") {
		if l = strings.TrimSpace(l); l != "" && !slices.Contains(is.labels, l) {
			return false
		}
	}
	return true
}
