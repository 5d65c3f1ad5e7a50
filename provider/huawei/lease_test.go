package huawei

import (
	"errors"
	"testing"
	"time"

	emu "github.com/gwsync/gwsync/emulator/huawei"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
	gwsync "github.com/gwsync/gwsync/sync"
)

// TestLease: the apply lease is a throttle held by one apply at a time;
// an expired one is taken over, a released one is gone, and the read
// never shows it.
func TestLease(t *testing.T) {
	h := newHarness(t, emu.Faults{})
	id, err := h.gw.AcquireLease(ctx(t), "ci@runner-1 pid 7", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	// A create whose answer was lost and was tried again finds its own
	// lease.
	if again, err := h.gw.AcquireLease(ctx(t), "ci@runner-1 pid 7", time.Minute); err != nil || again != id {
		t.Fatalf("the holder's own lease again: %q, %v; want %q", again, err, id)
	}
	var held *gwsync.LeaseHeldError
	if _, err := h.gw.AcquireLease(ctx(t), "ci@runner-2 pid 8", time.Minute); !errors.As(err, &held) || held.Holder != "ci@runner-1 pid 7" {
		t.Fatalf("a second apply: %v, want the lease held by runner-1", err)
	}
	live, err := h.gw.Read(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(hwmodel.Of(&live.State).Throttles); n != 0 {
		t.Errorf("the read shows %d throttles: the lease is no throttle of the desired state", n)
	}
	if err := h.gw.RenewLease(ctx(t), id, "ci@runner-1 pid 7", -time.Second); err != nil {
		t.Fatal(err)
	}
	next, err := h.gw.AcquireLease(ctx(t), "ci@runner-2 pid 8", time.Minute)
	if err != nil || next == id {
		t.Fatalf("an expired lease is taken over as a new one: %q, %v", next, err)
	}
	if err := h.gw.ReleaseLease(ctx(t), next); err != nil {
		t.Fatal(err)
	}
	if err := h.gw.ReleaseLease(ctx(t), next); err != nil {
		t.Errorf("releasing a lease already gone: %v", err)
	}
	if _, err := h.gw.AcquireLease(ctx(t), "ci@runner-3 pid 9", time.Minute); err != nil {
		t.Errorf("after a release: %v", err)
	}
}
