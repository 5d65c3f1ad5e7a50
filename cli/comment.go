package cli

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"os"

	"github.com/spf13/cobra"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/gh"
	"github.com/gwsync/gwsync/report"
	gwsync "github.com/gwsync/gwsync/sync"
)

// commentArgs are the flags of gwsync comment.
type commentArgs struct {
	planFile, validationFile string
	repo                     string
	pr                       int
	commit                   string
	gateway                  string
	fullPlanURL              string
}

func (a *app) commentCommand() *cobra.Command {
	var args commentArgs
	cmd := &cobra.Command{
		Use:   "comment (--plan FILE | --validation FILE)",
		Short: "Post a plan, or the findings of a failed validation, as one sticky pull request comment per gateway",
		Long: `Comment posts the plan saved by gwsync plan --out (or, with --validation, the findings
written by gwsync validate --format json) on a GitHub pull request. There is one comment
per pull request and gateway, found by a hidden marker (<!-- gwsync:plan:GATEWAY -->)
among all the pull request's comments and edited on each push instead of adding another;
comments of other gateways, bots and people are left alone.

In GitHub Actions the repository, pull request and head commit come from
GITHUB_REPOSITORY and GITHUB_EVENT_PATH, the token from GITHUB_TOKEN (it needs
permissions: pull-requests: write), and GitHub Enterprise's API from GITHUB_API_URL.

Exit status: 0 posted, 1 error.`,
		Example: `  gwsync plan --out plan.json . && gwsync comment --plan plan.json
  gwsync validate --format json . > validation.json || gwsync comment --validation validation.json --gateway gw-orders-prod`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return a.runComment(cmd.Context(), args) },
	}
	f := cmd.Flags()
	f.StringVar(&args.planFile, "plan", "", "the plan saved by gwsync plan --out")
	f.StringVar(&args.validationFile, "validation", "", "the findings written by gwsync validate --format json")
	f.StringVar(&args.repo, "repo", "", "repository OWNER/NAME (default $GITHUB_REPOSITORY)")
	f.IntVar(&args.pr, "pr", 0, "pull request number (default: the one $GITHUB_EVENT_PATH names)")
	f.StringVar(&args.commit, "commit", "", "the commit the plan was made for (default: the pull request's head)")
	f.StringVar(&args.gateway, "gateway", "", "the gateway the comment is about, which keys the sticky comment (default: the plan's gateway.id; needed with --validation)")
	f.StringVar(&args.fullPlanURL, "full-plan-url", "", "where the full plan can be read when the comment is cut (default: this Actions run)")
	return cmd
}

func (a *app) runComment(ctx context.Context, args commentArgs) error {
	if (args.planFile == "") == (args.validationFile == "") {
		return usagef("give one of --plan FILE (a saved plan) or --validation FILE (validate's JSON)")
	}
	env, err := a.commentEnv(args)
	if err != nil {
		return err
	}
	gateway, body, err := a.commentBody(args, env)
	if err != nil {
		return err
	}
	c, err := a.newGitHub(env)
	if err != nil {
		return err
	}
	posted, created, err := c.UpsertComment(ctx, env.PR, gh.PlanMarker(gateway), body)
	if err != nil {
		return err
	}
	verb := "kept up to date"
	if created {
		verb = "created"
	}
	fmt.Fprintf(a.stdout, "Comment %s on %s#%d: %s\n", verb, env.Repo, env.PR, posted.URL)
	return nil
}

// commentEnv is the Actions environment with the flags laid over it.
func (a *app) commentEnv(args commentArgs) (gh.Env, error) {
	env, err := githubEnv(args.repo)
	if err != nil {
		return env, err
	}
	env.PR = cmp.Or(args.pr, env.PR)
	env.HeadSHA = cmp.Or(args.commit, env.HeadSHA)
	if env.PR <= 0 {
		return env, usagef("no pull request: pass --pr N, or run on a pull_request event (GITHUB_EVENT_PATH)")
	}
	return env, requireToken(env, "pull-requests: write")
}

// githubEnv reads the GitHub Actions environment; repo, if set
// (--repo OWNER/NAME), stands in for GITHUB_REPOSITORY.
func githubEnv(repo string) (gh.Env, error) {
	getenv := os.Getenv
	if repo != "" {
		if _, err := gh.ParseRepo(repo); err != nil {
			return gh.Env{}, usagef("--repo: %v", err)
		}
		getenv = func(k string) string {
			if k == "GITHUB_REPOSITORY" {
				return repo
			}
			return os.Getenv(k)
		}
	}
	return gh.EnvFromActions(getenv)
}

