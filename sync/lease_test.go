package sync

import (
	"context"
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
