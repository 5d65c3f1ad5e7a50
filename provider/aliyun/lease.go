package aliyun

import (
	"context"
	"fmt"
	"strings"
	"time"

	gwsync "github.com/gwsync/gwsync/sync"
)

// The apply lease (sync.Leaser) is a policy APIG holds for gwsync: named
// gwsync-lease-GATEWAY (policies are the account's, so the name says
// which gateway), of class Timeout, disabled and attached nowhere, its
// description naming the holder and when the lease ends. CreatePolicy is
// the one atomic step APIG offers: a second create of the name is
// PolicyExisted. An expired lease is deleted by its ID, so a taker never
// deletes a lease someone else took meanwhile, and created again. The read
// leaves lease policies out of the live state.

// leasePrefix starts the name of every lease policy.
const leasePrefix = "gwsync-lease-"

// leaseConfig is the lease policy's config: a Timeout that is off.
const leaseConfig = `{"enable":false,"timeUnit":"s","unitNum":60}`

var _ gwsync.Leaser = (*Gateway)(nil)

func (g *Gateway) leaseName() string { return leasePrefix + g.gatewayID }

// AcquireLease implements sync.Leaser.
func (g *Gateway) AcquireLease(ctx context.Context, holder string, ttl time.Duration) (string, error) {
	return gwsync.AcquireLease(ctx, leaseMark{g}, holder, ttl, func(ctx context.Context, id string) error {
		return g.RenewLease(ctx, id, holder, ttl)
	})
}

// leaseMark is the lease policy, as a sync.LeaseMark.
type leaseMark struct{ g *Gateway }

// CreateMark implements sync.LeaseMark.
func (m leaseMark) CreateMark(ctx context.Context, text string) (string, bool, error) {
	data, err := m.g.c.Call(ctx, Request{Action: "CreatePolicy", Method: "POST", Path: "/v2/policies", Body: policyBody{
		ClassName: "Timeout", Config: leaseConfig, Name: m.g.leaseName(), Description: text}})
	if HasCode(err, "PolicyExisted") {
		return "", true, nil
	}
	if err != nil {
		return "", false, err
	}
	var created policyCreated
	if err := decode("CreatePolicy", data, &created); err != nil {
		return "", false, err
	}
	return created.PolicyID, false, nil
}

// FindMark implements sync.LeaseMark: the lease policy's ID and
// description.
func (m leaseMark) FindMark(ctx context.Context) (string, string, error) {
	var items []raw[wirePolicy]
	if err := listPolicyPages(ctx, m.g.c, map[string]string{}, &items); err != nil {
		return "", "", err
	}
	for _, p := range items {
		if p.v.Name != m.g.leaseName() {
			continue
		}
		var d wirePolicyDetail
		if _, err := m.g.reader.get(ctx, "GetPolicy", policyPath(p.v.PolicyID), &d); err != nil {
			return "", "", err
		}
		return p.v.PolicyID, d.Description, nil
	}
	return "", "", fmt.Errorf("aliyun: creating the apply lease %s met a policy of that name, which then could not be found: run again", m.g.leaseName())
}

// DeleteMark implements sync.LeaseMark.
func (m leaseMark) DeleteMark(ctx context.Context, id string) error {
	_, err := m.g.c.Call(ctx, Request{Action: "DeletePolicy", Method: "DELETE", Path: policyPath(id)})
	if IsNotFound(err) {
		return nil
	}
	return err
}

// RenewLease implements sync.Leaser.
func (g *Gateway) RenewLease(ctx context.Context, id, holder string, ttl time.Duration) error {
	_, err := g.c.Call(ctx, Request{Action: "UpdatePolicy", Method: "PUT", Path: policyPath(id), Body: policyBody{
		Config: leaseConfig, Name: g.leaseName(), Description: gwsync.LeaseText(holder, time.Now().Add(ttl))}})
	return err
}

// ReleaseLease implements sync.Leaser.
func (g *Gateway) ReleaseLease(ctx context.Context, id string) error {
	return leaseMark{g}.DeleteMark(ctx, id)
}

// isLease reports a lease policy, which the read leaves out.
func isLease(name string) bool { return strings.HasPrefix(name, leasePrefix) }
