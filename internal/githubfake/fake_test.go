package githubfake

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// get calls the fake with its token unless auth says otherwise.
func get(t *testing.T, s *Server, path, auth string) (*http.Response, []map[string]any) {
	t.Helper()
	req, _ := http.NewRequest("GET", s.URL()+path, nil)
	req.Header.Set("Authorization", auth)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var out []map[string]any
	_ = json.Unmarshal(data, &out)
	return resp, out
}

func TestPagination(t *testing.T) {
	s := Start(Options{})
	defer s.Close()
	s.AddComments(7, 250, "alice")
	auth := "Bearer " + s.Token()
	tests := []struct {
		query string
		n     int
		link  string
	}{
		{"", 30, `<` + s.http.URL + `/api/v3/repos/acme/gateways/issues/7/comments?page=2>; rel="next", <` + s.http.URL + `/api/v3/repos/acme/gateways/issues/7/comments?page=9>; rel="last"`},
		{"?per_page=100&page=3", 50, `<` + s.http.URL + `/api/v3/repos/acme/gateways/issues/7/comments?page=2&per_page=100>; rel="prev", <` + s.http.URL + `/api/v3/repos/acme/gateways/issues/7/comments?page=1&per_page=100>; rel="first"`},
		{"?per_page=500", 100, ""},
		{"?per_page=100&page=9", 0, ""},
	}
	for _, tt := range tests {
		resp, list := get(t, s, "repos/acme/gateways/issues/7/comments"+tt.query, auth)
		if resp.StatusCode != 200 || len(list) != tt.n {
			t.Errorf("%s: %d with %d comments, want 200 with %d", tt.query, resp.StatusCode, len(list), tt.n)
		}
		if link := resp.Header.Get("Link"); tt.link != "" && link != tt.link {
			t.Errorf("%s: Link\n\t%s\nwant\n\t%s", tt.query, link, tt.link)
		}
	}
	if _, list := get(t, s, "repos/acme/gateways/issues/7/comments?per_page=100&page=3", auth); list[49]["body"] != "comment 250" {
		t.Errorf("last comment = %v", list[49])
	}
}

func TestAuthRepoAndPrefix(t *testing.T) {
	s := Start(Options{})
	defer s.Close()
	s.AddPR(7)
	tests := []struct {
		path, auth string
		status     int
	}{
		{"repos/acme/gateways/issues/7/comments", "token " + s.Token(), 200},
		{"repos/ACME/Gateways/issues/7/comments", "Bearer " + s.Token(), 200},
		{"repos/acme/gateways/issues/7/comments", "Bearer wrong", 401},
		{"repos/acme/gateways/issues/7/comments", "", 401},
		{"repos/acme/other/issues/7/comments", "Bearer " + s.Token(), 404},
		{"repos/acme/gateways/issues/8/comments", "Bearer " + s.Token(), 404},
		{"user", "Bearer " + s.Token(), 403},
	}
	for _, tt := range tests {
		if resp, _ := get(t, s, tt.path, tt.auth); resp.StatusCode != tt.status {
			t.Errorf("GET %s with %q: %d, want %d", tt.path, tt.auth, resp.StatusCode, tt.status)
		}
	}
	resp, err := http.Get(s.ServerURL() + "/repos/acme/gateways/issues/7/comments")
	if err != nil || resp.StatusCode != 404 {
		t.Errorf("outside the prefix: %v %v, want 404", resp.StatusCode, err)
	}
	if n := s.Calls(RouteListComments); n != 6 {
		t.Errorf("%d list calls counted, want 6", n)
	}
}

func TestIssueFilters(t *testing.T) {
	s := Start(Options{})
	defer s.Close()
	s.AddPR(1)
	s.AddIssue("a", "open drift", "x", "open", "gwsync-drift")
	s.AddIssue("a", "closed drift", "x", "closed", "gwsync-drift")
	s.AddIssue("a", "bug", "x", "open", "bug")
	auth := "Bearer " + s.Token()
	tests := map[string][]string{
		"":                                    {"bug", "open drift", "Pull request"},
		"?labels=gwsync-drift":                {"open drift"},
		"?labels=gwsync-drift&state=closed":   {"closed drift"},
		"?labels=gwsync-drift&state=all":      {"closed drift", "open drift"},
		"?state=all&direction=asc":            {"Pull request", "open drift", "closed drift", "bug"},
		"?labels=gwsync-drift,bug&state=all":  nil,
		"?labels=gwsync-drift&direction=asc":  {"open drift"},
		"?state=open&labels=bug&per_page=100": {"bug"},
	}
	for q, want := range tests {
		_, list := get(t, s, "repos/acme/gateways/issues"+q, auth)
		var got []string
		for _, is := range list {
			got = append(got, is["title"].(string))
		}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: %q, want %q", q, got, want)
		}
	}
}
