package gh

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gwsync/gwsync/internal/githubfake"
)

const driftLabel = "gwsync-drift"

func TestDriftIssueLifecycle(t *testing.T) {
	f, c := newFake(t)
	ctx := context.Background()
	m := DriftMarker("prod")

	opened, isNew, err := c.SyncIssue(ctx, driftLabel, m, "Drift on prod", "2 routes differ")
	if err != nil || !isNew {
		t.Fatalf("first sync: opened %v err %v; want a new issue", isNew, err)
	}
	is, _ := f.Issue(opened.Number)
	if is.State != "open" || !slices.Equal(is.Labels, []string{driftLabel}) || is.Body != m+"\n2 routes differ" {
		t.Fatalf("opened issue = %+v", is)
	}
	writes := f.Writes()
	if again, isNew, err := c.SyncIssue(ctx, driftLabel, m, "Drift on prod", "2 routes differ"); err != nil || isNew || again.Number != opened.Number {
		t.Fatalf("same drift: %+v opened %v err %v; want the same issue", again, isNew, err)
	}
	if f.Writes() != writes {
		t.Errorf("unchanged drift made %d write calls, want none", f.Writes()-writes)
	}
	if _, isNew, err := c.SyncIssue(ctx, driftLabel, m, "Drift on prod (3)", "3 routes differ"); err != nil || isNew {
		t.Fatalf("changed drift: opened %v err %v; want an edit", isNew, err)
	}
	if is, _ := f.Issue(opened.Number); is.Title != "Drift on prod (3)" || is.Body != m+"\n3 routes differ" {
		t.Errorf("edited issue = %+v", is)
	}

	closed, err := c.CloseIssue(ctx, driftLabel, m, "No drift any more.")
	if err != nil || closed == nil || closed.Number != opened.Number {
		t.Fatalf("close: %+v err %v", closed, err)
	}
	if is, _ := f.Issue(opened.Number); is.State != "closed" || len(is.Comments) != 1 || is.Comments[0].Body != "No drift any more." {
		t.Errorf("closed issue = %+v", is)
	}
	if again, err := c.CloseIssue(ctx, driftLabel, m, "No drift any more."); again != nil || err != nil {
		t.Errorf("closing with nothing open: %+v, %v; want nil, nil", again, err)
	}

	// Drift comes back: a new issue; the closed one stays closed.
	back, isNew, err := c.SyncIssue(ctx, driftLabel, m, "Drift on prod", "1 route differs")
	if err != nil || !isNew || back.Number == opened.Number {
		t.Fatalf("drift again: %+v opened %v err %v; want a new issue", back, isNew, err)
	}
	if is, _ := f.Issue(opened.Number); is.State != "closed" {
		t.Errorf("the old issue was reopened: %+v", is)
	}
}

func TestSyncIssueLeavesOthersAlone(t *testing.T) {
	f, c := newFake(t)
	m := DriftMarker("prod")
	seeded := []int{
		f.AddIssue("github-actions[bot]", "Drift on prod-eu", DriftMarker("prod-eu")+"\nx", "open", driftLabel),
		f.AddIssue("alice", "About drift", "Seen "+m+" in an issue", "open", driftLabel),
		f.AddIssue("alice", "Unlabelled", m+"\nno label", "open"),
		f.AddIssue("github-actions[bot]", "Old drift", m+"\nold", "closed", driftLabel),
	}
	opened, isNew, err := c.SyncIssue(context.Background(), driftLabel, m, "Drift on prod", "now")
	if err != nil || !isNew || slices.Contains(seeded, opened.Number) {
		t.Fatalf("%+v opened %v err %v; want a new issue", opened, isNew, err)
	}
	for _, n := range seeded {
		if is, _ := f.Issue(n); len(is.Comments) != 0 || strings.Contains(is.Body, "now") {
			t.Errorf("issue %d was changed: %+v", n, is)
		}
	}
	if closed, err := c.CloseIssue(context.Background(), driftLabel, DriftMarker("staging"), "gone"); closed != nil || err != nil {
		t.Errorf("closing another gateway's: %+v, %v; want nil, nil", closed, err)
	}
}

func TestSyncIssueAcrossPages(t *testing.T) {
	f, c := newFake(t)
	for i := range 150 {
		f.AddIssue("alice", "other", "issue "+strconv.Itoa(i), "open", driftLabel)
	}
	n := f.AddIssue("github-actions[bot]", "Drift on prod", DriftMarker("prod")+"\nold", "open", driftLabel)
	got, isNew, err := c.SyncIssue(context.Background(), driftLabel, DriftMarker("prod"), "Drift on prod", "new")
	if err != nil || isNew || got.Number != n {
		t.Fatalf("%+v opened %v err %v; want issue %d edited", got, isNew, err, n)
	}
	if calls := f.Calls(githubfake.RouteListIssues); calls != 2 {
		t.Errorf("%d list calls, want 2 pages", calls)
	}
}

func TestCloseIssueClosesDuplicates(t *testing.T) {
	f, c := newFake(t)
	m := DriftMarker("prod")
	a := f.AddIssue("github-actions[bot]", "Drift", m+"\n1", "open", driftLabel)
	b := f.AddIssue("github-actions[bot]", "Drift", m+"\n2", "open", driftLabel)
	got, err := c.CloseIssue(context.Background(), driftLabel, m, "")
	if err != nil || got == nil || got.Number != a {
		t.Fatalf("%+v, %v; want issue %d", got, err, a)
	}
	for _, n := range []int{a, b} {
		if is, _ := f.Issue(n); is.State != "closed" || len(is.Comments) != 0 {
			t.Errorf("issue %d = %+v; want closed without a comment", n, is)
		}
	}
}

func TestIssueArguments(t *testing.T) {
	_, c := newFake(t)
	ctx := context.Background()
	if _, _, err := c.SyncIssue(ctx, "", DriftMarker("prod"), "t", "b"); err == nil || !strings.Contains(err.Error(), "label") {
		t.Errorf("no label: %v", err)
	}
	if _, _, err := c.SyncIssue(ctx, driftLabel, "", "t", "b"); err == nil || !strings.Contains(err.Error(), "marker") {
		t.Errorf("no marker: %v", err)
	}
	if _, _, err := c.SyncIssue(ctx, driftLabel, DriftMarker("prod"), " ", "b"); err == nil || !strings.Contains(err.Error(), "title") {
		t.Errorf("no title: %v", err)
	}
}
