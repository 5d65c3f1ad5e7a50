package callpolicy

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// Endpoint is where a provider sends its calls.
type Endpoint struct {
	// Host is host[:port], as sent in the Host header.
	Host string
	// HTTPS is false only for a loopback endpoint.
	HTTPS bool
}

// ParseEndpoint reads an endpoint override: "host[:port]",
// "https://host[:port]" or, for a loopback address only,
// "http://host[:port]". A bare loopback address is reached over plain
// HTTP, any other over HTTPS: plain HTTP goes only where nothing crosses
// a network. Errors name raw; the caller adds its own prefix.
func ParseEndpoint(raw string) (Endpoint, error) {
	scheme, hostport, hasScheme := strings.Cut(raw, "://")
	if !hasScheme {
		scheme, hostport = "", raw
	}
	u, err := url.Parse("scheme://" + bracketIPv6(hostport))
	if err != nil || u.Host == "" || u.User != nil || strings.Trim(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "" {
		return Endpoint{}, fmt.Errorf("endpoint %q is not host[:port] or http(s)://host[:port]", raw)
	}
	host, loopback := u.Host, IsLoopback(u.Hostname())
	switch strings.ToLower(scheme) {
	case "https":
		return Endpoint{Host: host, HTTPS: true}, nil
	case "http":
		if !loopback {
			return Endpoint{}, fmt.Errorf("endpoint %q: plain http is allowed only for loopback endpoints (127.0.0.0/8, ::1, localhost); use https", raw)
		}
		return Endpoint{Host: host}, nil
	case "":
		return Endpoint{Host: host, HTTPS: !loopback}, nil
	}
	return Endpoint{}, fmt.Errorf("endpoint %q: scheme must be http or https", raw)
}

// bracketIPv6 brackets a bare IPv6 address (::1) so it can go in a URL.
func bracketIPv6(host string) string {
	if strings.Contains(host, ":") && net.ParseIP(host) != nil {
		return "[" + host + "]"
	}
	return host
}

// IsLoopback reports whether host is localhost or a loopback IP.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
