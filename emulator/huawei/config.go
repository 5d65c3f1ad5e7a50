package huawei

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/gwsync/gwsync/emulator"
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
	Store emulator.Store
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

func withDefaults(cfg Config) Config {
	if cfg.InstanceName == "" {
		cfg.InstanceName = "gwsync-local"
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
