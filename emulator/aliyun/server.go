package aliyun

import (
	"cmp"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gwsync/gwsync/emulator"
	"github.com/gwsync/gwsync/emulator/aliyun/acs3"
	"github.com/gwsync/gwsync/emulator/dataplane"
	"github.com/gwsync/gwsync/emulator/internal/records"
	"github.com/gwsync/gwsync/emulator/internal/serving"
)

// Config sets up a Server.
type Config struct {
	// AccessKeys maps each AccessKeyId the emulator accepts to its secret.
	// Every control-plane call must be signed with one of them.
	AccessKeys map[string]string
	// Environments names the gateway's environments, created with it on
	// first use (default: prod).
	Environments []string
	// GatewayID is the ID of the gateway created on first use (default: a
	// new gw- ID); a store holding another gateway is refused.
	GatewayID string
	// GatewayName and Region describe the gateway created on first use.
	GatewayName, Region string
	// DeployDelay is how long a route stays Deploying or Undeploying.
	DeployDelay time.Duration
	// Faults injects latency, errors, throttling and failed deploys.
	Faults Faults
	// Seed makes IDs, request IDs and fault decisions repeatable.
	Seed uint64
	// Store keeps state across restarts; nil keeps it in memory.
	Store emulator.Store
	// Logger receives one line per call; nil discards.
	Logger *slog.Logger
	// Now is the clock (default time.Now).
	Now func() time.Time

	// share, set by NewAccount, holds what the gateways of one account
	// share; nil for a gateway on its own.
	share *accountShare
}

// Faults are the failures the emulator injects, for testing how a client
// copes. Decisions come from the seeded generator, so a run repeats.
type Faults struct {
	// Latency is added to every control-plane call.
	Latency time.Duration
	// ErrorRate is the fraction of calls answered 503 ServiceUnavailable.
	ErrorRate float64
	// ThrottleRate is the fraction of calls answered Throttling.User.
	ThrottleRate float64
	// QPS limits calls per access key per second (0: no limit); calls
	// over it are answered Throttling.User.
	QPS float64
	// FailDeploys names routes whose next deploy ends DeployFailed.
	FailDeploys []string
}

// Server is the emulated gateway: its control-plane state and the routing
// table its data plane serves. It is safe for concurrent use.
type Server struct {
	cfg      Config
	log      *slog.Logger
	store    emulator.Store
	verifier *acs3.Verifier

	mu          *sync.Mutex // guards everything below (an account's gateways share it)
	rng         *rand.Rand
	gw          *gatewayRec
	services    map[string]*serviceRec
	domains     map[string]*domainRec
	apis        map[string]*apiRec
	routes      map[string]*routeRec
	policies    map[string]*policyRec
	attachments map[string]*attachmentRec
	tokens      map[string][]string // CreateService clientToken -> serviceIds
	failNext    map[string]bool     // route names whose next deploy fails
	timers      map[string]*time.Timer
	limits      *serving.Limiters
	account     *Account // the account the gateway is part of, if any
	version     *uint64  // bumped by every change a data plane can see (shared in an account)
	lastMS      int64    // the last timestamp nowMS gave
	closed      bool

	table atomic.Pointer[builtTable]
}

// builtTable is a routing table and the state version it was built from.
type builtTable struct {
	version uint64
	table   *dataplane.Table
}

// New starts an emulated gateway from cfg, loading any state its store holds
// and creating the gateway and its environments on first use.
func New(cfg Config) (*Server, error) {
	cfg = withDefaults(cfg)
	s := &Server{
		cfg: cfg, log: cfg.Logger, store: cfg.Store, mu: &sync.Mutex{}, version: new(uint64),
		verifier:    &acs3.Verifier{Keys: cfg.AccessKeys, Now: cfg.Now},
		rng:         rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15)),
		services:    map[string]*serviceRec{},
		domains:     map[string]*domainRec{},
		apis:        map[string]*apiRec{},
		routes:      map[string]*routeRec{},
		policies:    map[string]*policyRec{},
		attachments: map[string]*attachmentRec{},
		tokens:      map[string][]string{},
		failNext:    map[string]bool{},
		timers:      map[string]*time.Timer{},
		limits:      serving.NewLimiters(cfg.Faults.QPS),
	}
	for _, name := range cfg.Faults.FailDeploys {
		s.failNext[name] = true
	}
	if err := s.load(); err != nil {
		return nil, err
	}
	if err := cfg.share.join(s); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.gw == nil {
		if err := s.createGateway(); err != nil {
			return nil, err
		}
	}
	if cfg.GatewayID != "" && s.gw.GatewayID != cfg.GatewayID {
		return nil, fmt.Errorf("the state holds gateway %s, not %s: serve it with that gateway ID, or use another state file", s.gw.GatewayID, cfg.GatewayID)
	}
	s.resumeTransitions()
	return s, nil
}

