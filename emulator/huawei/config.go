package huawei

import (
	"log/slog"
	"net/http"
	"time"
)

// Config sets up a Server.
type Config struct {
	// AccessKeys maps each access key (AK) the emulator accepts to its
	// secret key (SK). Every control-plane call must be signed with one.
	AccessKeys map[string]string
	// Environments names environments created with the instance on first
	// use, besides RELEASE, which always exists.
	Environments []string
	// InstanceName and Region describe the instance made on first use.
	InstanceName, Region string
	// InstanceID and ProjectID are the IDs of the instance made on first
	// use ("": new ones), so that a desired state naming a real
	// instance's IDs is served as it is.
	InstanceID, ProjectID string
	// Faults injects latency, errors and throttling.
	Faults Faults
	// Seed makes IDs, request IDs and fault decisions repeatable.
	Seed uint64
	// Store keeps state across restarts; nil keeps it in memory.
	Store Store
	// Logger receives one line per call; nil discards.
	Logger *slog.Logger
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Transport, when set, is what HTTP backends are reached through
	// (default: a clone of http.DefaultTransport without proxy settings).
	Transport http.RoundTripper
}

// Faults are the failures the emulator injects, with the semantics of the
// Alibaba emulator's faults. Decisions come from the seeded generator, so
// a run repeats.
type Faults struct {
	// Latency is added to every control-plane call.
	Latency time.Duration
	// ErrorRate is the fraction of calls answered 500 APIG.9999.
	ErrorRate float64
	// ThrottleRate is the fraction of calls answered 429 APIG.0308.
	ThrottleRate float64
	// QPS limits calls per access key per second (0: no limit); calls over
	// it are answered 429 APIG.0308.
	QPS float64
}

// Store persists resources, one JSON document per resource, grouped by
// kind; emulator.BoltStore implements it. Writes happen one at a time,
// under the server's lock.
type Store interface {
	// Put writes the document of one resource.
	Put(kind, id string, doc []byte) error
	// Delete removes one resource; a missing one is not an error.
	Delete(kind, id string) error
	// Each calls fn for every stored resource of a kind.
	Each(kind string, fn func(id string, doc []byte) error) error
	// Close releases the store.
	Close() error
}

// memoryStore keeps nothing: state lives only in the server.
type memoryStore struct{}

func (memoryStore) Put(string, string, []byte) error              { return nil }
func (memoryStore) Delete(string, string) error                   { return nil }
func (memoryStore) Each(string, func(string, []byte) error) error { return nil }
func (memoryStore) Close() error                                  { return nil }

func withDefaults(cfg Config) Config {
	if cfg.InstanceName == "" {
		cfg.InstanceName = "gwsync-local"
	}
	if cfg.Region == "" {
		cfg.Region = "local"
	}
	if cfg.Store == nil {
		cfg.Store = memoryStore{}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return cfg
}
