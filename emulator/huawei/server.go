package huawei

import (
	"cmp"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gwsync/gwsync/emulator"
	"github.com/gwsync/gwsync/emulator/huawei/sdkhmac"
	"github.com/gwsync/gwsync/emulator/internal/records"
	"github.com/gwsync/gwsync/emulator/internal/serving"
	"github.com/gwsync/gwsync/emulator/internal/window"
)

// Server is the emulated APIG instance: its control-plane state and the
// published APIs its data plane serves. It is safe for concurrent use.
type Server struct {
	cfg      Config
	log      *slog.Logger
	store    emulator.Store
	verifier *sdkhmac.Verifier
	limits   *serving.Limiters
	windows  *window.Counter // the data plane's throttling windows

	mu        sync.Mutex // guards everything below
	rng       *rand.Rand
	inst      *instanceRec
	envs      map[string]*envRec
	vars      map[string]*variableRec
	groups    map[string]*groupRec
	apis      map[string]*apiRec
	pubs      map[string]*publicationRec
	throttles map[string]*throttleRec
	thrBinds  map[string]*bindingRec
	acls      map[string]*aclRec
	aclBinds  map[string]*bindingRec
	plugins   map[string]*pluginRec
	plugBinds map[string]*pluginAttachRec
	last      time.Time // the last time stamp now gave
}

// New starts an emulated instance from cfg, loading any state its store
// holds and creating the instance and its environments on first use.
func New(cfg Config) (*Server, error) {
	cfg = withDefaults(cfg)
	s := &Server{
		cfg: cfg, log: cfg.Logger, store: cfg.Store,
		verifier: &sdkhmac.Verifier{Keys: cfg.AccessKeys, Now: cfg.Now},
		limits:   serving.NewLimiters(cfg.Faults.QPS),
		windows:  window.New(cfg.Now),
		rng:      rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15)),
	}
	if err := s.load(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inst == nil {
		if err := s.createInstance(); err != nil {
			return nil, err
		}
	}
	if err := s.checkIDs(); err != nil {
		return nil, err
	}
	return s, nil
}

// InstanceID is the ID of the emulated instance.
func (s *Server) InstanceID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inst.ID
}

// ProjectID is the project the instance belongs to: the {project_id} of
// every path.
func (s *Server) ProjectID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inst.ProjectID
}

// EnvironmentID returns the ID of the environment called name.
func (s *Server) EnvironmentID(name string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.envByName(name)
	if e == nil {
		return "", false
	}
	return e.ID, true
}

// Close closes the store.
func (s *Server) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.store.Close()
}

// checkIDs refuses a configured instance or project ID that the loaded
// instance does not have.
func (s *Server) checkIDs() error {
	if id := s.cfg.InstanceID; id != "" && id != s.inst.ID {
		return fmt.Errorf("the state holds instance %s, not %s: give that instance ID, or another state file", s.inst.ID, id)
	}
	if id := s.cfg.ProjectID; id != "" && id != s.inst.ProjectID {
		return fmt.Errorf("the state holds instance %s of project %s, not %s: give that project ID, or another state file", s.inst.ID, s.inst.ProjectID, id)
	}
	return nil
}

// createInstance makes the instance, RELEASE and the configured
// environments (with s.mu held).
func (s *Server) createInstance() error {
	inst := &instanceRec{
		ID: cmp.Or(s.cfg.InstanceID, s.newID()), ProjectID: cmp.Or(s.cfg.ProjectID, s.newID()), Name: s.cfg.InstanceName, Status: "Running",
		Version: "2.0", Spec: "BASIC", IngressIP: "127.0.0.1", VpcID: s.newID(), CreateTime: s.cfg.Now().UnixMilli(),
	}
	if err := s.put(kindInstance, inst.ID, inst); err != nil {
		return err
	}
	s.inst = inst
	names := append([]string{ReleaseEnvName}, s.cfg.Environments...)
	for _, name := range names {
		if name == "" || s.envByName(name) != nil {
			continue
		}
		e := &envRec{ID: s.newID(), Name: name, CreateTime: s.now()}
		if name == ReleaseEnvName {
			e.ID, e.Remark = ReleaseEnvID, "the default environment"
		}
		if err := s.put(kindEnv, e.ID, e); err != nil {
			return err
		}
		s.envs[e.ID] = e
	}
	return nil
}

// timeLayout writes times as Huawei does, with a fixed nine-digit fraction
// so that they sort as strings.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

// now is the time as the API writes it, strictly increasing from call to
// call (with s.mu held), so that lists keep creation order.
func (s *Server) now() string {
	t := s.cfg.Now().UTC()
	if !t.After(s.last) {
		t = s.last.Add(time.Nanosecond)
	}
	s.last = t
	return t.Format(timeLayout)
}

// newID makes a 32-hex-digit ID, as Huawei's, from the seeded generator
// (with s.mu held).
func (s *Server) newID() string {
	return fmt.Sprintf("%016x%016x", s.rng.Uint64(), s.rng.Uint64())
}

// requestID makes a request ID for X-Request-Id.
func (s *Server) requestID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.newID()
}

// put writes one resource through to the store (with s.mu held).
func (s *Server) put(kind, id string, v any) error {
	doc, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return s.store.Put(kind, id, doc)
}

// remove deletes one resource from the store (with s.mu held).
func (s *Server) remove(kind, id string) error {
	return s.store.Delete(kind, id)
}

// load reads every stored resource into memory.
func (s *Server) load() error {
	var insts map[string]*instanceRec
	for _, err := range []error{
		records.Load(s.store, kindInstance, &insts),
		records.Load(s.store, kindEnv, &s.envs),
		records.Load(s.store, kindVariable, &s.vars),
		records.Load(s.store, kindGroup, &s.groups),
		records.Load(s.store, kindAPI, &s.apis),
		records.Load(s.store, kindPublication, &s.pubs),
		records.Load(s.store, kindThrottle, &s.throttles),
		records.Load(s.store, kindThrottleBnd, &s.thrBinds),
		records.Load(s.store, kindACL, &s.acls),
		records.Load(s.store, kindACLBnd, &s.aclBinds),
		records.Load(s.store, kindPlugin, &s.plugins),
		records.Load(s.store, kindPluginBnd, &s.plugBinds),
	} {
		if err != nil {
			return err
		}
	}
	for _, inst := range insts {
		s.inst = inst
	}
	s.upgradeCertificates()
	return nil
}

// upgradeCertificates rewrites the ssl_infos of domains stored by an
// emulator that wrote them in another shape (cert_id, cert_name), so that
// they read as SslInfo.
func (s *Server) upgradeCertificates() {
	for _, g := range s.groups {
		for _, d := range g.URLDomains {
			if d.SslID != "" && (len(d.SslInfos) == 0 || d.SslInfos[0].SslID == "") {
				d.SslInfos = []certRec{{SslID: d.SslID, SslName: d.SslName, Type: certInstance}}
			}
		}
	}
}

// sorted lists a collection oldest first (by the time created returns),
// ties broken by key.
func sorted[T any](m map[string]*T, created func(*T) string) []*T {
	out := make([]*T, 0, len(m))
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(strings.Compare(created(m[a]), created(m[b])), strings.Compare(a, b))
	})
	for _, k := range keys {
		out = append(out, m[k])
	}
	return out
}

// envByName finds an environment by name (with s.mu held).
func (s *Server) envByName(name string) *envRec {
	for _, e := range s.envs {
		if e.Name == name {
			return e
		}
	}
	return nil
}
