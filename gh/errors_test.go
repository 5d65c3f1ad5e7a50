package gh

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gwsync/gwsync/internal/githubfake"
)

// noToken fails if err's text holds the token.
func noToken(t *testing.T, err error, token string) {
	t.Helper()
	if err != nil && strings.Contains(err.Error(), token) {
		t.Errorf("error shows the token: %v", err)
	}
}

func TestRefusalsNameWhatToChange(t *testing.T) {
	ctx := context.Background()
	upsert := func(c *Client) error {
		_, _, err := c.UpsertComment(ctx, 7, PlanMarker("prod"), "plan")
		return err
	}
	syncIssue := func(c *Client) error {
		_, _, err := c.SyncIssue(ctx, driftLabel, DriftMarker("prod"), "Drift", "body")
		return err
	}
	closeIssue := func(c *Client) error {
		_, err := c.CloseIssue(ctx, driftLabel, DriftMarker("prod"), "gone")
		return err
	}
	tests := []struct {
		name  string
		setup func(*githubfake.Server, *Config)
		call  func(*Client) error
		want  []string
	}{
		{"comment without pull-requests: write",
			func(f *githubfake.Server, _ *Config) {
				f.AddPR(7)
				f.DenyWrites(403, "Resource not accessible by integration")
			}, upsert,
			[]string{`GitHub: 403 Resource not accessible by integration on POST /repos/acme/gateways/issues/7/comments: the token lacks permission "pull-requests: write"; add it under permissions: in the workflow`}},
		{"issue without issues: write",
			func(f *githubfake.Server, _ *Config) { f.DenyWrites(403, "Resource not accessible by integration") }, syncIssue,
			[]string{`GitHub: 403 Resource not accessible by integration on POST /repos/acme/gateways/issues: the token lacks permission "issues: write"`}},
		{"closing without issues: write",
			func(f *githubfake.Server, _ *Config) {
				f.AddIssue("github-actions[bot]", "Drift", DriftMarker("prod")+"\nx", "open", driftLabel)
				f.DenyWrites(403, "Resource not accessible by integration")
			}, closeIssue,
			[]string{`403 Resource not accessible by integration on POST /repos/acme/gateways/issues/1/comments: the token lacks permission "issues: write"`}},
		{"a repository the token cannot see",
			func(_ *githubfake.Server, c *Config) { c.Repo = Repo{Owner: "acme", Name: "private"} }, upsert,
			[]string{"GitHub: 404 Not Found on GET /repos/acme/private/issues/7/comments: acme/private has no pull request 7, or the token cannot see the repository",
				"private repository", `"pull-requests: write"`}},
		{"a pull request that does not exist",
			func(f *githubfake.Server, _ *Config) { f.AddPR(8) }, upsert,
			[]string{"404 Not Found on GET /repos/acme/gateways/issues/7/comments"}},
		{"a bad token",
			func(_ *githubfake.Server, c *Config) { c.Token = "ghs_expired0000000000" }, syncIssue,
			[]string{"GitHub: 401 Bad credentials on GET /repos/acme/gateways/issues: the token was refused; check GITHUB_TOKEN"}},
		{"a body too long for an issue",
			func(_ *githubfake.Server, _ *Config) {}, func(c *Client) error {
				_, _, err := c.SyncIssue(ctx, driftLabel, DriftMarker("prod"), "Drift", strings.Repeat("x", MaxBodyLength))
				return err
			},
			[]string{"GitHub: 422 Validation Failed on POST /repos/acme/gateways/issues: GitHub refused the request: body is too long (maximum is 65536 characters)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := githubfake.Start(githubfake.Options{})
			t.Cleanup(f.Close)
			c := newClient(t, f, func(cfg *Config) { tt.setup(f, cfg) })
			err := tt.call(c)
			var ge *Error
			if !errors.As(err, &ge) {
				t.Fatalf("err = %v (%T), want a *gh.Error", err, err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n\t%v\ndoes not say\n\t%s", err, w)
				}
			}
			noToken(t, err, f.Token())
		})
	}
}

func TestRateLimitsAreWaitedOut(t *testing.T) {
	tests := []struct {
		name   string
		inject func(*githubfake.Server)
	}{
		{"primary, 403", func(f *githubfake.Server) { f.RateLimitOnce(time.Now().Add(time.Second)) }},
		{"primary, 429", func(f *githubfake.Server) { f.RateLimitOnceStatus(429, time.Now().Add(time.Second)) }},
		{"secondary", func(f *githubfake.Server) { f.SecondaryLimitOnce(time.Second) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var logs bytes.Buffer
			f, c := newFake(t, func(cfg *Config) { cfg.Logger = slog.New(slog.NewTextHandler(&logs, nil)) })
			f.AddPR(7)
			tt.inject(f)
			start := time.Now()
			if _, created, err := c.UpsertComment(context.Background(), 7, PlanMarker("prod"), "plan"); err != nil || !created {
				t.Fatalf("created %v err %v; want the comment made after the wait", created, err)
			}
			if len(f.Comments(7)) != 1 {
				t.Errorf("comments = %+v, want one", f.Comments(7))
			}
			if !strings.Contains(logs.String(), "GitHub rate limit: waiting") {
				t.Errorf("the wait was not logged: %q", logs.String())
			}
			if strings.Contains(logs.String(), f.Token()) {
				t.Errorf("the log shows the token: %s", logs.String())
			}
			t.Logf("waited %v", time.Since(start).Round(time.Millisecond))
		})
	}
}

