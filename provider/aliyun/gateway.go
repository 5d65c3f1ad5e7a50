package aliyun

import (
	"context"
	"fmt"

	"github.com/gwsync/gwsync/model"
	gwsync "github.com/gwsync/gwsync/sync"
)

// Gateway is APIG behind the sync.Gateway interface: it reads the live
// gateway, makes the changes of a plan one at a time and reports the
// deploy state of routes.
type Gateway struct {
	c         *Client
	gatewayID string
	reader    *Reader
}

var _ gwsync.Gateway = (*Gateway)(nil)

// NewGateway manages the gateway gatewayID through c.
func NewGateway(c *Client, gatewayID string) *Gateway {
	return &Gateway{c: c, gatewayID: gatewayID, reader: NewReader(c, gatewayID)}
}

// Read reads the whole live gateway (see Reader.Read).
func (g *Gateway) Read(ctx context.Context) (*model.Live, error) { return g.reader.Read(ctx) }

// DeployStatus reads a route's deploy state with GetHttpApiRoute: its
// deployStatus, deployErrorMessage and environment name.
func (g *Gateway) DeployStatus(ctx context.Context, apiID, routeID string) (model.Deploy, error) {
	st, err := g.RouteState(ctx, apiID, routeID)
	return st.Deploy, err
}

// Execute makes one change of a plan, building the request from the
// change's documents and resolving the names they hold to live IDs
// through ids. It returns the live ID of what it created (create,
// replace, attach), else "".
//
// A deploy or undeploy is only started: poll DeployStatus until it
// settles. A delete or detach of something already gone succeeds. A
// create that finds a resource of the same name already there returns an
// [*sync.ExistsError] holding that resource's ID, so the caller can decide to
// adopt it. When a create succeeds but a call that completes it fails,
// the new ID is returned with the error. Errors name the change (its
// Label).
func (g *Gateway) Execute(ctx context.Context, c *gwsync.Change, ids gwsync.IDs) (string, error) {
	x := &execution{g: g, c: c, ids: ids}
	k, ok := kindOf(c.Kind)
	if !ok || !allowed(c.Action, c.Kind) {
		return "", fmt.Errorf("%s: gwsync cannot %s a %s on APIG", c.Label(), c.Action, c.Kind)
	}
	switch c.Action {
	case gwsync.Create, gwsync.Attach:
		return x.create(ctx, k)
	case gwsync.Update:
		return "", x.update(ctx, k)
	case gwsync.Delete, gwsync.Detach:
		return "", x.remove(ctx, k)
	case gwsync.Replace:
		return x.replace(ctx, k)
	case gwsync.Deploy:
		return "", x.deploy(ctx)
	default: // gwsync.Undeploy
		return "", x.undeploy(ctx)
	}
}

// allowed reports whether APIG can make a change of action to kind:
// attachments are attached and detached, routes also deployed and
// undeployed, and everything else created, updated, replaced and deleted.
func allowed(a gwsync.Action, k gwsync.Kind) bool {
	switch a {
	case gwsync.Attach, gwsync.Detach:
		return k == gwsync.KindAttachment
	case gwsync.Deploy, gwsync.Undeploy:
		return k == gwsync.KindRoute
	case gwsync.Create, gwsync.Update, gwsync.Delete, gwsync.Replace:
		return k != gwsync.KindAttachment
	}
	return false
}

// kindAPI is how APIG writes one kind of resource.
type kindAPI struct {
	// create makes the resource from c.After and returns its ID.
	create func(ctx context.Context, x *execution) (string, error)
	// update changes the resource id to c.After (nil: not supported).
	update func(ctx context.Context, x *execution, id string) error
	// del is the request that deletes the resource id.
	del func(x *execution, id string) (Request, error)
	// duplicate is the code a create is refused with when the name is
	// taken; find then looks up the live ID of the resource holding it
	// ("" when none fits).
	duplicate string
	find      func(ctx context.Context, x *execution) (string, error)
}

// kindOf returns how APIG writes kind k.
func kindOf(k gwsync.Kind) (kindAPI, bool) {
	switch k {
	case gwsync.KindService:
		return kindAPI{create: createService, update: updateService, del: deleteService, duplicate: "ServiceExisted", find: findService}, true
	case gwsync.KindDomain:
		return kindAPI{create: createDomain, update: updateDomain, del: deleteDomain, duplicate: "DomainExisted", find: findDomain}, true
	case gwsync.KindPolicy:
		return kindAPI{create: createPolicy, update: updatePolicy, del: deletePolicy, duplicate: "PolicyExisted", find: findPolicy}, true
	case gwsync.KindHTTPAPI:
		return kindAPI{create: createHTTPAPI, update: updateHTTPAPI, del: deleteHTTPAPI, duplicate: "ApiNameDuplicated", find: findHTTPAPI}, true
	case gwsync.KindRoute:
		return kindAPI{create: createRoute, update: updateRoute, del: deleteRoute, duplicate: "RouteNameDuplicated", find: findRoute}, true
	case gwsync.KindAttachment:
		return kindAPI{create: attach, del: detach, duplicate: "PolicyAttachResourceBounded", find: findAttachment}, true
	}
	return kindAPI{}, false
}

