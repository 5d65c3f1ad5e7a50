package huawei

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	gwsync "github.com/gwsync/gwsync/sync"
)

// The apply lease (sync.Leaser) is a request throttling policy the
// instance holds for gwsync: named gwsync_apply_lease, bound to no API,
// its remark naming the holder and when the lease ends. Creating it is the
// one atomic step APIG offers (a second create of the name is APIG.3204);
// an expired lease is deleted by its ID, so a taker never deletes a lease
// someone else took meanwhile, and created again. The read leaves it out
// of the live state.

// leaseName is the lease throttle's name (throttle names are letters,
// digits and underscores).
const leaseName = "gwsync_apply_lease"

// leaseRemark matches what the lease throttle's remark says.
var leaseRemark = regexp.MustCompile(`^gwsync apply lease until (\S+) held by (.*)$`)

var _ gwsync.Leaser = (*Gateway)(nil)

// leaseBody is the lease throttle: a limit no API is bound to.
func leaseBody(holder string, until time.Time) map[string]any {
	return map[string]any{"name": leaseName, "api_call_limits": 1, "time_interval": 1, "time_unit": "SECOND", "type": 1,
		"remark": "gwsync apply lease until " + until.UTC().Format(time.RFC3339) + " held by " + holder}
}

// AcquireLease implements sync.Leaser.
func (g *Gateway) AcquireLease(ctx context.Context, holder string, ttl time.Duration) (string, error) {
	for range 2 {
		id, err := g.createLease(ctx, holder, ttl)
		if !HasCode(err, "APIG.3204") {
			return id, err
		}
		held, err := g.currentLease(ctx)
		if err != nil {
			return "", err
		}
		if held.Holder == holder {
			// Our own create, done though its answer was lost and the
			// call retried.
			return held.id, g.RenewLease(ctx, held.id, holder, ttl)
		}
		if held.Holder != "" && time.Now().Before(held.Until) && !gwsync.HolderGone(held.Holder) {
			return "", &held.LeaseHeldError
		}
		if err := g.ReleaseLease(ctx, held.id); err != nil {
			return "", err
		}
	}
	return "", errors.New("huawei: the apply lease was taken over by another apply while this one took over an expired one: run again")
}

func (g *Gateway) createLease(ctx context.Context, holder string, ttl time.Duration) (string, error) {
	data, err := g.c.Call(ctx, Request{Op: "CreateRequestThrottlingPolicyV2", Method: "POST", Path: "/throttles",
		Params: g.params(), Body: leaseBody(holder, time.Now().Add(ttl))})
	if err != nil {
		return "", err
	}
	var created wireCreated
	if err := json.Unmarshal(data, &created); err != nil || created.id() == "" {
		return "", fmt.Errorf("huawei: CreateRequestThrottlingPolicyV2 answered %.200q without an ID", data)
	}
	return created.id(), nil
}

// heldLease is a lease throttle found on the instance.
type heldLease struct {
	gwsync.LeaseHeldError
	id string
}

// currentLease finds the lease throttle and reads who holds it until when.
// A remark gwsync cannot read counts as expired.
func (g *Gateway) currentLease(ctx context.Context) (heldLease, error) {
	var items []item[wireThrottle]
	q := map[string]string{"name": leaseName, "precise_search": "name"}
	if err := listAll(ctx, g, "ListRequestThrottlingPolicyV2", "/throttles", q, "throttles", &items); err != nil {
		return heldLease{}, err
	}
	for _, it := range items {
		if it.v.Name != leaseName {
			continue
		}
		h := heldLease{id: it.v.ID}
		if m := leaseRemark.FindStringSubmatch(it.v.Remark); m != nil {
			h.Until, _ = time.Parse(time.RFC3339, m[1])
			h.Holder = m[2]
		}
		return h, nil
	}
	return heldLease{}, fmt.Errorf("huawei: creating the apply lease %s met a throttle of that name, which then could not be found: run again", leaseName)
}

// RenewLease implements sync.Leaser.
func (g *Gateway) RenewLease(ctx context.Context, id, holder string, ttl time.Duration) error {
	_, err := g.c.Call(ctx, Request{Op: "UpdateRequestThrottlingPolicyV2", Method: "PUT", Path: "/throttles/{throttle_id}",
		Params: g.params("throttle_id", id), Body: leaseBody(holder, time.Now().Add(ttl))})
	return err
}

// ReleaseLease implements sync.Leaser.
func (g *Gateway) ReleaseLease(ctx context.Context, id string) error {
	_, err := g.c.Call(ctx, Request{Op: "DeleteRequestThrottlingPolicyV2", Method: "DELETE", Path: "/throttles/{throttle_id}",
		Params: g.params("throttle_id", id)})
	if IsNotFound(err) {
		return nil
	}
	return err
}

// isLease reports the lease throttle, which the read leaves out.
func isLease(name string) bool { return strings.EqualFold(name, leaseName) }
