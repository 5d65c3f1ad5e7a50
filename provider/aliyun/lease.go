package aliyun

import (
	"context"
	"errors"
	"fmt"
	"regexp"
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

// leaseDescription matches what a lease policy's description says.
var leaseDescription = regexp.MustCompile(`^gwsync apply lease until (\S+) held by (.*)$`)

var _ gwsync.Leaser = (*Gateway)(nil)

func (g *Gateway) leaseName() string { return leasePrefix + g.gatewayID }

func describeLease(holder string, until time.Time) string {
	return "gwsync apply lease until " + until.UTC().Format(time.RFC3339) + " held by " + holder
}

// AcquireLease implements sync.Leaser.
func (g *Gateway) AcquireLease(ctx context.Context, holder string, ttl time.Duration) (string, error) {
	for range 2 {
		id, err := g.createLease(ctx, holder, ttl)
		if !HasCode(err, "PolicyExisted") {
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
		if err := g.deleteLease(ctx, held.id); err != nil {
			return "", err
		}
	}
	return "", errors.New("aliyun: the apply lease was taken over by another apply while this one took over an expired one: run again")
}

func (g *Gateway) createLease(ctx context.Context, holder string, ttl time.Duration) (string, error) {
	data, err := g.c.Call(ctx, Request{Action: "CreatePolicy", Method: "POST", Path: "/v2/policies", Body: policyBody{
		ClassName: "Timeout", Config: leaseConfig, Name: g.leaseName(), Description: describeLease(holder, time.Now().Add(ttl))}})
	if err != nil {
		return "", err
	}
	var created policyCreated
	if err := decode("CreatePolicy", data, &created); err != nil {
		return "", err
	}
	return created.PolicyID, nil
}

// heldLease is a lease policy found on the gateway.
type heldLease struct {
	gwsync.LeaseHeldError
	id string
}

// currentLease finds the lease policy and reads who holds it until when.
// A description gwsync cannot read counts as expired.
func (g *Gateway) currentLease(ctx context.Context) (heldLease, error) {
	var items []raw[wirePolicy]
	if err := listPolicyPages(ctx, g.c, map[string]string{}, &items); err != nil {
		return heldLease{}, err
	}
	for _, p := range items {
		if p.v.Name != g.leaseName() {
			continue
		}
		var d wirePolicyDetail
		if _, err := g.reader.get(ctx, "GetPolicy", policyPath(p.v.PolicyID), &d); err != nil {
			return heldLease{}, err
		}
		h := heldLease{id: p.v.PolicyID}
		if m := leaseDescription.FindStringSubmatch(d.Description); m != nil {
			h.Until, _ = time.Parse(time.RFC3339, m[1])
			h.Holder = m[2]
		}
		return h, nil
	}
	return heldLease{}, fmt.Errorf("aliyun: creating the apply lease %s met a policy of that name, which then could not be found: run again", g.leaseName())
}

func (g *Gateway) deleteLease(ctx context.Context, id string) error {
	_, err := g.c.Call(ctx, Request{Action: "DeletePolicy", Method: "DELETE", Path: policyPath(id)})
	if IsNotFound(err) {
		return nil
	}
	return err
}

// RenewLease implements sync.Leaser.
func (g *Gateway) RenewLease(ctx context.Context, id, holder string, ttl time.Duration) error {
	_, err := g.c.Call(ctx, Request{Action: "UpdatePolicy", Method: "PUT", Path: policyPath(id), Body: policyBody{
		Config: leaseConfig, Name: g.leaseName(), Description: describeLease(holder, time.Now().Add(ttl))}})
	return err
}

// ReleaseLease implements sync.Leaser.
func (g *Gateway) ReleaseLease(ctx context.Context, id string) error { return g.deleteLease(ctx, id) }

// isLease reports a lease policy, which the read leaves out.
func isLease(name string) bool { return strings.HasPrefix(name, leasePrefix) }
