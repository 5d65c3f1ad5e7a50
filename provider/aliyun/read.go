package aliyun

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"

	"golang.org/x/sync/errgroup"

	"github.com/gwsync/gwsync/model"
)

// pageSize is the largest page APIG list calls give.
const pageSize = 100

// readConcurrency bounds the list calls a read has in flight.
const readConcurrency = 8

// Reader reads a live gateway.
type Reader struct {
	c         *Client
	gatewayID string
}

// NewReader reads the gateway gatewayID through c.
func NewReader(c *Client, gatewayID string) *Reader { return &Reader{c: c, gatewayID: gatewayID} }

// snapshot is everything one read fetched, before it is resolved.
type snapshot struct {
	gateway  wireGateway
	services []raw[wireService]
	domains  []raw[wireDomain]
	apis     []raw[wireAPI]
	routes   map[string][]raw[wireRoute] // by API ID
	policies []raw[wirePolicy]
}

// Read reads the whole gateway with list calls at page size 100, a few at
// a time: services, domains, environments, HTTP APIs, the routes of every
// API, and policies with their attachments. Two kinds are also read one by
// one, because their list items lack fields gwsync compares (the SDK's
// models say so): each policy with GetPolicy (PolicyInfo has no
// description, where the ownership marker is), each domain with GetDomain
// (DomainInfo has no caCertIdentifier or http2Option).
func (r *Reader) Read(ctx context.Context) (*model.Live, error) {
	s, err := r.fetch(ctx)
	if err != nil {
		return nil, err
	}
	return resolve(s), nil
}

func (r *Reader) fetch(ctx context.Context) (*snapshot, error) {
	s := &snapshot{routes: map[string][]raw[wireRoute]{}}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(readConcurrency)
	gw := map[string]string{"gatewayId": r.gatewayID}
	g.Go(func() error { return r.getGateway(gctx, &s.gateway) })
	g.Go(func() error { return listAll(gctx, r.c, "ListServices", "/v1/services", gw, &s.services) })
	g.Go(func() error { return r.listDomains(gctx, &s.domains) })
	g.Go(func() error { return r.listPolicies(gctx, &s.policies) })
	g.Go(func() error { return r.listAPIs(gctx, &s.apis) })
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return s, r.fetchRoutes(ctx, s)
}