func withDefaults(cfg Config) Config {
	if len(cfg.Environments) == 0 {
		cfg.Environments = []string{"prod"}
	}
	if cfg.GatewayName == "" {
		cfg.GatewayName = "gwsync-local"
	}
	if cfg.Region == "" {
		cfg.Region = "local"
	}
	if cfg.Store == nil {
		cfg.Store = emulator.MemoryStore{}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return cfg
}

// GatewayID is the ID of the emulated gateway.
func (s *Server) GatewayID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gw.GatewayID
}

// EnvironmentID returns the ID of the environment called name.
func (s *Server) EnvironmentID(name string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.gw.Environments {
		if e.Name == name {
			return e.EnvironmentID, true
		}
	}
	return "", false
}

// Environment is one of the gateway's environments.
type Environment struct{ Name, ID string }

// Environments lists the gateway's environments, in the order they were
// made.
func (s *Server) Environments() []Environment {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Environment, len(s.gw.Environments))
	for i, e := range s.gw.Environments {
		out[i] = Environment{Name: e.Name, ID: e.EnvironmentID}
	}
	return out
}

// FailNextDeploy makes the next deploy of the route called name end
// DeployFailed.
func (s *Server) FailNextDeploy(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext[name] = true
}

// Close stops pending deploy transitions and closes the store. State on
// disk keeps routes that were mid-deploy; they settle on the next start.
func (s *Server) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	for id, t := range s.timers {
		t.Stop()
		delete(s.timers, id)
	}
	return s.store.Close()
}

// createGateway makes the gateway and its environments (with s.mu held).
func (s *Server) createGateway() error {
	now := s.nowMS()
	gw := &gatewayRec{
		GatewayID: cmpOr(s.cfg.GatewayID, s.newID("gw-", nil)), Name: s.cfg.GatewayName, GatewayType: "API",
		GatewayEdition: "Professional", Status: "Running", Version: "2.1.0",
		Spec: "apigw.small.x1", ChargeType: "POSTPAY", CreateTimestamp: now, UpdateTimestamp: now,
	}
	for i, name := range s.cfg.Environments {
		gw.Environments = append(gw.Environments, environmentRec{
			EnvironmentID: s.newID("env-", nil), Name: name, Alias: name,
			Default: i == 0, CreateTimestamp: now, UpdateTimestamp: now,
		})
	}
	if err := s.put(kindGateway, gw.GatewayID, gw); err != nil {
		return err
	}
	s.gw = gw
	return nil
}

// nowMS is the time in epoch milliseconds, strictly increasing from call
// to call (with s.mu held), so that resources created in the same
// millisecond still list in the order they were created.
func (s *Server) nowMS() int64 {
	s.lastMS = max(s.cfg.Now().UnixMilli(), s.lastMS+1)
	return s.lastMS
}

// idAlphabet is the xid alphabet live IDs are written in.
const idAlphabet = "0123456789abcdefghijklmnopqrstuv"

// newID makes a fresh ID with prefix, drawn from the seeded generator and
// redrawn while taken reports it in use (with s.mu held).
func (s *Server) newID(prefix string, taken func(string) bool) string {
	for {
		var b strings.Builder
		b.WriteString(prefix)
		for range 20 {
			b.WriteByte(idAlphabet[s.rng.IntN(len(idAlphabet))])
		}
		if id := b.String(); taken == nil || !taken(id) {
			return id
		}
	}
}

// requestID makes a UUID-shaped request ID.
func (s *Server) requestID() string {
	s.mu.Lock()
	a, b := s.rng.Uint64(), s.rng.Uint64()
	s.mu.Unlock()
	return fmt.Sprintf("%08X-%04X-%04X-%04X-%012X", a>>32, a>>16&0xffff, a&0xffff, b>>48, b&0xffffffffffff)
}

// put writes one resource through to the store (with s.mu held) and marks
// the routing table stale.
func (s *Server) put(kind, id string, v any) error {
	doc, err := json.Marshal(v)
	if err != nil {
		return err
	}
	*s.version++
	return s.store.Put(kind, id, doc)
}

// remove deletes one resource from the store (with s.mu held).
func (s *Server) remove(kind, id string) error {
	*s.version++
	return s.store.Delete(kind, id)
}

// load reads every stored resource into memory.
func (s *Server) load() error {
	var gws map[string]*gatewayRec
	steps := []error{
		records.Load(s.store, kindGateway, &gws),
		records.Load(s.store, kindService, &s.services),
		records.Load(s.store, kindDomain, &s.domains),
		records.Load(s.store, kindAPI, &s.apis),
		records.Load(s.store, kindRoute, &s.routes),
		records.Load(s.store, kindPolicy, &s.policies),
		records.Load(s.store, kindAttachment, &s.attachments),
	}
	for _, err := range steps {
		if err != nil {
			return err
		}
	}
	for _, gw := range gws {
		s.gw = gw
	}
	return nil
}

// sorted lists a collection oldest first, ties broken by key, as list
// calls return them.
func sorted[T any](m map[string]*T, created func(*T) int64) []*T {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(created(m[a]), created(m[b])), strings.Compare(a, b))
	})
	out := make([]*T, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}