// requireToken says how to give gwsync a token when there is none.
func requireToken(env gh.Env, permission string) error {
	if env.Token == "" {
		return fmt.Errorf("GITHUB_TOKEN is not set: give the step env: GITHUB_TOKEN: ${{ github.token }}, and the job permissions: %s", permission)
	}
	return nil
}

// newGitHub is a GitHub client for env that logs rate-limit waits to
// stderr.
func (a *app) newGitHub(env gh.Env) (*gh.Client, error) {
	cfg := env.Config()
	cfg.Logger = slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{ReplaceAttr: dropTimeAndLevel}))
	return gh.New(cfg)
}

// commentBody renders the comment and names the gateway it is about.
func (a *app) commentBody(args commentArgs, env gh.Env) (string, string, error) {
	var b bytes.Buffer
	if args.planFile != "" {
		saved, err := readSavedFile(args.planFile)
		if err != nil {
			return "", "", err
		}
		gateway := cmp.Or(args.gateway, githubKey(saved.Gateway.Provider, saved.Gateway.ID, saved.Owner))
		v := report.PlanView{Plan: saved.Plan(), Findings: saved.Findings, Gateway: savedLabel(saved), Version: version(),
			Commit: env.HeadSHA, CommitURL: commitURL(env), FullPlanURL: cmp.Or(args.fullPlanURL, runURL())}
		err = report.PlanMarkdown(&b, v)
		return gateway, b.String(), err
	}
	if args.gateway == "" {
		return "", "", usagef("--validation needs --gateway ID (the desired state's gateway.id), so that the plan's comment replaces it once validation passes")
	}
	fs, err := readFindings(args.validationFile)
	if err != nil {
		return "", "", err
	}
	v := report.ValidationMarkdownView{Findings: fs, Gateway: "gateway " + args.gateway, Commit: env.HeadSHA, FileURL: fileURL(env),
		FullReportURL: cmp.Or(args.fullPlanURL, runURL()), Version: version()}
	err = report.ValidationMarkdown(&b, v)
	return args.gateway, b.String(), err
}

func readFindings(path string) ([]diag.Finding, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--validation: %w", err)
	}
	defer f.Close()
	fs, err := report.ReadJSON(f)
	if err != nil {
		return nil, fmt.Errorf("--validation %s: %w", path, err)
	}
	return fs, nil
}

// savedLabel names a saved plan's gateway for people.
func savedLabel(s *gwsync.Saved) string {
	g := s.Gateway
	if g.Provider == "local" {
		return "local gateway"
	}
	return fmt.Sprintf("%s gateway %s (%s)", g.Provider, g.ID, g.Region)
}

// commitURL links to the commit a plan was made for, when known.
func commitURL(env gh.Env) string {
	if env.HeadSHA == "" || env.ServerURL == "" {
		return ""
	}
	return fmt.Sprintf("%s/%s/commit/%s", env.ServerURL, env.Repo, env.HeadSHA)
}

// fileURL links to a file and line at the head commit.
func fileURL(env gh.Env) func(file string, line int) string {
	if env.HeadSHA == "" || env.ServerURL == "" {
		return nil
	}
	return func(file string, line int) string {
		u := fmt.Sprintf("%s/%s/blob/%s/%s", env.ServerURL, env.Repo, env.HeadSHA, file)
		if line > 0 {
			u += fmt.Sprintf("#L%d", line)
		}
		return u
	}
}

// actionsContext fills what a plan view says of the GitHub Actions run
// gwsync runs in, when it runs in one: the commit planned for and the run
// whose log holds the full plan (the Markdown view shows them).
func actionsContext(v report.PlanView) report.PlanView {
	if env, err := gh.EnvFromActions(os.Getenv); err == nil {
		v.Commit, v.CommitURL = env.HeadSHA, commitURL(env)
	}
	v.FullPlanURL = runURL()
	return v
}

// runURL is this Actions run's page, where the full plan is in the log.
func runURL() string {
	server, repo, run := os.Getenv("GITHUB_SERVER_URL"), os.Getenv("GITHUB_REPOSITORY"), os.Getenv("GITHUB_RUN_ID")
	if server == "" || repo == "" || run == "" {
		return ""
	}
	return fmt.Sprintf("%s/%s/actions/runs/%s", server, repo, run)
}

// dropTimeAndLevel leaves a log line its message and attributes: CI logs
// carry their own timestamps.
func dropTimeAndLevel(groups []string, a slog.Attr) slog.Attr {
	if len(groups) == 0 && (a.Key == slog.TimeKey || a.Key == slog.LevelKey) {
		return slog.Attr{}
	}
	return a
}
