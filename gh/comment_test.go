package gh

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gwsync/gwsync/internal/githubfake"
)

// newFake starts a fake GitHub Enterprise (under /api/v3/) and a client of
// it that waits only a little past rate-limit resets.
func newFake(t *testing.T, tweak ...func(*Config)) (*githubfake.Server, *Client) {
	t.Helper()
	f := githubfake.Start(githubfake.Options{})
	t.Cleanup(f.Close)
	return f, newClient(t, f, tweak...)
}

// newClient makes a client of fake f, its configuration tweaked.
func newClient(t *testing.T, f *githubfake.Server, tweak ...func(*Config)) *Client {
	t.Helper()
	cfg := Config{Token: f.Token(), APIURL: f.URL(), Repo: Repo{Owner: f.Owner(), Name: f.Repo()}}
	for _, tw := range tweak {
		tw(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	c.resetMargin = 50 * time.Millisecond
	return c
}

func TestUpsertCommentCreatesThenEdits(t *testing.T) {
	f, c := newFake(t)
	f.AddPR(7)
	ctx := context.Background()
	marker := PlanMarker("prod")

	first, created, err := c.UpsertComment(ctx, 7, marker, "3 changes")
	if err != nil || !created {
		t.Fatalf("first upsert: created %v, err %v; want a new comment", created, err)
	}
	second, created, err := c.UpsertComment(ctx, 7, marker, marker+"\n2 changes")
	if err != nil || created || second.ID != first.ID {
		t.Fatalf("second upsert: %+v created %v err %v; want an edit of %d", second, created, err, first.ID)
	}
	writes := f.Writes()
	third, created, err := c.UpsertComment(ctx, 7, marker, "2 changes\r\n")
	if err != nil || created || third.ID != first.ID {
		t.Fatalf("third upsert: %+v created %v err %v", third, created, err)
	}
	if f.Writes() != writes {
		t.Errorf("an identical body made %d write calls, want none", f.Writes()-writes)
	}
	comments := f.Comments(7)
	if len(comments) != 1 || comments[0].Body != marker+"\n2 changes" {
		t.Fatalf("comments = %+v, want one with the second body", comments)
	}
	if n := f.Calls(githubfake.RouteEditComment); n != 1 {
		t.Errorf("%d edit calls, want 1", n)
	}
	if !strings.Contains(first.URL, "/acme/gateways/pull/7#issuecomment-") {
		t.Errorf("comment URL %q does not point at the pull request", first.URL)
	}
}

func TestUpsertCommentLeavesOthersAlone(t *testing.T) {
	marker := PlanMarker("prod")
	tests := []struct {
		name, author, body string
		cfg                func(*Config)
	}{
		{"another gateway's comment", "github-actions[bot]", PlanMarker("prod-eu") + "\n1 change", nil},
		{"a gateway whose name extends ours", "github-actions[bot]", "<!-- gwsync:plan:prod2 -->\nx", nil},
		{"a person quoting the marker", "alice", "Why does\n" + marker + "\nshow up here?", nil},
		{"a quote of the whole comment", "alice", "> " + marker + "\n> 3 changes\n\nagreed", nil},
		{"a person's comment that starts with the marker", "alice", marker + "\nmy own notes", nil},
		{"another bot's comment, when the author is configured", "renovate[bot]", marker + "\nold", func(c *Config) { c.Author = "github-actions[bot]" }},
		{"the drift marker", "github-actions[bot]", DriftMarker("prod") + "\ndrift", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tweaks []func(*Config)
			if tt.cfg != nil {
				tweaks = append(tweaks, tt.cfg)
			}
			f, c := newFake(t, tweaks...)
			id := f.AddComment(7, tt.author, tt.body)
			_, created, err := c.UpsertComment(context.Background(), 7, marker, "3 changes")
			if err != nil || !created {
				t.Fatalf("created %v, err %v; want a new comment", created, err)
			}
			comments := f.Comments(7)
			if len(comments) != 2 || comments[0].ID != id || comments[0].Body != tt.body {
				t.Errorf("comments = %+v; want the seeded one untouched and ours after it", comments)
			}
		})
	}
}

func TestUpsertCommentTakesABotsCommentWhenTheAuthorIsUnknown(t *testing.T) {
	f, c := newFake(t)
	f.AddComment(7, "alice", PlanMarker("prod")+"\nnotes")
	id := f.AddComment(7, "github-actions[bot]", PlanMarker("prod")+"\nold plan")
	got, created, err := c.UpsertComment(context.Background(), 7, PlanMarker("prod"), "new plan")
	if err != nil || created || got.ID != id {
		t.Fatalf("got %+v created %v err %v; want comment %d edited", got, created, err, id)
	}
	if n := f.Calls(githubfake.RouteUser); n != 1 {
		t.Errorf("GET /user called %d times, want once", n)
	}
}

func TestUpsertCommentWithAUserToken(t *testing.T) {
	// A personal access token: GET /user answers, so only that user's
	// comment is ours, even where a bot's carries the marker.
	f, c := newFake(t)
	f.SetLogin("deploy-user")
	f.AddComment(7, "github-actions[bot]", PlanMarker("prod")+"\nfrom the Actions token")
	mine, created, err := c.UpsertComment(context.Background(), 7, PlanMarker("prod"), "v1")
	if err != nil || !created {
		t.Fatalf("created %v err %v; want a new comment", created, err)
	}
	again, created, err := c.UpsertComment(context.Background(), 7, PlanMarker("prod"), "v2")
	if err != nil || created || again.ID != mine.ID {
		t.Fatalf("got %+v created %v err %v; want %d edited", again, created, err, mine.ID)
	}
	comments := f.Comments(7)
	if len(comments) != 2 || comments[0].Body != PlanMarker("prod")+"\nfrom the Actions token" || comments[1].Author != "deploy-user" {
		t.Errorf("comments = %+v", comments)
	}
}

func TestUpsertCommentFindsTheMarkerOnPage3(t *testing.T) {
	f, c := newFake(t)
	f.AddComments(7, 230, "alice")
	id := f.AddComment(7, "github-actions[bot]", PlanMarker("prod")+"\nold")
	f.AddComments(7, 19, "bob")
	got, created, err := c.UpsertComment(context.Background(), 7, PlanMarker("prod"), "new")
	if err != nil || created || got.ID != id {
		t.Fatalf("got %+v created %v err %v; want comment %d (the 231st of 250) edited", got, created, err, id)
	}
	if n := f.Calls(githubfake.RouteListComments); n != 3 {
		t.Errorf("%d list calls, want 3 pages of 100", n)
	}
	if n := len(f.Comments(7)); n != 250 {
		t.Errorf("%d comments, want 250", n)
	}
}

func TestUpsertCommentArguments(t *testing.T) {
	f, c := newFake(t)
	tests := []struct {
		name       string
		pr         int
		marker     string
		body, want string
	}{
		{"no pull request", 0, PlanMarker("prod"), "x", "no pull request to comment on"},
		{"no marker", 7, "", "x", "one-line marker"},
		{"a marker of two lines", 7, "a\nb", "x", "one-line marker"},
		{"too long", 7, PlanMarker("prod"), strings.Repeat("x", MaxBodyLength), "characters, GitHub takes at most 65536: shorten it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := c.UpsertComment(context.Background(), tt.pr, tt.marker, tt.body)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to say %q", err, tt.want)
			}
		})
	}
	if f.Writes() != 0 {
		t.Errorf("%d write calls for bad arguments, want none", f.Writes())
	}
}

