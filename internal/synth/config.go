package synth

import (
	"errors"
	"fmt"
)

// Config sizes a synthetic desired state. Zero fields take the defaults
// documented on each field (see withDefaults).
type Config struct {
	// Routes is the number of routes, spread evenly over the HTTP APIs.
	// Zero means no routes.
	Routes int
	// APIs is the number of HTTP APIs; default max(1, Routes/100).
	APIs int
	// Domains is the number of domains; default max(1, Routes/100). Every
	// fourth domain is HTTPS, and every other one carries a domain-level
	// IpAccessControl policy.
	Domains int
	// Services is the number of backend services; default
	// max(1, Routes/50).
	Services int
	// Policies is the number of policies; default 3. They cycle through
	// three kinds: a Timeout, a route-level IpAccessControl whitelist and
	// a domain-level IpAccessControl whitelist.
	Policies int
	// Environments is the number of environments; default 1. The first is
	// named "prod", the others "env1", "env2", ...
	Environments int
	// Seed selects the pseudo-random choices (path types, methods,
	// domains, backends, policies). The same Config always gives the same
	// bytes.
	Seed int64
	// Files is the number of files the routes are written to, besides
	// gateway.cue which holds every other resource; default APIs (one file
	// per HTTP API, named after it). It is capped at max(1, Routes). Other
	// values cut the routes into equal runs, so one API may span several
	// files or one file hold several APIs; CUE unifies them.
	Files int
	// Provider is gateway.provider: "aliyun" or "local" (default). The
	// generated state has APIG's shape; a Huawei one has another.
	Provider string
}

// withDefaults fills the zero fields of c with their defaults.
func (c Config) withDefaults() Config {
	orDefault := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	orDefault(&c.APIs, max(1, c.Routes/100))
	orDefault(&c.Domains, max(1, c.Routes/100))
	orDefault(&c.Services, max(1, c.Routes/50))
	orDefault(&c.Policies, 3)
	orDefault(&c.Environments, 1)
	orDefault(&c.Files, c.APIs)
	c.Files = min(c.Files, max(1, c.Routes))
	if c.Provider == "" {
		c.Provider = "local"
	}
	return c
}

// check reports what is wrong with a Config after defaults.
func (c Config) check() error {
	var errs []error
	for _, f := range []struct {
		name string
		v    int
	}{
		{"routes", c.Routes}, {"apis", c.APIs}, {"domains", c.Domains},
		{"services", c.Services}, {"policies", c.Policies},
		{"environments", c.Environments}, {"files", c.Files},
	} {
		if f.v < 0 {
			errs = append(errs, fmt.Errorf("synth: %s must not be negative (got %d)", f.name, f.v))
		}
	}
	switch c.Provider {
	case "aliyun", "local":
	default:
		errs = append(errs, fmt.Errorf("synth: provider must be aliyun or local (got %q): the generated state has APIG's shape", c.Provider))
	}
	return errors.Join(errs...)
}
