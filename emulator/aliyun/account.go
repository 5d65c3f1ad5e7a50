package aliyun

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/gwsync/gwsync/emulator"
	"github.com/gwsync/gwsync/emulator/dataplane"
	"github.com/gwsync/gwsync/emulator/internal/serving"
)

// Account is several emulated gateways behind one control plane and one
// data plane, as one Alibaba Cloud account holds many gateways at one
// regional endpoint. Domains and policies belong to the account, as in
// APIG (CreateDomain and CreatePolicy name no gateway): every gateway sees
// them. Services, HTTP APIs (CreateHttpApi's belongGatewayId), routes and
// attachments belong to one gateway. Each call goes to the gateway it
// names (a gatewayId or belongGatewayId in the path, query or body) or
// whose resource it names by ID; a call that names neither goes to the
// first gateway, which answers an unknown gateway with
// NotFound.GatewayNotFound. ListGateways lists them all.
type Account struct {
	servers []*Server
	store   emulator.Store
}

// accountShare is what the gateways of one account share: its domains and
// policies, one lock over all their state, and one version of what their
// data planes see.
type accountShare struct {
	mu       sync.Mutex
	version  uint64
	joined   bool
	domains  map[string]*domainRec
	policies map[string]*policyRec
}

// sharedKinds are the store kinds an account keeps once for every gateway.
var sharedKinds = map[string]bool{kindDomain: true, kindPolicy: true}

// join makes s use the share (a nil share leaves s alone). The first
// gateway to join brings the domains and policies it loaded from the
// account's part of the store; the others take those.
func (sh *accountShare) join(s *Server) error {
	if sh == nil {
		return nil
	}
	if !sh.joined {
		sh.domains, sh.policies, sh.joined = s.domains, s.policies, true
	}
	s.mu, s.version = &sh.mu, &sh.version
	s.domains, s.policies = sh.domains, sh.policies
	return nil
}

// NewAccount serves a gateway for each of ids (in that order), made on
// first use with cfg's environments. One store holds them all, each
// gateway's resources under its ID (a single gateway keeps the plain
// layout, so a state file of an earlier single-gateway emulator still
// opens). With no ids it serves one gateway with a generated ID, as New.
func NewAccount(cfg Config, ids []string) (*Account, error) {
	if len(ids) == 0 {
		ids = []string{""}
	}
	if err := checkGatewayIDs(ids); err != nil {
		return nil, err
	}
	a := &Account{store: cfg.Store}
	if a.store == nil {
		a.store = emulator.MemoryStore{}
	}
	if err := checkLayout(a.store, ids); err != nil {
		return nil, err
	}
	share := &accountShare{}
	for i, id := range ids {
		c := cfg
		c.GatewayID, c.Seed, c.Store = id, cfg.Seed+uint64(i), keepOpen{a.store}
		if len(ids) > 1 {
			c.Store, c.share = prefixStore{keepOpen{a.store}, id + "/"}, share
		}
		srv, err := New(c)
		if err != nil {
			return nil, errors.Join(err, a.Close())
		}
		srv.account = a
		a.servers = append(a.servers, srv)
	}
	return a, nil
}

// checkLayout refuses a state file written for one gateway when several
// are served, and the reverse: either way the state would not be found.
func checkLayout(st emulator.Store, ids []string) error {
	single := hasRecords(st, kindGateway)
	switch {
	case len(ids) > 1 && single:
		return errors.New("the state file holds one gateway's state, kept without an account: serve that gateway alone, or use another state file for several")
	case len(ids) == 1 && ids[0] != "" && !single && hasRecords(st, ids[0]+"/"+kindGateway):
		return fmt.Errorf("the state file holds gateway %s as one of several: serve them all together", ids[0])
	}
	return nil
}

// hasRecords reports whether the store holds anything of kind.
func hasRecords(st emulator.Store, kind string) bool {
	found := errors.New("found")
	return errors.Is(st.Each(kind, func(string, []byte) error { return found }), found)
}

// gateways are the gateways whose routes and attachments may use a
// shared domain or policy: the account's, or s alone.
func (s *Server) gateways() []*Server {
	if s.account == nil {
		return []*Server{s}
	}
	return s.account.servers
}

// checkGatewayIDs refuses a repeated or malformed gateway ID.
func checkGatewayIDs(ids []string) error {
	for i, id := range ids {
		if len(ids) > 1 && id == "" {
			return errors.New("every gateway of an account needs an ID")
		}
		if id != "" && (!strings.HasPrefix(id, "gw-") || strings.ContainsAny(id, "/?#% ")) {
			return fmt.Errorf("gateway ID %q: APIG gateway IDs start with gw- and hold no /, ?, #, %% or space", id)
		}
		if slices.Contains(ids[:i], id) {
			return fmt.Errorf("gateway ID %s is given twice", id)
		}
	}
	return nil
}

// Gateways are the account's gateways, in the order given.
func (a *Account) Gateways() []*Server { return slices.Clone(a.servers) }

