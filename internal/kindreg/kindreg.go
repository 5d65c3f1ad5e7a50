// Package kindreg is the lookup each shared stage keeps of the gateway
// kinds registered with it: a map from gateway.provider values to what
// the stage needs of the kind serving them, and the kinds' hooks in the
// order they were registered. Package gatewaykind fills every stage's
// registry when a kind is registered; a stage only looks up.
package kindreg

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Registry maps gateway.provider values to a stage's hook of type T. The
// zero Registry is empty and ready to use; it is safe for concurrent use.
type Registry[T any] struct {
	mu sync.RWMutex
	m  map[string]T
	// order holds each registration, by the first of its providers (a
	// kind's own name), in registration order.
	order []entry[T]
}

type entry[T any] struct {
	first string
	v     T
}

// Register makes v the hook for each of providers, replacing any earlier
// one. A registration whose first provider was registered before takes
// the earlier one's place in All's order.
func (r *Registry[T]) Register(providers []string, v T) {
	if len(providers) == 0 {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.m == nil {
		r.m = map[string]T{}
	}
	for _, p := range providers {
		r.m[p] = v
	}
	if i := slices.IndexFunc(r.order, func(e entry[T]) bool { return e.first == providers[0] }); i >= 0 {
		r.order[i].v = v
	} else {
		r.order = append(r.order, entry[T]{first: providers[0], v: v})
	}
}

// Lookup returns the hook registered for provider.
func (r *Registry[T]) Lookup(provider string) (T, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	v, ok := r.m[provider]
	return v, ok
}

// Find returns the hook registered for provider, or an error saying that
// no registered kind serves it and which providers are known.
func (r *Registry[T]) Find(provider string) (T, error) {
	if v, ok := r.Lookup(provider); ok {
		return v, nil
	}
	var zero T
	known := r.Providers()
	for i, p := range known {
		known[i] = fmt.Sprintf("%q", p)
	}
	return zero, fmt.Errorf("gateway.provider %q is served by no gateway kind gwsync knows; use one of: %s", provider, strings.Join(known, ", "))
}

// Providers returns the registered provider values, sorted.
func (r *Registry[T]) Providers() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]string, 0, len(r.m))
	for p := range r.m {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// All returns the hooks, one per registration, in registration order.
func (r *Registry[T]) All() []T {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]T, len(r.order))
	for i, e := range r.order {
		out[i] = e.v
	}
	return out
}
