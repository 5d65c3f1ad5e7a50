package dataplane

import (
	"net"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
)

// maxWeight caps a backend's weight so that sums cannot overflow.
const maxWeight = 1 << 30

// backendState is a compiled backend: its target URLs and the round-robin
// cursor over them. It must not be copied once in use.
type backendState struct {
	*Backend
	targets []*url.URL
	next    atomic.Uint64
}

// compileBackends prepares bs and sums their positive weights.
func compileBackends(bs []Backend) ([]backendState, int) {
	out := make([]backendState, len(bs))
	total := 0
	for i := range bs {
		out[i].Backend = &bs[i]
		out[i].targets = targetURLs(&bs[i])
		total += weightOf(&bs[i])
	}
	return out, total
}

func weightOf(b *Backend) int {
	return min(max(b.Weight, 0), maxWeight)
}

// targetURLs makes the base URL of each of b's non-empty addresses.
func targetURLs(b *Backend) []*url.URL {
	var out []*url.URL
	for _, a := range b.Addresses {
		if a != "" {
			out = append(out, targetURL(b, a))
		}
	}
	return out
}

// targetURL is scheme://host:port for one address, b.Port overriding the
// address's own port when non-zero.
func targetURL(b *Backend, addr string) *url.URL {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		host, port = strings.Trim(addr, "[]"), ""
	}
	if b.Port != 0 {
		port = strconv.Itoa(b.Port)
	}
	scheme := "http"
	if strings.EqualFold(b.Protocol, "HTTPS") {
		scheme = "https"
	}
	return &url.URL{Scheme: scheme, Host: joinHostPort(host, port)}
}

func joinHostPort(host, port string) string {
	if port != "" {
		return net.JoinHostPort(host, port)
	}
	if strings.Contains(host, ":") {
		return "[" + host + "]"
	}
	return host
}

// pick returns the backend's next target round-robin, or nil when it has
// no addresses.
func (b *backendState) pick() *url.URL {
	if len(b.targets) == 0 {
		return nil
	}
	n := b.next.Add(1) - 1
	return b.targets[n%uint64(len(b.targets))]
}
