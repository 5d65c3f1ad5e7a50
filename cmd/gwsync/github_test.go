package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/gwsync/gwsync/internal/githubfake"
)

// What a script's GitHub run looks like; scripts check that the token is
// never printed with `! stdout $GITHUB_TOKEN`.
const (
	scriptGitHubToken = "ghs_scriptTokenNeverPrinted0123456789"
	scriptGitHubRepo  = "acme/gateways"
	scriptMergeSHA    = "feedfacefeedfacefeedfacefeedfacefeedface" // GITHUB_SHA: the merge commit of a pull_request run
	scriptHeadSHA     = "0123456789abcdef0123456789abcdef01234567"
	scriptDriftLabel  = "gwsync-drift"
)

// scriptGitHubs holds the GitHub fake each running script started.
var scriptGitHubs sync.Map // *testscript.TestScript -> *scriptGitHub

// scriptGitHub is a fake GitHub serving one script.
type scriptGitHub struct {
	fake       *githubfake.Server
	writesSeen int // write calls already checked by github writes
}

// cmdGitHub runs a fake GitHub (REST API under /api/v3/, as GitHub
// Enterprise Server serves it) for a script and looks at what gwsync left
// there:
//
//	github start [flags]               start it; it stops when the script ends
//	github comments PR N               check the number of comments on pull request PR
//	github comment PR INDEX            print the body of its INDEX-th comment (from 1, oldest first)
//	github comment-size PR INDEX MAX   check that comment is at most MAX characters and MAX bytes
//	github add-comment PR AUTHOR BODY  add a comment by AUTHOR ("\n" in BODY is a line break)
//	github add-comments PR N AUTHOR    add N comments by AUTHOR ("comment 1", ...), to fill pages
//	github issues STATE N              check the number of issues labelled gwsync-drift in STATE (open, closed, all)
//	github issue N                     print issue N: title, state, labels, body and comments
//	github writes N                    check the write calls since start or the last check
//
// start's flags: --pr N (default 7) and --sha SHA (the head commit) make
// the pull_request event; --deny-writes STATUS refuses every write (403:
// "Resource not accessible by integration"); --rate-limit-once answers
// the first call with a primary rate limit that resets within a second.
// It sets GITHUB_API_URL, GITHUB_TOKEN, GITHUB_REPOSITORY (acme/gateways),
// GITHUB_EVENT_PATH ($WORK/github-event.json), GITHUB_SHA (a merge commit,
// not the head) and GITHUB_SERVER_URL, and PR_NUMBER, HEAD_SHA and HEAD_SHA_SHORT (its first 7 characters) for the
// script to match.
func cmdGitHub(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: github start|comments|comment|comment-size|add-comment|add-comments|issues|issue|writes ARGS...")
	}
	if args[0] == "start" {
		startGitHub(ts, args[1:])
		return
	}
	v, ok := scriptGitHubs.Load(ts)
	if !ok {
		ts.Fatalf("github %s: no fake GitHub; run github start first", args[0])
	}
	g := v.(*scriptGitHub)
	verbs := map[string]func(*testscript.TestScript, []string){
		"comments": g.comments, "comment": g.comment, "add-comment": g.addComment, "add-comments": g.addComments,
		"issues": g.issues, "issue": g.issue, "writes": g.writes, "comment-size": g.commentSize,
	}
	verb, ok := verbs[args[0]]
	if !ok {
		ts.Fatalf("github: unknown verb %q", args[0])
	}
	verb(ts, args[1:])
}

// githubStart is what github start's flags ask for.
type githubStart struct {
	pr            int
	sha           string
	denyWrites    int
	rateLimitOnce bool
}