func TestRateLimitBeyondMaxWaitFails(t *testing.T) {
	f, c := newFake(t, func(cfg *Config) { cfg.MaxWait = time.Second })
	f.AddPR(7)
	reset := time.Now().Add(42 * time.Minute)
	f.RateLimitOnce(reset)
	start := time.Now()
	_, _, err := c.UpsertComment(context.Background(), 7, PlanMarker("prod"), "plan")
	var ge *Error
	if !errors.As(err, &ge) || !ge.RateLimited() {
		t.Fatalf("err = %v, want a rate-limit *gh.Error", err)
	}
	want := fmt.Sprintf("GitHub: 403 API rate limit exceeded on GET /repos/acme/gateways/issues/7/comments: the limit resets at %s (in 42m0s), later than gwsync waits (1s); rerun the job after then", clock(reset))
	if err.Error() != want {
		t.Errorf("error\n\t%v\nwant\n\t%s", err, want)
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("failing took %v; it should not wait", d)
	}
	noToken(t, err, f.Token())
}

func TestRateLimitWaitEndsWithTheContext(t *testing.T) {
	f, c := newFake(t)
	f.AddPR(7)
	f.SecondaryLimitOnce(30 * time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, _, err := c.UpsertComment(ctx, 7, PlanMarker("prod"), "plan")
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "waiting for the rate limit to reset") {
		t.Fatalf("err = %v, want the wait cut short by the context", err)
	}
}

// TestTokenNeverInErrors has a server echo the Authorization header back
// in every message, as a misbehaving proxy might.
func TestTokenNeverInErrors(t *testing.T) {
	const token = "ghp_secretSECRETsecret0123456789"
	for _, status := range []int{400, 401, 403, 404, 410, 422, 500, 502} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(status)
				fmt.Fprintf(w, `{"message": "echo %s", "errors": [{"message": "also %s"}]}`, r.Header.Get("Authorization"), r.Header.Get("Authorization"))
			}))
			defer srv.Close()
			c, err := New(Config{Token: token, APIURL: srv.URL + "/api/v3/", Repo: Repo{Owner: "acme", Name: "gateways"}})
			if err != nil {
				t.Fatal(err)
			}
			c.sleep = func(time.Duration) <-chan time.Time { return time.After(0) } // server errors are retried
			_, _, err = c.UpsertComment(context.Background(), 7, PlanMarker("prod"), "plan")
			if err == nil || !strings.Contains(err.Error(), "echo Bearer ***") {
				t.Errorf("err = %v, want the echoed token masked", err)
			}
			noToken(t, err, token)
			_, _, err = c.SyncIssue(context.Background(), driftLabel, DriftMarker("prod"), "t", "b")
			noToken(t, err, token)
		})
	}
}

func TestNoAnswer(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL + "/api/v3/"
	srv.Close()
	c, err := New(Config{Token: "ghs_x123456789", APIURL: url, Repo: Repo{Owner: "acme", Name: "gateways"}})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = c.UpsertComment(context.Background(), 7, PlanMarker("prod"), "plan")
	if err == nil || !strings.Contains(err.Error(), "on GET /repos/acme/gateways/issues/7/comments: check GITHUB_API_URL ("+url+")") {
		t.Errorf("err = %v", err)
	}
	noToken(t, err, "ghs_x123456789")
}

// TestServerErrorsRetriedWhenSafe: a 502 to the comment list (a GET) is
// tried again, at most maxServerRetries times; a 502 to creating a comment
// (a POST, which may have made the comment) is not.
func TestServerErrorsRetriedWhenSafe(t *testing.T) {
	tests := []struct {
		name      string
		inject    func(*githubfake.Server)
		wantErr   bool
		waits     int
		wantCalls int // write calls that reached the fake
	}{
		{"a GET retried once", func(f *githubfake.Server) { f.FailOnce(http.StatusBadGateway) }, false, 1, 1},
		{"a GET retried until it gives up", func(f *githubfake.Server) {
			for range maxServerRetries + 1 {
				f.FailOnce(http.StatusServiceUnavailable)
			}
		}, true, maxServerRetries, 0},
		{"a POST not retried", func(f *githubfake.Server) { f.DenyWrites(http.StatusBadGateway, "Server Error") }, true, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, c := newFake(t)
			var waits []time.Duration
			c.sleep = func(d time.Duration) <-chan time.Time {
				waits = append(waits, d)
				return time.After(0)
			}
			f.AddPR(7)
			tt.inject(f)
			_, _, err := c.UpsertComment(context.Background(), 7, PlanMarker("prod"), "plan")
			if (err != nil) != tt.wantErr {
				t.Fatalf("err %v, want an error: %v", err, tt.wantErr)
			}
			if len(waits) != tt.waits {
				t.Errorf("waits %v, want %d", waits, tt.waits)
			}
			if n := f.Writes(); n != tt.wantCalls {
				t.Errorf("%d write calls, want %d", n, tt.wantCalls)
			}
		})
	}
}