// Close stops every gateway and closes the store once.
func (a *Account) Close() error {
	var errs []error
	for _, s := range a.servers {
		errs = append(errs, s.Close())
	}
	return errors.Join(append(errs, a.store.Close())...)
}

// Serve runs the control plane on controlAddr and the data plane on
// dataAddr until ctx ends (see Server.Serve).
func (a *Account) Serve(ctx context.Context, controlAddr, dataAddr string, ready func(Addrs)) error {
	return serving.Serve(ctx, controlAddr, dataAddr, a.Handler(), a.DataPlane(), ready)
}

// gatewayItems lists every gateway for ListGateways. Gateway records do
// not change once made, so no lock is needed.
func (a *Account) gatewayItems() []gatewayItem {
	out := make([]gatewayItem, len(a.servers))
	for i, s := range a.servers {
		out[i] = s.gw.item()
	}
	return out
}

// Handler is the control plane: each call goes to its gateway's server.
func (a *Account) Handler() http.Handler {
	handlers := make([]http.Handler, len(a.servers))
	for i, s := range a.servers {
		handlers[i] = s.Handler()
	}
	if len(handlers) == 1 {
		return handlers[0]
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		handlers[a.route(r)].ServeHTTP(w, r)
	})
}

// route picks the server of a call: by the gateway ID it names, else by
// the resource ID in its path, else the first.
func (a *Account) route(r *http.Request) int {
	if id := gatewayOf(r); id != "" {
		if i := slices.IndexFunc(a.servers, func(s *Server) bool { return s.gw.GatewayID == id }); i >= 0 {
			return i
		}
		return 0
	}
	segs := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	for j := len(segs) - 1; j >= 2; j-- {
		if i := slices.IndexFunc(a.servers, func(s *Server) bool { return s.owns(segs[j]) }); i >= 0 {
			return i
		}
	}
	return 0
}

// gatewayOf is the gateway a call names: /v1/gateways/{id}, or gatewayId
// in its query, or gatewayId or belongGatewayId in its JSON body (the body
// is read and put back).
func gatewayOf(r *http.Request) string {
	if rest, ok := strings.CutPrefix(r.URL.Path, "/v1/gateways/"); ok {
		return rest
	}
	if id := r.URL.Query().Get("gatewayId"); id != "" {
		return id
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	r.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return ""
	}
	var b struct {
		GatewayID       string `json:"gatewayId"`
		BelongGatewayID string `json:"belongGatewayId"`
	}
	_ = json.Unmarshal(body, &b)
	return cmpOr(b.GatewayID, b.BelongGatewayID)
}

// owns reports whether the gateway holds a resource with this ID.
func (s *Server) owns(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.services[id] != nil || s.domains[id] != nil || s.apis[id] != nil || s.routes[id] != nil ||
		s.policies[id] != nil || s.attachments[id] != nil {
		return true
	}
	return slices.ContainsFunc(s.gw.Environments, func(e environmentRec) bool { return e.EnvironmentID == id })
}

// DataPlane serves every gateway's traffic: a request goes to the first
// gateway that has a route deployed on its Host.
func (a *Account) DataPlane() http.Handler {
	planes := make([]http.Handler, len(a.servers))
	for i, s := range a.servers {
		planes[i] = s.DataPlane()
	}
	if len(planes) == 1 {
		return planes[0]
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := strings.ToLower(r.Host)
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		i := max(slices.IndexFunc(a.servers, func(s *Server) bool { return s.servesHost(host) }), 0)
		planes[i].ServeHTTP(w, r)
	})
}

// servesHost reports whether a deployed route of the gateway serves host.
func (s *Server) servesHost(host string) bool {
	return slices.ContainsFunc(s.Table().Routes, func(rt dataplane.Route) bool { return slices.Contains(rt.Domains, host) })
}

// keepOpen is a store that one gateway of several shares: closing it
// leaves the store open for the others (the Account closes it).
type keepOpen struct{ emulator.Store }

// Close implements Store, leaving the shared store open.
func (keepOpen) Close() error { return nil }

// prefixStore keeps one gateway's resources apart in a shared store.
type prefixStore struct {
	emulator.Store
	prefix string
}

// kind is where a kind of the gateway is kept: under the gateway's
// prefix, or the account's for the kinds an account shares.
func (p prefixStore) kind(kind string) string {
	if sharedKinds[kind] {
		return "account/" + kind
	}
	return p.prefix + kind
}

// Put implements Store.
func (p prefixStore) Put(kind, id string, doc []byte) error {
	return p.Store.Put(p.kind(kind), id, doc)
}

// Delete implements Store.
func (p prefixStore) Delete(kind, id string) error { return p.Store.Delete(p.kind(kind), id) }

// Each implements Store.
func (p prefixStore) Each(kind string, fn func(string, []byte) error) error {
	return p.Store.Each(p.kind(kind), fn)
}