func startGitHub(ts *testscript.TestScript, args []string) {
	if _, ok := scriptGitHubs.Load(ts); ok {
		ts.Fatalf("github start: this script already started one")
	}
	opt, err := githubFlags(args)
	ts.Check(err)
	owner, repo, _ := strings.Cut(scriptGitHubRepo, "/")
	fake := githubfake.Start(githubfake.Options{Owner: owner, Repo: repo, Token: scriptGitHubToken})
	fake.AddPR(opt.pr)
	if opt.denyWrites != 0 {
		fake.DenyWrites(opt.denyWrites, githubDenial(opt.denyWrites))
	}
	if opt.rateLimitOnce {
		fake.RateLimitOnce(time.Now().Add(time.Second))
	}
	scriptGitHubs.Store(ts, &scriptGitHub{fake: fake})
	ts.Defer(func() {
		fake.Close()
		scriptGitHubs.Delete(ts)
	})
	event := ts.MkAbs("github-event.json")
	ts.Check(writeGitHubEvent(event, fake, opt))
	env := map[string]string{
		"GITHUB_API_URL": fake.URL(), "GITHUB_TOKEN": scriptGitHubToken, "GITHUB_REPOSITORY": scriptGitHubRepo,
		"GITHUB_EVENT_PATH": event, "GITHUB_SHA": scriptMergeSHA, "GITHUB_SERVER_URL": fake.ServerURL(),
		"PR_NUMBER": strconv.Itoa(opt.pr), "HEAD_SHA": opt.sha, "HEAD_SHA_SHORT": opt.sha[:min(7, len(opt.sha))],
	}
	for _, k := range slices.Sorted(maps.Keys(env)) {
		ts.Setenv(k, env[k])
	}
}

func githubFlags(args []string) (githubStart, error) {
	var opt githubStart
	fs := flag.NewFlagSet("github start", flag.ContinueOnError)
	fs.IntVar(&opt.pr, "pr", 7, "the pull request number")
	fs.StringVar(&opt.sha, "sha", scriptHeadSHA, "the pull request's head commit")
	fs.IntVar(&opt.denyWrites, "deny-writes", 0, "answer every write with this status")
	fs.BoolVar(&opt.rateLimitOnce, "rate-limit-once", false, "answer the first call with a rate limit resetting within a second")
	fs.SetOutput(new(strings.Builder))
	if err := fs.Parse(args); err != nil {
		return opt, fmt.Errorf("github start: %v", err)
	}
	if fs.NArg() > 0 {
		return opt, fmt.Errorf("github start: unexpected arguments %q", fs.Args())
	}
	if opt.pr < 1 {
		return opt, fmt.Errorf("github start: --pr must be at least 1")
	}
	return opt, nil
}

// githubDenial is GitHub's message for a refused write.
func githubDenial(status int) string {
	switch status {
	case 403:
		return "Resource not accessible by integration"
	case 404:
		return "Not Found"
	}
	return strconv.Itoa(status) + " refused by the fake"
}

// writeGitHubEvent writes a pull_request event as Actions does.
func writeGitHubEvent(path string, fake *githubfake.Server, opt githubStart) error {
	repoURL := fake.ServerURL() + "/" + scriptGitHubRepo
	ev := map[string]any{
		"action": "synchronize",
		"number": opt.pr,
		"pull_request": map[string]any{
			"number": opt.pr, "state": "open", "html_url": repoURL + "/pull/" + strconv.Itoa(opt.pr),
			"head": map[string]any{"ref": "feature", "sha": opt.sha},
			"base": map[string]any{"ref": "main", "sha": scriptMergeSHA},
		},
		"repository": map[string]any{"full_name": scriptGitHubRepo, "html_url": repoURL},
	}
	data, err := json.MarshalIndent(ev, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Clean(path), data, 0o644)
}

// githubInt reads a number argument or fails the script.
func githubInt(ts *testscript.TestScript, verb, s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		ts.Fatalf("github %s: %q is not a number", verb, s)
	}
	return n
}

