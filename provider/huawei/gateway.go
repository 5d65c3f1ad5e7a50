package huawei

import (
	"context"
	"fmt"

	"github.com/gwsync/gwsync/model"
	gwsync "github.com/gwsync/gwsync/sync"
)

// Gateway is Huawei Cloud APIG behind the sync.Gateway interface: it reads
// a live instance and makes the changes of a plan one at a time.
type Gateway struct {
	c          *Client
	instanceID string
}

var _ gwsync.Gateway = (*Gateway)(nil)

// NewGateway manages the instance instanceID (gateway.id) through c.
func NewGateway(c *Client, instanceID string) *Gateway {
	return &Gateway{c: c, instanceID: instanceID}
}

// Read reads the whole instance, list calls 500 at a time and a few calls
// at once: the instance, its environments, groups (with their bound
// domains and certificates), environment variables, APIs (each shown in
// detail, for the fields the list leaves out) and where each is
// published, and the throttles, ACLs and plugins with their bindings.
//
// The result's State.Huawei is spelled as the desired state spells it
// (retry_count a number, acl_value a list, plugin_content structured),
// with the values the gateway holds: defaults the gateway fills in
// (match_mode NORMAL, min_ssl_version, the ingress ports, a throttle's
// type 1, ...) are read as they are. IDs maps each resource path to its
// live ID, each hwsync.PublicationKey to the publish_id and each
// hwsync.BindingKey to the binding's ID.
func (g *Gateway) Read(ctx context.Context) (*model.Live, error) {
	s, err := g.fetch(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading Huawei APIG instance %s: %w", g.instanceID, err)
	}
	return resolve(g.instanceID, s), nil
}

// DeployStatus reports Deployed: Huawei APIG publishes an API at once
// (the publish call answers when the API is online), so there is nothing
// to wait for. apiID and routeID are not used.
func (g *Gateway) DeployStatus(context.Context, string, string) (model.Deploy, error) {
	return model.Deploy{Status: "Deployed"}, nil
}

// Execute makes one change of a plan (see sync/huawei_documents.go for
// the kinds and documents), resolving the names its documents hold to live
// IDs through ids. It returns the live ID of what it created: the
// resource's ID for a create, the publish_id for a deploy, the binding's
// ID for an attach; else "".
//
// A delete, undeploy or detach of something already gone succeeds. A
// create refused because the name is taken returns a *sync.ExistsError
// holding the ID of the resource that has it. Errors name the change, the
// operation, the resource path and its live ID, and say what to change
// where APIG's error code tells.
func (g *Gateway) Execute(ctx context.Context, c *gwsync.Change, ids gwsync.IDs) (string, error) {
	x := &execution{g: g, c: c, ids: ids}
	k, ok := kinds[c.Kind]
	if !ok || !k.allows(c.Action) {
		return "", fmt.Errorf("%s: gwsync cannot %s a %s on Huawei APIG", c.Label(), c.Action, c.Kind)
	}
	switch c.Action {
	case gwsync.Create, gwsync.Attach:
		return x.create(ctx, k)
	case gwsync.Update:
		return "", x.update(ctx, k)
	case gwsync.Delete, gwsync.Detach:
		return "", x.remove(ctx, k)
	case gwsync.Replace:
		if err := x.remove(ctx, k); err != nil {
			return "", err
		}
		return x.create(ctx, k)
	case gwsync.Deploy:
		return x.publish(ctx, "online")
	default: // gwsync.Undeploy
		_, err := x.publish(ctx, "offline")
		return "", err
	}
}

// kind is how APIG writes one kind of resource.
type kind struct {
	// create makes the resource from c.After and returns its ID.
	create func(ctx context.Context, x *execution) (string, error)
	// update changes the live resource id to c.After (nil: no update).
	update func(ctx context.Context, x *execution, id string) error
	// remove deletes (or unbinds) the live resource id.
	remove func(ctx context.Context, x *execution, id string) error
	// duplicate are the codes a create is refused with when the name is
	// taken; find then looks up the live ID of the resource holding it
	// ("" when none is found).
	duplicate []string
	find      func(ctx context.Context, x *execution) (string, error)
	// deploys marks the kind that is published and taken offline.
	deploys bool
	// binds marks the kind that is attached and detached.
	binds bool
}

// allows reports whether the kind takes action a.
func (k kind) allows(a gwsync.Action) bool {
	switch a {
	case gwsync.Attach, gwsync.Detach:
		return k.binds
	case gwsync.Deploy, gwsync.Undeploy:
		return k.deploys
	case gwsync.Update:
		return !k.binds && k.update != nil
	case gwsync.Create, gwsync.Delete, gwsync.Replace:
		return !k.binds
	}
	return false
}

// execution is one change being made.
type execution struct {
	g   *Gateway
	c   *gwsync.Change
	ids gwsync.IDs
}

// create makes the resource; a duplicate-name refusal becomes a
// *sync.ExistsError when the resource holding the name is found.
func (x *execution) create(ctx context.Context, k kind) (string, error) {
	id, err := k.create(ctx, x)
	if err == nil || len(k.duplicate) == 0 || !HasCode(err, k.duplicate...) || k.find == nil {
		return id, err
	}
	existing, ferr := k.find(ctx, x)
	switch {
	case ferr != nil:
		return "", fmt.Errorf("%w; looking up the %s already there failed: %w", err, x.c.Kind, ferr)
	case existing == "":
		return "", err
	}
	return "", &gwsync.ExistsError{Kind: x.c.Kind, Name: x.c.Name, Resource: x.c.Resource, ID: existing, Err: err}
}

func (x *execution) update(ctx context.Context, k kind) error {
	id, err := x.target()
	if err != nil {
		return err
	}
	return k.update(ctx, x, id)
}

// remove deletes the live resource; one already gone counts as deleted.
func (x *execution) remove(ctx context.Context, k kind) error {
	id, err := x.target()
	if err != nil && !k.binds {
		return err
	}
	if err := k.remove(ctx, x, id); err != nil && !IsNotFound(err) {
		return err
	}
	return nil
}

// lookup resolves a resource path to its live ID (sync.Resolve).
func (x *execution) lookup(path string) (string, error) { return gwsync.Resolve(x.ids, x.c, path) }

// target is the live ID the change acts on (sync.Target).
func (x *execution) target() (string, error) { return gwsync.Target(x.ids, x.c) }

// docOf is a change's document as the type its kind calls for
// (sync.DocumentAs).
func docOf[D gwsync.Document](x *execution, d gwsync.Document, side string) (D, error) {
	return gwsync.DocumentAs[D](x.c, d, side)
}

// after is the change's desired document; before the live one, or nil.
func after[D gwsync.Document](x *execution) (D, error) { return docOf[D](x, x.c.After, "after") }

func before[D gwsync.Document](x *execution) D {
	v, _ := x.c.Before.(D)
	return v
}
