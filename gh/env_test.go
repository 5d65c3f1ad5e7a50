package gh

import (
	"strings"
	"testing"
)

const mergeSHA = "9999999999999999999999999999999999999999"

// actionsEnv is a getenv for a run on acme/gateways with the given event
// file (none if empty); extra overrides variables.
func actionsEnv(event string, extra map[string]string) func(string) string {
	vars := map[string]string{
		"GITHUB_REPOSITORY": "acme/gateways",
		"GITHUB_SHA":        mergeSHA,
		"GITHUB_TOKEN":      "ghs_envtoken",
		"GITHUB_API_URL":    "https://ghe.example.com/api/v3",
		"GITHUB_SERVER_URL": "https://ghe.example.com/",
	}
	if event != "" {
		vars["GITHUB_EVENT_PATH"] = "testdata/" + event
	}
	for k, v := range extra {
		vars[k] = v
	}
	return func(k string) string { return vars[k] }
}

func TestEnvFromActions(t *testing.T) {
	tests := []struct {
		event  string
		pr     int
		head   string
		server string
		extra  map[string]string
	}{
		{"pull_request.json", 42, "1111111111111111111111111111111111111111", "https://ghe.example.com", nil},
		{"issue_comment_pr.json", 43, mergeSHA, "https://ghe.example.com", nil},
		{"issue_comment_issue.json", 0, mergeSHA, "https://ghe.example.com", nil},
		{"push.json", 0, mergeSHA, "https://ghe.example.com", nil},
		{"", 0, mergeSHA, "https://github.com", map[string]string{"GITHUB_SERVER_URL": ""}},
	}
	for _, tt := range tests {
		t.Run(cmpName(tt.event), func(t *testing.T) {
			env, err := EnvFromActions(actionsEnv(tt.event, tt.extra))
			if err != nil {
				t.Fatal(err)
			}
			want := Env{Repo: Repo{Owner: "acme", Name: "gateways"}, PR: tt.pr, HeadSHA: tt.head, Token: "ghs_envtoken",
				APIURL: "https://ghe.example.com/api/v3", ServerURL: tt.server}
			if env != want {
				t.Errorf("env = %+v\nwant  %+v", env, want)
			}
		})
	}
}

func cmpName(event string) string {
	if event == "" {
		return "no event"
	}
	return event
}

func TestEnvFromActionsErrors(t *testing.T) {
	tests := []struct {
		name  string
		event string
		extra map[string]string
		want  string
	}{
		{"no repository", "", map[string]string{"GITHUB_REPOSITORY": ""}, "GITHUB_REPOSITORY is not set"},
		{"a bad repository", "", map[string]string{"GITHUB_REPOSITORY": "acme"}, `GITHUB_REPOSITORY: repository "acme" is not of the form owner/name`},
		{"a missing event file", "missing.json", nil, "GITHUB_EVENT_PATH: open testdata/missing.json: no such file"},
		{"an event file that is not JSON", "truncated.json", nil, "GITHUB_EVENT_PATH testdata/truncated.json: not an event's JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := EnvFromActions(actionsEnv(tt.event, tt.extra))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to say %q", err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "ghs_envtoken") {
				t.Errorf("error shows the token: %v", err)
			}
		})
	}
}

func TestParseRepo(t *testing.T) {
	good := map[string]Repo{
		"acme/gateways":       {"acme", "gateways"},
		"a-b/c.d_e":           {"a-b", "c.d_e"},
		"Acme42/.github":      {"Acme42", ".github"},
		"octo-org/repo-name1": {"octo-org", "repo-name1"},
	}
	for s, want := range good {
		if got, err := ParseRepo(s); err != nil || got != want {
			t.Errorf("ParseRepo(%q) = %+v, %v; want %+v", s, got, err, want)
		}
		if want.String() != s {
			t.Errorf("%+v.String() = %q, want %q", want, want.String(), s)
		}
	}
	for _, s := range []string{"", "acme", "acme/", "/gateways", "acme/gateways/x", "-acme/g", "ac me/g", "acme/..", "https://github.com/acme/gateways"} {
		if _, err := ParseRepo(s); err == nil || !strings.Contains(err.Error(), "owner/name") {
			t.Errorf("ParseRepo(%q): err = %v, want one asking for owner/name", s, err)
		}
	}
}

func TestNewChecksItsConfig(t *testing.T) {
	repo := Repo{Owner: "acme", Name: "gateways"}
	const token = "ghs_newtoken123"
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"no token", Config{Repo: repo}, "no GitHub token: set GITHUB_TOKEN"},
		{"a blank token", Config{Token: " \n", Repo: repo}, "no GitHub token"},
		{"no repository", Config{Token: token}, "set GITHUB_REPOSITORY"},
		{"a relative API URL", Config{Token: token, Repo: repo, APIURL: "ghe.example.com/api/v3"}, `GITHUB_API_URL "ghe.example.com/api/v3" is not an http(s) URL`},
		{"a token in the API URL", Config{Token: token, Repo: repo, APIURL: "https://" + token + "@ghe.example.com/api/v3/"}, "GITHUB_API_URL has a user or password in it"},
		{"a token in a bad API URL", Config{Token: token, Repo: repo, APIURL: "ftp://" + token + "@ghe.example.com/"}, `GITHUB_API_URL "ftp://***@ghe.example.com/"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to say %q", err, tt.want)
			}
			noToken(t, err, token)
		})
	}
}

func TestNewBaseURLs(t *testing.T) {
	tests := map[string]string{
		"":                                "https://api.github.com/",
		"https://api.github.com":          "https://api.github.com/",
		"https://ghe.example.com/api/v3":  "https://ghe.example.com/api/v3/",
		"https://ghe.example.com/api/v3/": "https://ghe.example.com/api/v3/",
		"https://ghe.example.com":         "https://ghe.example.com/api/v3/",
		"https://api.acme.ghe.com":        "https://api.acme.ghe.com/",
		"http://127.0.0.1:8080/api/v3/":   "http://127.0.0.1:8080/api/v3/",
	}
	for in, want := range tests {
		c, err := New(Config{Token: "t0ken", Repo: Repo{Owner: "a", Name: "b"}, APIURL: in})
		if err != nil {
			t.Errorf("New(APIURL %q): %v", in, err)
			continue
		}
		if got := c.apiURL(); got != want {
			t.Errorf("APIURL %q: base %q, want %q", in, got, want)
		}
	}
}

func TestMarkers(t *testing.T) {
	if got := PlanMarker("prod"); got != "<!-- gwsync:plan:prod -->" {
		t.Errorf("PlanMarker = %q", got)
	}
	if got := DriftMarker("prod"); got != "<!-- gwsync:drift:prod -->" {
		t.Errorf("DriftMarker = %q", got)
	}
	m := PlanMarker("prod")
	for body, want := range map[string]bool{
		m:                            true,
		m + "\nplan":                 true,
		m + "\r\nplan":               true,
		"\n  " + m + "  \nplan":      true,
		"> " + m:                     false,
		"see " + m:                   false,
		m + " and more":              false,
		"<!-- gwsync:plan:prod2 -->": false,
	} {
		if got := startsWithMarker(body, m); got != want {
			t.Errorf("startsWithMarker(%q) = %v, want %v", body, got, want)
		}
	}
}
