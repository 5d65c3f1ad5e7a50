package emulator

import (
	"errors"
	"net"
	"strings"
)

// ErrNotLoopback is returned by CheckEndpoint for an endpoint that is not
// on this machine.
var ErrNotLoopback = errors.New("not a loopback address")

// CheckEndpoint accepts an endpoint override (HOST:PORT, or with an
// http:// or https:// scheme) only when its host is localhost or a
// loopback IP: the emulator listens there and serves plain HTTP, which
// gwsync sends to no other address.
func CheckEndpoint(endpoint string) error {
	hostport := endpoint
	if _, rest, ok := strings.Cut(endpoint, "://"); ok {
		hostport = rest
	}
	host := strings.TrimSuffix(hostport, "/")
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return ErrNotLoopback
}
