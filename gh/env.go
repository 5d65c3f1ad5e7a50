package gh

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
)

// DefaultServerURL is GitHub.com's web address.
const DefaultServerURL = "https://github.com"

// Env is what a GitHub Actions run says about itself.
type Env struct {
	Repo      Repo
	PR        int    // pull request number from GITHUB_EVENT_PATH (pull_request or issue_comment events), 0 if none
	HeadSHA   string // the PR's head commit (pull_request.head.sha), else GITHUB_SHA
	Token     string
	APIURL    string
	ServerURL string // GITHUB_SERVER_URL, default https://github.com (for links to files)
}

// Config is the client configuration the run implies.
func (e Env) Config() Config {
	return Config{Token: e.Token, APIURL: e.APIURL, Repo: e.Repo}
}

// EnvFromActions reads GITHUB_REPOSITORY, GITHUB_EVENT_PATH (the event's
// JSON file), GITHUB_SHA, GITHUB_TOKEN, GITHUB_API_URL and
// GITHUB_SERVER_URL through getenv (os.Getenv in a run). Only
// GITHUB_REPOSITORY is required; the token is checked by New. For a
// pull_request (or pull_request_target) event, PR and HeadSHA come from
// the event, since GITHUB_SHA is then the merge commit GitHub made; for an
// issue_comment on a pull request, PR comes from the event and HeadSHA
// stays GITHUB_SHA (the payload has no head commit).
func EnvFromActions(getenv func(string) string) (Env, error) {
	repo, err := envRepo(getenv("GITHUB_REPOSITORY"))
	if err != nil {
		return Env{}, err
	}
	env := Env{Repo: repo, HeadSHA: getenv("GITHUB_SHA"), Token: getenv("GITHUB_TOKEN"),
		APIURL: getenv("GITHUB_API_URL"), ServerURL: strings.TrimSuffix(cmp.Or(getenv("GITHUB_SERVER_URL"), DefaultServerURL), "/")}
	if path := getenv("GITHUB_EVENT_PATH"); path != "" {
		ev, err := readEvent(path)
		if err != nil {
			return Env{}, err
		}
		env.PR = ev.pr()
		env.HeadSHA = cmp.Or(ev.headSHA(), env.HeadSHA)
	}
	return env, nil
}

func envRepo(s string) (Repo, error) {
	if s == "" {
		return Repo{}, errors.New("GITHUB_REPOSITORY is not set: GitHub Actions sets it; elsewhere set it to owner/name")
	}
	repo, err := ParseRepo(s)
	if err != nil {
		return Repo{}, fmt.Errorf("GITHUB_REPOSITORY: %v", err)
	}
	return repo, nil
}

// event is the part of an Actions event payload gwsync reads.
type event struct {
	PullRequest *struct {
		Number int `json:"number"`
		Head   struct {
			SHA string `json:"sha"`
		} `json:"head"`
	} `json:"pull_request"`
	Issue *struct {
		Number      int             `json:"number"`
		PullRequest json.RawMessage `json:"pull_request"`
	} `json:"issue"`
}

func readEvent(path string) (event, error) {
	var ev event
	data, err := os.ReadFile(path)
	if err != nil {
		return ev, fmt.Errorf("GITHUB_EVENT_PATH: %v", err)
	}
	if err := json.Unmarshal(data, &ev); err != nil {
		return ev, fmt.Errorf("GITHUB_EVENT_PATH %s: not an event's JSON: %v", path, err)
	}
	return ev, nil
}

// pr is the pull request the event is about, or 0.
func (ev event) pr() int {
	switch {
	case ev.PullRequest != nil:
		return ev.PullRequest.Number
	case ev.Issue != nil && len(ev.Issue.PullRequest) > 0 && string(ev.Issue.PullRequest) != "null":
		return ev.Issue.Number
	}
	return 0
}

func (ev event) headSHA() string {
	if ev.PullRequest == nil {
		return ""
	}
	return ev.PullRequest.Head.SHA
}
