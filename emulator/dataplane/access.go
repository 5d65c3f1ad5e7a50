package dataplane

import (
	"fmt"
	"net/http"
	"net/netip"
	"slices"
	"strings"
)

// Allows reports whether a lets addr pass: a White ACL passes only the
// addresses in one of its CIDRs, a Black ACL all but those; an ACL of any
// other type passes everything. IPv4-mapped IPv6 addresses are compared as
// IPv4, and zones are ignored.
func (a ACL) Allows(addr netip.Addr) bool {
	addr = addr.Unmap().WithZone("")
	in := slices.ContainsFunc(a.CIDRs, func(p netip.Prefix) bool { return p.Contains(addr) })
	switch a.Type {
	case White:
		return in
	case Black:
		return !in
	}
	return true
}

// client is one source address of a request, as the data plane sees it.
type client struct {
	addr   netip.Addr
	ok     bool   // addr was parsed
	remote string // the address as given, for messages
}

// clientOf parses an address ("ip:port", "[ipv6]:port", or a bare IP).
func clientOf(remote string) client {
	if ap, err := netip.ParseAddrPort(remote); err == nil {
		return client{addr: ap.Addr(), ok: true, remote: remote}
	}
	a, err := netip.ParseAddr(remote)
	return client{addr: a, ok: err == nil, remote: remote}
}

func (c client) String() string {
	if c.ok {
		return c.addr.Unmap().String()
	}
	return fmt.Sprintf("unparseable address %q", c.remote)
}

// allowedBy reports whether a lets c pass; an address that cannot be
// parsed fails every White or Black ACL.
func (c client) allowedBy(a ACL) bool {
	if !c.ok {
		return a.Type != White && a.Type != Black
	}
	return a.Allows(c.addr)
}

// sources are the client addresses a request carries: the peer's
// (r.RemoteAddr, layer 4) and the one HTTP reports (the first
// X-Forwarded-For address, layer 7), when it reports one.
type sources struct {
	peer, forwarded client
	hasForwarded    bool
}

// sourcesOf reads a request's source addresses.
func sourcesOf(r *http.Request) sources {
	s := sources{peer: clientOf(r.RemoteAddr)}
	if first, ok := firstForwarded(r.Header); ok {
		s.forwarded, s.hasForwarded = clientOf(first), true
	}
	return s
}

// firstForwarded returns the first address of X-Forwarded-For (the
// original client's, as proxies append theirs), if one is sent.
func firstForwarded(h http.Header) (string, bool) {
	for _, line := range h.Values("X-Forwarded-For") {
		first, _, _ := strings.Cut(line, ",")
		if first = strings.TrimSpace(first); first != "" {
			return first, true
		}
	}
	return "", false
}

// judged is the address an ACL judges: for protocolLayer L7 the one HTTP
// reports, else (or when HTTP reports none) the peer's.
func (s sources) judged(a ACL) client {
	if a.Layer == L7 && s.hasForwarded {
		return s.forwarded
	}
	return s.peer
}

// denial says which ACL turned a request away, and which address it
// judged.
type denial struct {
	level  string // "gateway", "domain api.example.com", "route orders"
	typ    string // White or Black
	client client
}

// firstDenial returns the first of acls that denies s, labelled level.
func firstDenial(acls []ACL, s sources, level string) *denial {
	for _, a := range acls {
		if c := s.judged(a); !c.allowedBy(a) {
			return &denial{level: level, typ: a.Type, client: c}
		}
	}
	return nil
}

// outerDenial checks the gateway's ACLs, then the host's.
func (c *Compiled) outerDenial(s sources, host string) *denial {
	if c == nil {
		return nil
	}
	if d := firstDenial(c.gatewayACL, s, "gateway"); d != nil {
		return d
	}
	return firstDenial(c.domainACL[host], s, "domain "+host)
}
