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
// API, and policies with their attachments. It does not GET resources one
// by one.
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
	g.Go(func() error {
		return listAll(gctx, r.c, "ListDomains", "/v1/domains", map[string]string{"gatewayId": r.gatewayID, "gatewayType": "API"}, &s.domains)
	})
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

// listPolicies lists every policy with its attachments (one call: the
// operation takes no page parameters).
func (r *Reader) listPolicies(ctx context.Context, into *[]raw[wirePolicy]) error {
	data, err := r.c.Call(ctx, Request{Action: "ListPolicies", Method: "GET", Path: "/v1/policies",
		Query: map[string]string{"gatewayId": r.gatewayID, "withAttachments": "true"}})
	if err != nil {
		return err
	}
	var p listPage[raw[wirePolicy]]
	if err := decode("ListPolicies", data, &p); err != nil {
		return err
	}
	*into = p.Items
	return nil
}

// listAll pages through a list operation at page size 100 until it has
// every item the first page announced.
func listAll[T any](ctx context.Context, c *Client, action, path string, query map[string]string, into *[]T) error {
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
		*into = append(*into, p.Items...)
		if len(p.Items) < pageSize || len(*into) >= p.TotalSize {
			return nil
		}
	}
}

func decode(action string, data json.RawMessage, into any) error {
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