// execution is one change being made.
type execution struct {
	g   *Gateway
	c   *gwsync.Change
	ids gwsync.IDs
}

// create makes the resource; a duplicate-name refusal becomes an
// *sync.ExistsError when the resource holding the name is found.
func (x *execution) create(ctx context.Context, k kindAPI) (string, error) {
	id, err := k.create(ctx, x)
	if err == nil || !HasCode(err, k.duplicate) {
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

// update changes the live resource the change targets.
func (x *execution) update(ctx context.Context, k kindAPI) error {
	if k.update == nil {
		return fmt.Errorf("%s: APIG cannot update a %s in place", x.c.Label(), x.c.Kind)
	}
	id, err := x.target()
	if err != nil {
		return err
	}
	return k.update(ctx, x, id)
}

// remove deletes the live resource the change targets; one already gone
// counts as deleted.
func (x *execution) remove(ctx context.Context, k kindAPI) error {
	id, err := x.target()
	if err != nil {
		return err
	}
	r, err := k.del(x, id)
	if err != nil {
		return err
	}
	return x.send(ctx, r)
}

// replace deletes the live resource and creates it again. A route is
// deleted from the HTTP API it was in (it may move to another).
func (x *execution) replace(ctx context.Context, k kindAPI) (string, error) {
	if x.c.Kind == gwsync.KindRoute {
		return x.replaceRoute(ctx)
	}
	if err := x.remove(ctx, k); err != nil {
		return "", err
	}
	return x.create(ctx, k)
}

// send makes a call whose answer holds nothing gwsync needs; NotFound is
// success for a delete (the resource is already gone).
func (x *execution) send(ctx context.Context, r Request) error {
	_, err := x.call(ctx, r)
	if err != nil && r.Method == "DELETE" && IsNotFound(err) {
		return nil
	}
	return err
}

// call makes a call, naming the change in any error. A refusal because
// a route is mid-deploy matches sync.ErrBusy.
func (x *execution) call(ctx context.Context, r Request) ([]byte, error) {
	data, err := x.g.c.Call(ctx, r)
	if HasCode(err, codeRouteBusy) {
		err = busyError{err}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", x.c.Label(), err)
	}
	return data, nil
}

// codeRouteBusy is APIG's refusal to change, deploy or undeploy a route
// whose deployStatus is Deploying or Undeploying.
const codeRouteBusy = "DeployRouteForbidden"

// busyError is a refusal that waiting may cure: it matches sync.ErrBusy
// and keeps APIG's message.
type busyError struct{ error }

func (e busyError) Is(target error) bool { return target == gwsync.ErrBusy }
func (e busyError) Unwrap() error        { return e.error }

// created is the answer of a create call: the new resource's ID, under
// the key its operation answers with.
type created interface {
	id() (id, key string)
}

type (
	serviceCreated struct {
		ServiceIDs []string `json:"serviceIds"`
	}
	domainCreated struct {
		DomainID string `json:"domainId"`
	}
	policyCreated struct {
		PolicyID string `json:"policyId"`
	}
	httpAPICreated struct {
		HTTPAPIID string `json:"httpApiId"`
	}
	routeCreated struct {
		RouteID string `json:"routeId"`
	}
	attachmentCreated struct {
		PolicyAttachmentID string `json:"policyAttachmentId"`
	}
)

func (a serviceCreated) id() (string, string) {
	if len(a.ServiceIDs) == 0 {
		return "", "serviceIds"
	}
	return a.ServiceIDs[0], "serviceIds"
}
func (a domainCreated) id() (string, string)     { return a.DomainID, "domainId" }
func (a policyCreated) id() (string, string)     { return a.PolicyID, "policyId" }
func (a httpAPICreated) id() (string, string)    { return a.HTTPAPIID, "httpApiId" }
func (a routeCreated) id() (string, string)      { return a.RouteID, "routeId" }
func (a attachmentCreated) id() (string, string) { return a.PolicyAttachmentID, "policyAttachmentId" }

// callID makes a create call and returns the ID its answer, of type A,
// holds.
func callID[A created](ctx context.Context, x *execution, r Request) (string, error) {
	data, err := x.call(ctx, r)
	if err != nil {
		return "", err
	}
	var out A
	if err := decode(r.Action, data, &out); err != nil {
		return "", fmt.Errorf("%s: %w", x.c.Label(), err)
	}
	id, key := out.id()
	if id == "" {
		return "", fmt.Errorf("%s: %s answered without %s", x.c.Label(), r.Action, key)
	}
	return id, nil
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
