package callpolicy

import (
	"crypto/tls"
	"net"
	"net/http"
	"time"
)

// Timeouts of one HTTP call; the caller's context can cut them short.
const (
	// DialTimeout bounds connecting and the TLS handshake.
	DialTimeout = 10 * time.Second
	// HeaderTimeout bounds the wait for the response headers.
	HeaderTimeout = 30 * time.Second
	// CallTimeout bounds a whole call, reading the answer included.
	CallTimeout = 60 * time.Second
	// IdleConnTimeout is how long an idle connection is kept.
	IdleConnTimeout = 90 * time.Second
)

// NewTransport is the HTTP transport providers call a cloud API through:
// TLS 1.2 or later, the proxy from the environment, and the timeouts
// above (CallTimeout is the caller's to apply).
func NewTransport() *http.Transport {
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: DialTimeout, KeepAlive: 30 * time.Second}).DialContext,
		TLSClientConfig:       &tls.Config{MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:   DialTimeout,
		ResponseHeaderTimeout: HeaderTimeout,
		IdleConnTimeout:       IdleConnTimeout,
		MaxIdleConnsPerHost:   16,
		ForceAttemptHTTP2:     true,
	}
}
