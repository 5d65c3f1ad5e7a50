package sync

import (
	"context"
	"errors"
	"fmt"
	"os"
	gosync "sync"
	"testing"
	"time"

	"github.com/gwsync/gwsync/model"
)

// fakeLeaser counts what HoldLease does with a lease.
type fakeLeaser struct {
	Gateway
	mu                 gosync.Mutex
	renewals, releases int
}

func (f *fakeLeaser) AcquireLease(context.Context, string, time.Duration) (string, error) {
	return "l-1", nil
}
func (f *fakeLeaser) RenewLease(context.Context, string, string, time.Duration) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.renewals++
	return nil
}
func (f *fakeLeaser) ReleaseLease(context.Context, string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.releases++
	return nil
}

func TestHoldLeaseRenewsAndReleases(t *testing.T) {
	f := &fakeLeaser{}
	release, err := HoldLease(context.Background(), f, "me", 30*time.Millisecond, nil)
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		f.mu.Lock()
		n := f.renewals
		f.mu.Unlock()
		if n >= 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the lease was not renewed while held")
		}
	}
	release()
	if f.releases != 1 {
		t.Errorf("%d releases, want 1", f.releases)
	}
	var none nonLeaser
	if release, err := HoldLease(context.Background(), none, "me", time.Minute, nil); err != nil || release == nil {
		t.Errorf("a gateway that holds no lease: %v", err)
	}
}

type nonLeaser struct{ Gateway }

func (nonLeaser) Read(context.Context) (*model.Live, error) { return nil, nil }

func TestHolderGone(t *testing.T) {
	host, _ := os.Hostname()
	cases := map[string]bool{
		LeaseHolder(): false, // this process runs
		fmt.Sprintf("ci@%s pid %d", host, os.Getppid()): false, // the parent runs
		fmt.Sprintf("ci@%s pid 2147483000", host):       true,  // no such process here
		"ci@another-host pid 2147483000":                false, // elsewhere: not known
		"written by hand":                               false,
	}
	for holder, want := range cases {
		if got := HolderGone(holder); got != want {
			t.Errorf("HolderGone(%q) = %v, want %v", holder, got, want)
		}
	}
}

// markStore is a LeaseMark holding at most one mark.
type markStore struct {
	id, text         string
	creates, deletes int
}

func (m *markStore) CreateMark(_ context.Context, text string) (string, bool, error) {
	if m.id != "" {
		return "", true, nil
	}
	m.creates++
	m.id, m.text = fmt.Sprintf("m-%d", m.creates), text
	return m.id, false, nil
}

func (m *markStore) FindMark(context.Context) (string, string, error) { return m.id, m.text, nil }

func (m *markStore) DeleteMark(_ context.Context, id string) error {
	if id == m.id {
		m.id, m.text = "", ""
		m.deletes++
	}
	return nil
}

func TestAcquireLease(t *testing.T) {
	later, earlier := time.Now().Add(time.Hour), time.Now().Add(-time.Hour)
	for _, tc := range []struct {
		name      string
		there     string // the mark's text already there ("" none)
		want      string // the ID acquired, or "" for held
		renewed   bool
		deletions int
	}{
		{"no lease there", "", "m-1", false, 0},
		{"this holder's own (a retried create)", LeaseText("me", later), "m-0", true, 0},
		{"another's, not expired", LeaseText("ci@elsewhere pid 7", later), "", false, 0},
		{"another's, expired", LeaseText("ci@elsewhere pid 7", earlier), "m-1", false, 1},
		{"a text gwsync cannot read", "hand-made", "m-1", false, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := &markStore{}
			if tc.there != "" {
				m.id, m.text = "m-0", tc.there
			}
			renewed := false
			id, err := AcquireLease(context.Background(), m, "me", time.Minute, func(context.Context, string) error {
				renewed = true
				return nil
			})
			var held *LeaseHeldError
			switch {
			case tc.want == "" && !errors.As(err, &held):
				t.Fatalf("got %q, %v; want the lease held", id, err)
			case tc.want != "" && (err != nil || id != tc.want):
				t.Fatalf("got %q, %v; want %q", id, err, tc.want)
			}
			if renewed != tc.renewed || m.deletes != tc.deletions {
				t.Errorf("renewed %v, %d deletions; want %v, %d", renewed, m.deletes, tc.renewed, tc.deletions)
			}
		})
	}
}

func TestLeaseTextReadsBack(t *testing.T) {
	until := time.Date(2026, 12, 7, 6, 0, 0, 0, time.UTC)
	got, ok := ParseLeaseText(LeaseText("me@host pid 1", until))
	if !ok || got.Holder != "me@host pid 1" || !got.Until.Equal(until) {
		t.Errorf("got %+v, %v", got, ok)
	}
	if _, ok := ParseLeaseText("gwsync apply lease until tomorrow held by me"); ok {
		t.Error("a text with no RFC 3339 time was read")
	}
}