func (g *scriptGitHub) comments(ts *testscript.TestScript, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: github comments PR N")
	}
	pr, want := githubInt(ts, "comments", args[0]), githubInt(ts, "comments", args[1])
	if got := len(g.fake.Comments(pr)); got != want {
		ts.Fatalf("github: %d comments on pull request %d, want %d", got, pr, want)
	}
}

func (g *scriptGitHub) comment(ts *testscript.TestScript, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: github comment PR INDEX")
	}
	pr, i := githubInt(ts, "comment", args[0]), githubInt(ts, "comment", args[1])
	cs := g.fake.Comments(pr)
	if i < 1 || i > len(cs) {
		ts.Fatalf("github comment: pull request %d has %d comments, no comment %d", pr, len(cs), i)
	}
	fmt.Fprintln(ts.Stdout(), cs[i-1].Body)
}

// commentSize checks that a comment's body is at most MAX characters and
// MAX bytes (GitHub's limit is 65536 characters):
//
//	github comment-size PR INDEX MAX
func (g *scriptGitHub) commentSize(ts *testscript.TestScript, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: github comment-size PR INDEX MAX")
	}
	pr, i, most := githubInt(ts, "comment-size", args[0]), githubInt(ts, "comment-size", args[1]), githubInt(ts, "comment-size", args[2])
	cs := g.fake.Comments(pr)
	if i < 1 || i > len(cs) {
		ts.Fatalf("github comment-size: pull request %d has %d comments, no comment %d", pr, len(cs), i)
	}
	body := cs[i-1].Body
	if n := utf8.RuneCountInString(body); n > most || len(body) > most {
		ts.Fatalf("github comment-size: comment %d has %d characters, %d bytes; more than %d", i, n, len(body), most)
	}
	ts.Logf("comment %d: %d bytes", i, len(body))
}

func (g *scriptGitHub) addComment(ts *testscript.TestScript, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: github add-comment PR AUTHOR BODY")
	}
	g.fake.AddComment(githubInt(ts, "add-comment", args[0]), args[1], strings.ReplaceAll(args[2], `\n`, "\n"))
}

func (g *scriptGitHub) addComments(ts *testscript.TestScript, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: github add-comments PR N AUTHOR")
	}
	g.fake.AddComments(githubInt(ts, "add-comments", args[0]), githubInt(ts, "add-comments", args[1]), args[2])
}

func (g *scriptGitHub) issues(ts *testscript.TestScript, args []string) {
	if len(args) != 2 || (args[0] != "open" && args[0] != "closed" && args[0] != "all") {
		ts.Fatalf("usage: github issues open|closed|all N")
	}
	want, got := githubInt(ts, "issues", args[1]), 0
	for _, is := range g.fake.Issues() {
		if (args[0] == "all" || is.State == args[0]) && slices.Contains(is.Labels, scriptDriftLabel) {
			got++
		}
	}
	if got != want {
		ts.Fatalf("github: %d %s issues labelled %s, want %d", got, args[0], scriptDriftLabel, want)
	}
}

func (g *scriptGitHub) issue(ts *testscript.TestScript, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: github issue N")
	}
	is, ok := g.fake.Issue(githubInt(ts, "issue", args[0]))
	if !ok {
		ts.Fatalf("github issue: no issue %s", args[0])
	}
	w := ts.Stdout()
	fmt.Fprintf(w, "title: %s\nstate: %s\nlabels: %s\n\n%s\n", is.Title, is.State, strings.Join(is.Labels, ","), is.Body)
	for i, c := range is.Comments {
		fmt.Fprintf(w, "--- comment %d by %s\n%s\n", i+1, c.Author, c.Body)
	}
}

func (g *scriptGitHub) writes(ts *testscript.TestScript, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: github writes N")
	}
	want := githubInt(ts, "writes", args[0])
	total := g.fake.Writes()
	got := total - g.writesSeen
	g.writesSeen = total
	if got != want {
		ts.Fatalf("github: %d write calls, want %d", got, want)
	}
}