// fetchRoutes lists the routes of every Http API, a few APIs at a time.
func (r *Reader) fetchRoutes(ctx context.Context, s *snapshot) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(readConcurrency)
	out := make([][]raw[wireRoute], len(s.apis))
	for i, a := range s.apis {
		if a.v.Type != "Http" {
			continue
		}
		g.Go(func() error {
			path := "/v1/http-apis/" + PathEscape(a.v.HTTPAPIID) + "/routes"
			return listAll(gctx, r.c, "ListHttpApiRoutes", path, map[string]string{"gatewayId": r.gatewayID}, &out[i])
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	for i, a := range s.apis {
		s.routes[a.v.HTTPAPIID] = out[i]
	}
	return nil
}

func (r *Reader) getGateway(ctx context.Context, into *wireGateway) error {
	data, err := r.c.Call(ctx, Request{Action: "GetGateway", Method: "GET", Path: "/v1/gateways/" + PathEscape(r.gatewayID)})
	if err != nil {
		return err
	}
	return decode("GetGateway", data, into)
}

// listAPIs lists HTTP APIs, flattening ListHttpApis' grouping by name.
func (r *Reader) listAPIs(ctx context.Context, into *[]raw[wireAPI]) error {
	var groups []raw[wireAPIGroup]
	if err := listAll(ctx, r.c, "ListHttpApis", "/v1/http-apis", map[string]string{"gatewayId": r.gatewayID, "types": "Http"}, &groups); err != nil {
		return err
	}
	for _, grp := range groups {
		for _, a := range grp.v.VersionedHTTPAPIs {
			doc, _ := json.Marshal(a)
			*into = append(*into, raw[wireAPI]{v: a, doc: doc})
		}
	}
	return nil
}

// listPolicies lists every policy with its attachments, then reads each
// one's description with GetPolicy.
func (r *Reader) listPolicies(ctx context.Context, into *[]raw[wirePolicy]) error {
	if err := listPolicyPages(ctx, r.c, map[string]string{"gatewayId": r.gatewayID, "withAttachments": "true"}, into); err != nil {
		return err
	}
	return eachItem(ctx, *into, func(ctx context.Context, p *raw[wirePolicy]) error {
		if isLease(p.v.Name) {
			return nil // left out of the live state
		}
		var d wirePolicyDetail
		doc, err := r.get(ctx, "GetPolicy", policyPath(p.v.PolicyID), &d)
		p.v.Description = d.Description
		p.addDoc(doc)
		return err
	})
}

// listPolicyPages pages through ListPolicies. The SDK's request has no
// page parameters, yet its answer is a page (pageNumber, pageSize,
// totalSize); gwsync asks for pages with the parameters every other APIG
// list takes, and stops, rather than miss policies, when the gateway
// ignores them (see the README's unverified table).
func listPolicyPages(ctx context.Context, c *Client, query map[string]string, into *[]raw[wirePolicy]) error {
	seen := map[string]bool{}
	return listPages(ctx, c, "ListPolicies", "/v1/policies", query, into, func(p raw[wirePolicy]) error {
		if seen[p.v.PolicyID] {
			return fmt.Errorf("ListPolicies answered policy %s twice: the gateway does not page as gwsync asks (pageNumber/pageSize), so the read cannot be trusted to be whole", p.v.PolicyID)
		}
		seen[p.v.PolicyID] = true
		return nil
	})
}

// listDomains lists the gateway's domains, then reads each with GetDomain
// for what its list item lacks.
func (r *Reader) listDomains(ctx context.Context, into *[]raw[wireDomain]) error {
	q := map[string]string{"gatewayId": r.gatewayID, "gatewayType": "API"}
	if err := listAll(ctx, r.c, "ListDomains", "/v1/domains", q, into); err != nil {
		return err
	}
	return eachItem(ctx, *into, func(ctx context.Context, d *raw[wireDomain]) error {
		var detail wireDomainDetail
		doc, err := r.get(ctx, "GetDomain", domainPath(d.v.DomainID), &detail)
		d.v.CACertIdentifier, d.v.HTTP2Option = detail.CACertIdentifier, detail.HTTP2Option
		d.addDoc(doc)
		return err
	})
}

// get calls a Get operation, decodes its answer and returns it.
func (r *Reader) get(ctx context.Context, action, path string, into any) (json.RawMessage, error) {
	data, err := r.c.Call(ctx, Request{Action: action, Method: "GET", Path: path})
	if err != nil {
		return nil, err
	}
	return data, decode(action, data, into)
}

// eachItem runs fn on every item, a few at a time.
func eachItem[T any](ctx context.Context, items []T, fn func(context.Context, *T) error) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(readConcurrency)
	for i := range items {
		g.Go(func() error { return fn(gctx, &items[i]) })
	}
	return g.Wait()
}

// listAll pages through a list operation at page size 100.
func listAll[T any](ctx context.Context, c *Client, action, path string, query map[string]string, into *[]T) error {
	return listPages(ctx, c, action, path, query, into, nil)
}

// listPages pages through a list operation at page size 100 until it has
// as many items as the answers' totalSize, or a page comes back empty. A
// short page does not end the list: a page may be cut short while items
// are added or removed. check, when set, looks at each item.
func listPages[T any](ctx context.Context, c *Client, action, path string, query map[string]string, into *[]T, check func(T) error) error {
	for page := 1; ; page++ {
		q := map[string]string{"pageNumber": strconv.Itoa(page), "pageSize": strconv.Itoa(pageSize)}
		for k, v := range query {
			q[k] = v
		}
		data, err := c.Call(ctx, Request{Action: action, Method: "GET", Path: path, Query: q})
		if err != nil {
			return err
		}
		var p listPage[T]
		if err := decode(action, data, &p); err != nil {
			return err
		}
		for _, it := range p.Items {
			if check != nil {
				if err := check(it); err != nil {
					return err
				}
			}
		}
		*into = append(*into, p.Items...)
		if len(p.Items) == 0 || len(*into) >= p.TotalSize {
			return nil
		}
	}
}

// decoded, when a test sets it, is told of every answer the provider
// decodes and the Go type it decodes it into, so the conformance test can
// hold every key the provider reads to the SDK's response models.
var decoded func(action string, into any)

// decode reads an answer's data into a wire type.
func decode(action string, data json.RawMessage, into any) error {
	if decoded != nil {
		decoded(action, into)
	}
	if err := json.Unmarshal(data, into); err != nil {
		return fmt.Errorf("%s: the answer is not the shape gwsync expects: %v", action, err)
	}
	return nil
}

// fingerprint is a short hash of a live document.
func fingerprint(doc []byte) string {
	sum := sha256.Sum256(doc)
	return hex.EncodeToString(sum[:12])
}
