package huawei

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"

	"golang.org/x/sync/errgroup"
)

// pageSize is the largest page APIG list calls give.
const pageSize = 500

// readConcurrency bounds the calls a read has in flight.
const readConcurrency = 8

// item is one listed resource: its decoded form and its JSON, for
// fingerprints.
type item[T any] struct {
	v   T
	doc json.RawMessage
}

// snapshot is everything one read fetched, before it is resolved.
type snapshot struct {
	instance  wireInstance
	envs      []item[wireEnv]
	groups    []item[wireGroup]
	variables []item[wireVariable]
	apis      []item[wireAPI] // detail of each API
	throttles []item[wireThrottle]
	acls      []item[wireACL]
	plugins   []item[wirePlugin]
	// The bindings of each throttle, ACL and plugin, by index.
	throttleBinds, aclBinds, pluginBinds [][]wireBinding
	// redirects holds, by domain ID, whether each bound domain with a
	// certificate redirects HTTP to HTTPS (ListAttachedDomainsV2).
	redirects map[string]bool
	// notes are what the read could not read, for Live.Notes.
	notes []string
}

// params is the path parameters of an instance-scoped call: the
// instance and kv's pairs.
func (g *Gateway) params(kv ...string) map[string]string {
	p := map[string]string{"instance_id": g.instanceID}
	for i := 0; i+1 < len(kv); i += 2 {
		p[kv[i]] = kv[i+1]
	}
	return p
}

// fetch reads everything: the instance, then the lists, then the
// detail of each API and the bindings of each policy, a few at a time.
func (g *Gateway) fetch(ctx context.Context) (*snapshot, error) {
	s := &snapshot{}
	// The instance first: a wrong instance ID is then reported as such.
	if err := g.showInstance(ctx, &s.instance); err != nil {
		return nil, err
	}
	eg, gctx := errgroup.WithContext(ctx)
	eg.SetLimit(readConcurrency)
	eg.Go(func() error { return listAll(gctx, g, "ListEnvironmentsV2", "/envs", nil, "envs", &s.envs) })
	eg.Go(func() error { return listAll(gctx, g, "ListApiGroupsV2", "/api-groups", nil, "groups", &s.groups) })
	var briefs []item[wireAPIBrief]
	eg.Go(func() error { return listAll(gctx, g, "ListApisV2", "/apis", nil, "apis", &briefs) })
	eg.Go(func() error {
		return listAll(gctx, g, "ListRequestThrottlingPolicyV2", "/throttles", nil, "throttles", &s.throttles)
	})
	eg.Go(func() error { return listAll(gctx, g, "ListAclStrategiesV2", "/acls", nil, "acls", &s.acls) })
	eg.Go(func() error { return listAll(gctx, g, "ListPlugins", "/plugins", nil, "plugins", &s.plugins) })
	if err := eg.Wait(); err != nil {
		return nil, err
	}
	return s, g.fetchDetails(ctx, s, briefs)
}

// fetchDetails shows each API (the list leaves out backend_params,
// func_info, mock_info and the policy backends), lists each group's
// environment variables and each policy's bindings, and reads whether
// each domain with a certificate redirects HTTP to HTTPS.
func (g *Gateway) fetchDetails(ctx context.Context, s *snapshot, briefs []item[wireAPIBrief]) error {
	eg, gctx := errgroup.WithContext(ctx)
	eg.SetLimit(readConcurrency)
	s.apis = make([]item[wireAPI], len(briefs))
	for i, b := range briefs {
		eg.Go(func() error { return g.showAPI(gctx, b.v.ID, &s.apis[i]) })
	}
	vars := make([][]item[wireVariable], len(s.groups))
	for i, grp := range s.groups {
		// group_id is required by ListEnvironmentVariablesV2.
		eg.Go(func() error {
			return listAll(gctx, g, "ListEnvironmentVariablesV2", "/env-variables",
				map[string]string{"group_id": grp.v.ID}, "variables", &vars[i])
		})
	}
	s.throttleBinds = make([][]wireBinding, len(s.throttles))
	for i, t := range s.throttles {
		eg.Go(func() error {
			return listBound[wireThrottleBound](gctx, g, "ListApisBindedToRequestThrottlingPolicyV2", "/throttle-bindings/binded-apis",
				g.params(), map[string]string{"throttle_id": t.v.ID}, &s.throttleBinds[i])
		})
	}
	s.aclBinds = make([][]wireBinding, len(s.acls))
	for i, a := range s.acls {
		eg.Go(func() error {
			return listBound[wireACLBound](gctx, g, "ListApisBindedToAclPolicyV2", "/acl-bindings/binded-apis",
				g.params(), map[string]string{"acl_id": a.v.ID}, &s.aclBinds[i])
		})
	}
	s.pluginBinds = make([][]wireBinding, len(s.plugins))
	for i, p := range s.plugins {
		eg.Go(func() error {
			return listBound[wirePluginBound](gctx, g, "ListPluginAttachedApis", "/plugins/{plugin_id}/attached-apis",
				g.params("plugin_id", p.v.ID), nil, &s.pluginBinds[i])
		})
	}
	redirects := g.readRedirects(gctx, eg, s.groups)
	if err := eg.Wait(); err != nil {
		return err
	}
	for _, v := range vars {
		s.variables = append(s.variables, v...)
	}
	s.redirects, s.notes = redirects.collect()
	return nil
}