func TestUpsertCommentsForTwoGatewaysAtOnce(t *testing.T) {
	f, c := newFake(t)
	f.AddComment(7, "github-actions[bot]", PlanMarker("eu")+"\nold")
	f.AddComment(7, "github-actions[bot]", PlanMarker("us")+"\nold")
	var wg sync.WaitGroup
	for _, gw := range []string{"eu", "us"} {
		wg.Go(func() {
			if _, created, err := c.UpsertComment(context.Background(), 7, PlanMarker(gw), "new "+gw); err != nil || created {
				t.Errorf("%s: created %v err %v; want an edit", gw, created, err)
			}
		})
	}
	wg.Wait()
	comments := f.Comments(7)
	if len(comments) != 2 || comments[0].Body != PlanMarker("eu")+"\nnew eu" || comments[1].Body != PlanMarker("us")+"\nnew us" {
		t.Errorf("comments = %+v", comments)
	}
	if n := f.Calls(githubfake.RouteUser); n != 1 {
		t.Errorf("GET /user asked %d times, want once", n)
	}
}

func TestMarkerKeepsToOneComment(t *testing.T) {
	for _, tc := range []struct{ gateway, want string }{
		{"gw-orders.prod_1", "<!-- gwsync:plan:gw-orders.prod_1 -->"},
		{"a-->b", "<!-- gwsync:plan:a--_b -->"},
		{"x\ny <z>", "<!-- gwsync:plan:x_y__z_ -->"},
	} {
		if got := PlanMarker(tc.gateway); got != tc.want {
			t.Errorf("PlanMarker(%q) = %q, want %q", tc.gateway, got, tc.want)
		}
	}
}
