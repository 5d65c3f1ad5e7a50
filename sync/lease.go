package sync

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"syscall"
	"time"
)

// An apply holds a lease on its gateway for as long as it runs, so that
// two applies to one gateway (two CI jobs, a laptop and CI) cannot
// interleave their changes. The lease is a mark a provider keeps on the
// gateway itself, with its holder and an expiry; the holder renews it
// while it works, and a lease whose holder died (a killed apply) expires
// and is taken over.

// DefaultLeaseTTL is how long a lease lasts unless renewed.
const DefaultLeaseTTL = 2 * time.Minute

// Leaser is a Gateway that can hold an apply lease.
type Leaser interface {
	// AcquireLease takes the gateway's lease for holder until ttl has
	// passed, and returns its ID. A lease another holder has and that has
	// not expired is a *LeaseHeldError; an expired one, or one whose holder
	// is gone (HolderGone), is taken over.
	AcquireLease(ctx context.Context, holder string, ttl time.Duration) (id string, err error)
	// RenewLease moves the lease's expiry to ttl from now.
	RenewLease(ctx context.Context, id, holder string, ttl time.Duration) error
	// ReleaseLease gives the lease up; one already gone is no error.
	ReleaseLease(ctx context.Context, id string) error
}

// LeaseMark is how a provider keeps a lease on its gateway: a record of
// a fixed name that only one create can make (a second create fails as
// existing), found again by that name, and deleted by its ID so that a
// taker never deletes a lease someone else took meanwhile. Its text says
// the holder and the expiry (LeaseText).
type LeaseMark interface {
	// CreateMark makes the mark saying text; exists reports that one was
	// there already (nothing is made then).
	CreateMark(ctx context.Context, text string) (id string, exists bool, err error)
	// FindMark reads the mark there: its ID and text.
	FindMark(ctx context.Context) (id, text string, err error)
	// DeleteMark deletes the mark of that ID; one already gone is no
	// error.
	DeleteMark(ctx context.Context, id string) error
}

// AcquireLease implements Leaser.AcquireLease over a LeaseMark: it creates
// the mark, and when one is there, takes it over if it is this holder's
// own (a create done though its answer was lost and the call retried: it
// is renewed), expired, unreadable, or held by a process that is gone;
// else the lease is held (*LeaseHeldError). renew renews a mark.
func AcquireLease(ctx context.Context, m LeaseMark, holder string, ttl time.Duration, renew func(ctx context.Context, id string) error) (string, error) {
	for range 2 {
		id, exists, err := m.CreateMark(ctx, LeaseText(holder, time.Now().Add(ttl)))
		if !exists {
			return id, err
		}
		id, text, err := m.FindMark(ctx)
		if err != nil {
			return "", err
		}
		held, _ := ParseLeaseText(text)
		if held.Holder == holder {
			return id, renew(ctx, id)
		}
		if held.Holder != "" && time.Now().Before(held.Until) && !HolderGone(held.Holder) {
			return "", &held
		}
		if err := m.DeleteMark(ctx, id); err != nil {
			return "", err
		}
	}
	return "", errors.New("the apply lease was taken over by another apply while this one took over an expired one: run again")
}

// leaseTextPattern reads LeaseText back.
var leaseTextPattern = regexp.MustCompile(`^gwsync apply lease until (\S+) held by (.*)$`)

// LeaseText is what a lease mark says: "gwsync apply lease until TIME held
// by HOLDER".
func LeaseText(holder string, until time.Time) string {
	return "gwsync apply lease until " + until.UTC().Format(time.RFC3339) + " held by " + holder
}

// ParseLeaseText reads a lease mark's text; false (and a zero lease,
// which counts as expired) when it is not LeaseText's.
func ParseLeaseText(text string) (LeaseHeldError, bool) {
	m := leaseTextPattern.FindStringSubmatch(text)
	if m == nil {
		return LeaseHeldError{}, false
	}
	until, err := time.Parse(time.RFC3339, m[1])
	if err != nil {
		return LeaseHeldError{}, false
	}
	return LeaseHeldError{Holder: m[2], Until: until}, true
}

// LeaseHolder names this process in a lease: who, where, its process ID,
// and the GitHub Actions run when there is one. HolderGone reads it back.
func LeaseHolder() string {
	host, _ := os.Hostname()
	who := cmp.Or(os.Getenv("USER"), os.Getenv("USERNAME"), "someone")
	s := fmt.Sprintf("%s@%s pid %d", who, cmp.Or(host, "unknown-host"), os.Getpid())
	if run := os.Getenv("GITHUB_RUN_ID"); run != "" {
		s += fmt.Sprintf(", GitHub Actions run %s of %s", run, os.Getenv("GITHUB_REPOSITORY"))
	}
	return s
}

// holderPattern reads the host and process ID back from LeaseHolder's
// text.
var holderPattern = regexp.MustCompile(`^[^@]*@(\S+) pid (\d+)`)

// HolderGone reports whether a lease's holder is a process of this host
// that no longer runs (an apply killed here): its lease may be taken at
// once, without waiting for it to expire. A holder on another host is
// never known to be gone.
func HolderGone(holder string) bool {
	m := holderPattern.FindStringSubmatch(holder)
	host, _ := os.Hostname()
	if m == nil || m[1] != cmp.Or(host, "unknown-host") {
		return false
	}
	pid, err := strconv.Atoi(m[2])
	if err != nil || pid == os.Getpid() {
		return false
	}
	return !processRuns(pid)
}

// processRuns reports whether a process of this host runs (one of another
// user that cannot be signalled runs).
func processRuns(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}

// LeaseHeldError says another apply holds the gateway's lease.
type LeaseHeldError struct {
	Holder string
	Until  time.Time
}

// Error says who holds the lease and what to do.
func (e *LeaseHeldError) Error() string {
	return fmt.Sprintf("another apply holds this gateway's lease (%s) until %s: wait for it to finish and run again; if it was killed, its lease expires then",
		e.Holder, e.Until.UTC().Format(time.RFC3339))
}

// HoldLease takes gw's lease for holder (when gw is a Leaser; otherwise
// there is nothing to hold) and renews it every ttl/3 until release is
// called. A failed renewal is told to lost. release gives the lease up,
// on a context of its own so an interrupt does not leave it held.
func HoldLease(ctx context.Context, gw Gateway, holder string, ttl time.Duration, lost func(error)) (release func(), err error) {
	l, ok := gw.(Leaser)
	if !ok {
		return func() {}, nil
	}
	id, err := l.AcquireLease(ctx, holder, ttl)
	if err != nil {
		return nil, err
	}
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		renew(l, id, holder, ttl, done, lost)
	}()
	return func() {
		close(done)
		<-stopped
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		if err := l.ReleaseLease(rctx, id); err != nil && lost != nil {
			lost(fmt.Errorf("releasing the lease: %w (it expires by itself)", err))
		}
	}, nil
}

// renew renews the lease every ttl/3 until done closes.
func renew(l Leaser, id, holder string, ttl time.Duration, done <-chan struct{}, lost func(error)) {
	t := time.NewTicker(max(ttl/3, time.Millisecond))
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), ttl/3+time.Second)
			err := l.RenewLease(ctx, id, holder, ttl)
			cancel()
			if err != nil && lost != nil {
				lost(fmt.Errorf("renewing the lease: %w", err))
			}
		}
	}
}