// listBound lists a policy's bindings.
func listBound[T bound](ctx context.Context, g *Gateway, op, path string, params, query map[string]string, into *[]wireBinding) error {
	var items []item[T]
	if err := listAllAt(ctx, g, op, path, params, query, "apis", &items); err != nil {
		return err
	}
	for _, it := range items {
		*into = append(*into, it.v.binding())
	}
	return nil
}

func (g *Gateway) showInstance(ctx context.Context, into *wireInstance) error {
	data, err := g.c.Call(ctx, Request{Op: "ShowDetailsOfInstanceV2", Method: "GET", Path: "", Params: g.params()})
	if IsNotFound(err) {
		return fmt.Errorf("instance %s is not in project %s: %w; check gateway.id (the instance ID) and the project ID", g.instanceID, g.c.projectID, err)
	}
	if err != nil {
		return fmt.Errorf("reading instance %s: %w", g.instanceID, err)
	}
	return decode("ShowDetailsOfInstanceV2", data, into)
}

func (g *Gateway) showAPI(ctx context.Context, id string, into *item[wireAPI]) error {
	data, err := g.c.Call(ctx, Request{Op: "ShowDetailsOfApiV2", Method: "GET", Path: "/apis/{api_id}", Params: g.params("api_id", id)})
	if err != nil {
		return fmt.Errorf("reading API %s: %w", id, err)
	}
	into.doc = data
	return decode("ShowDetailsOfApiV2", data, &into.v)
}

// listAll pages through a list operation 500 at a time until it has the
// total the answers announce or a page comes back empty (a short page is
// not the end: a server may cap pages below the limit asked for).
func listAll[T any](ctx context.Context, g *Gateway, op, path string, query map[string]string, key string, into *[]item[T]) error {
	return listAllAt(ctx, g, op, path, g.params(), query, key, into)
}

// listAllAt is listAll with path parameters.
func listAllAt[T any](ctx context.Context, g *Gateway, op, path string, params, query map[string]string, key string, into *[]item[T]) error {
	for offset := 0; ; {
		q := map[string]string{"offset": strconv.Itoa(offset), "limit": strconv.Itoa(pageSize)}
		for k, v := range query {
			q[k] = v
		}
		data, err := g.c.Call(ctx, Request{Op: op, Method: "GET", Path: path, Params: params, Query: q})
		if err != nil {
			return fmt.Errorf("listing (%s): %w", op, err)
		}
		total, raws, err := decodePage(op, data, key)
		if err != nil {
			return err
		}
		for _, r := range raws {
			var v T
			if err := decode(op, r, &v); err != nil {
				return err
			}
			*into = append(*into, item[T]{v: v, doc: r})
		}
		offset += len(raws)
		if len(raws) == 0 || offset >= total {
			return nil
		}
	}
}

// decodePage reads one page of a list: the total it announces and the
// items under key.
func decodePage(op string, data []byte, key string) (int, []json.RawMessage, error) {
	var p map[string]json.RawMessage
	if err := decode(op, data, &p); err != nil {
		return 0, nil, err
	}
	if p["total"] == nil {
		return 0, nil, fmt.Errorf("%s: the answer has no total, so gwsync cannot tell whether it has every page: %.200s", op, data)
	}
	var total int
	var raws []json.RawMessage
	if err := decode(op, p["total"], &total); err != nil {
		return 0, nil, err
	}
	if err := decode(op, p[key], &raws); err != nil {
		return 0, nil, err
	}
	return total, raws, nil
}

func decode(op string, data json.RawMessage, into any) error {
	if len(data) == 0 {
		return nil
	}
	if err := json.Unmarshal(data, into); err != nil {
		return fmt.Errorf("%s: the answer is not the shape gwsync expects: %v", op, err)
	}
	return nil
}

// fingerprint is a short hash of a live document.
func fingerprint(doc []byte) string {
	sum := sha256.Sum256(doc)
	return hex.EncodeToString(sum[:12])
}
