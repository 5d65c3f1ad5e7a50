package callpolicy

import (
	"strings"
	"testing"
)

func TestParseEndpoint(t *testing.T) {
	tests := []struct {
		raw     string
		want    Endpoint
		wantErr string
	}{
		{raw: "127.0.0.1:9000", want: Endpoint{Host: "127.0.0.1:9000"}},
		{raw: "localhost", want: Endpoint{Host: "localhost"}},
		{raw: "::1", want: Endpoint{Host: "[::1]"}},
		{raw: "http://[::1]:80/", want: Endpoint{Host: "[::1]:80"}},
		{raw: "HTTP://127.1.2.3", want: Endpoint{Host: "127.1.2.3"}},
		{raw: "https://localhost:8443", want: Endpoint{Host: "localhost:8443", HTTPS: true}},
		{raw: "apig.example.com", want: Endpoint{Host: "apig.example.com", HTTPS: true}},
		{raw: "https://apig.example.com:443", want: Endpoint{Host: "apig.example.com:443", HTTPS: true}},
		{raw: "http://apig.example.com", wantErr: "plain http is allowed only for loopback"},
		{raw: "http://10.0.0.1", wantErr: "plain http is allowed only for loopback"},
		{raw: "ftp://localhost", wantErr: "scheme must be http or https"},
		{raw: "https://user@apig.example.com", wantErr: "is not host[:port]"},
		{raw: "https://apig.example.com/v1", wantErr: "is not host[:port]"},
		{raw: "https://apig.example.com?a=b", wantErr: "is not host[:port]"},
		{raw: "", wantErr: "is not host[:port]"},
	}
	for _, tt := range tests {
		got, err := ParseEndpoint(tt.raw)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), tt.raw) {
				t.Errorf("ParseEndpoint(%q) = %+v, %v; want an error naming it and containing %q", tt.raw, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseEndpoint(%q) = %+v, %v; want %+v", tt.raw, got, err, tt.want)
		}
	}
}

func TestIsLoopback(t *testing.T) {
	for host, want := range map[string]bool{
		"localhost": true, "LocalHost": true, "127.0.0.1": true, "127.9.9.9": true, "::1": true,
		"10.0.0.1": false, "example.com": false, "": false, "localhost.example.com": false,
	} {
		if got := IsLoopback(host); got != want {
			t.Errorf("IsLoopback(%q) = %v, want %v", host, got, want)
		}
	}
}
