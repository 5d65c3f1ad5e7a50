package huawei

import (
	"context"
	"encoding/json"
	"fmt"
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

var _ gwsync.Leaser = (*Gateway)(nil)

// leaseBody is the lease throttle saying text: a limit no API is bound to.
func leaseBody(text string) map[string]any {
	return map[string]any{"name": leaseName, "api_call_limits": 1, "time_interval": 1, "time_unit": "SECOND", "type": 1, "remark": text}
}

// AcquireLease implements sync.Leaser.
func (g *Gateway) AcquireLease(ctx context.Context, holder string, ttl time.Duration) (string, error) {
	return gwsync.AcquireLease(ctx, leaseMark{g}, holder, ttl, func(ctx context.Context, id string) error {
		return g.RenewLease(ctx, id, holder, ttl)
	})
}

// leaseMark is the lease throttle, as a sync.LeaseMark.
type leaseMark struct{ g *Gateway }

// CreateMark implements sync.LeaseMark.
func (m leaseMark) CreateMark(ctx context.Context, text string) (string, bool, error) {
	data, err := m.g.c.Call(ctx, Request{Op: "CreateRequestThrottlingPolicyV2", Method: "POST", Path: "/throttles",
		Params: m.g.params(), Body: leaseBody(text)})
	if HasCode(err, "APIG.3204") {
		return "", true, nil
	}
	if err != nil {
		return "", false, err
	}
	var created wireCreated
	if err := json.Unmarshal(data, &created); err != nil || created.id() == "" {
		return "", false, fmt.Errorf("huawei: CreateRequestThrottlingPolicyV2 answered %.200q without an ID", data)
	}
	return created.id(), false, nil
}

// FindMark implements sync.LeaseMark: the lease throttle's ID and remark.
func (m leaseMark) FindMark(ctx context.Context) (string, string, error) {
	var items []item[wireThrottle]
	q := map[string]string{"name": leaseName, "precise_search": "name"}
	if err := listAll(ctx, m.g, "ListRequestThrottlingPolicyV2", "/throttles", q, "throttles", &items); err != nil {
		return "", "", err
	}
	for _, it := range items {
		if it.v.Name == leaseName {
			return it.v.ID, it.v.Remark, nil
		}
	}
	return "", "", fmt.Errorf("huawei: creating the apply lease %s met a throttle of that name, which then could not be found: run again", leaseName)
}

// DeleteMark implements sync.LeaseMark.
func (m leaseMark) DeleteMark(ctx context.Context, id string) error {
	_, err := m.g.c.Call(ctx, Request{Op: "DeleteRequestThrottlingPolicyV2", Method: "DELETE", Path: "/throttles/{throttle_id}",
		Params: m.g.params("throttle_id", id)})
	if IsNotFound(err) {
		return nil
	}
	return err
}

// RenewLease implements sync.Leaser.
func (g *Gateway) RenewLease(ctx context.Context, id, holder string, ttl time.Duration) error {
	_, err := g.c.Call(ctx, Request{Op: "UpdateRequestThrottlingPolicyV2", Method: "PUT", Path: "/throttles/{throttle_id}",
		Params: g.params("throttle_id", id), Body: leaseBody(gwsync.LeaseText(holder, time.Now().Add(ttl)))})
	return err
}

// ReleaseLease implements sync.Leaser.
func (g *Gateway) ReleaseLease(ctx context.Context, id string) error {
	return leaseMark{g}.DeleteMark(ctx, id)
}

// isLease reports the lease throttle, which the read leaves out.
func isLease(name string) bool { return strings.EqualFold(name, leaseName) }
