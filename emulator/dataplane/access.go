package dataplane

import (
	"fmt"
	"net/netip"
	"slices"
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

// client is the request's source address as the data plane sees it.
type client struct {
	addr   netip.Addr
	ok     bool   // addr was parsed from RemoteAddr
	remote string // RemoteAddr as given, for messages
}

// clientOf parses r.RemoteAddr ("ip:port", or a bare IP).
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

// denial says which ACL turned a request away.
type denial struct {
	level string // "gateway", "domain api.example.com", "route orders"
	typ   string // White or Black
}

// firstDenial returns the first of acls that denies c, labelled level.
func firstDenial(acls []ACL, c client, level string) *denial {
	for _, a := range acls {
		if !c.allowedBy(a) {
			return &denial{level: level, typ: a.Type}
		}
	}
	return nil
}

// outerDenial checks the gateway's ACLs, then the host's.
func (c *Compiled) outerDenial(cl client, host string) *denial {
	if c == nil {
		return nil
	}
	if d := firstDenial(c.gatewayACL, cl, "gateway"); d != nil {
		return d
	}
	return firstDenial(c.domainACL[host], cl, "domain "+host)
}
