package aliyun

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

func TestConfigFromEnv(t *testing.T) {
	keys := map[string]string{EnvAccessKeyID: "ak-1", EnvAccessKeySecret: "sk-1"}
	with := func(extra map[string]string) map[string]string {
		m := map[string]string{}
		for k, v := range keys {
			m[k] = v
		}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	tests := []struct {
		name          string
		region, flag  string
		env           map[string]string
		wantErr       string // substring; "" for success
		wantHost      string
		wantProtocol  string
		wantEndpoint  string // Config.Endpoint
		wantToken     string
		wantAccessKey string
	}{
		{name: "region endpoint", region: "cn-hangzhou", env: keys,
			wantHost: "apig.cn-hangzhou.aliyuncs.com", wantProtocol: "HTTPS", wantAccessKey: "ak-1"},
		{name: "security token", region: "cn-shanghai", env: with(map[string]string{EnvSecurityToken: "sts-tok"}),
			wantHost: "apig.cn-shanghai.aliyuncs.com", wantProtocol: "HTTPS", wantToken: "sts-tok", wantAccessKey: "ak-1"},
		{name: "values trimmed", region: " cn-beijing ", env: map[string]string{EnvAccessKeyID: " ak-1\n", EnvAccessKeySecret: "sk-1 "},
			wantHost: "apig.cn-beijing.aliyuncs.com", wantProtocol: "HTTPS", wantAccessKey: "ak-1"},
		{name: "env endpoint", env: with(map[string]string{EnvEndpoint: "127.0.0.1:8080"}),
			wantEndpoint: "127.0.0.1:8080", wantHost: "127.0.0.1:8080", wantProtocol: "HTTP"},
		{name: "flag beats env endpoint", flag: "http://localhost:9000", env: with(map[string]string{EnvEndpoint: "127.0.0.1:8080"}),
			wantEndpoint: "http://localhost:9000", wantHost: "localhost:9000", wantProtocol: "HTTP"},
		{name: "endpoint beats region", region: "cn-hangzhou", flag: "https://apig.example.com",
			env: keys, wantEndpoint: "https://apig.example.com", wantHost: "apig.example.com", wantProtocol: "HTTPS"},
		{name: "loopback http allowed", flag: "http://127.0.0.1:8080/", env: keys, wantHost: "127.0.0.1:8080", wantProtocol: "HTTP"},
		{name: "loopback 127/8", flag: "http://127.1.2.3:80", env: keys, wantHost: "127.1.2.3:80", wantProtocol: "HTTP"},
		{name: "loopback ipv6", flag: "http://[::1]:8080", env: keys, wantHost: "[::1]:8080", wantProtocol: "HTTP"},
		{name: "bare ipv6 loopback", flag: "::1", env: keys, wantHost: "[::1]", wantProtocol: "HTTP"},
		{name: "bare non-loopback is https", flag: "apig.internal.example:8443", env: keys, wantHost: "apig.internal.example:8443", wantProtocol: "HTTPS"},
		{name: "bare private ip is https", flag: "10.0.0.5:8080", env: keys, wantHost: "10.0.0.5:8080", wantProtocol: "HTTPS"},
		{name: "https loopback", flag: "https://localhost:8443", env: keys, wantHost: "localhost:8443", wantProtocol: "HTTPS"},

		{name: "missing keys", region: "cn-hangzhou", env: map[string]string{},
			wantErr: "set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET"},
		{name: "missing secret", region: "cn-hangzhou", env: map[string]string{EnvAccessKeyID: "ak-1"},
			wantErr: "ALIBABA_CLOUD_ACCESS_KEY_SECRET"},
		{name: "non-loopback http refused", flag: "http://apig.example.com:8080", env: keys,
			wantErr: "plain http is allowed only for loopback endpoints"},
		{name: "non-loopback http from env refused", env: with(map[string]string{EnvEndpoint: "http://10.0.0.5"}),
			wantErr: "plain http is allowed only for loopback endpoints"},
		{name: "localhost lookalike refused", flag: "http://localhost.example.com", env: keys,
			wantErr: "plain http is allowed only for loopback endpoints"},
		{name: "no region nor endpoint", env: keys, wantErr: "a region is required"},
		{name: "bad region", region: "cn hangzhou", env: keys, wantErr: "not a region ID"},
		{name: "endpoint with path", flag: "https://apig.example.com/v1", env: keys, wantErr: "is not host[:port]"},
		{name: "endpoint with bad port", flag: "127.0.0.1:http", env: keys, wantErr: "is not host[:port]"},
		{name: "unknown scheme", flag: "ftp://127.0.0.1:21", env: keys, wantErr: "scheme must be http or https"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := ConfigFromEnv(tt.region, tt.flag, func(k string) string { return tt.env[k] })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			ep, err := cfg.endpoint()
			if err != nil {
				t.Fatal(err)
			}
			if ep.host != tt.wantHost || ep.protocol != tt.wantProtocol {
				t.Errorf("endpoint = %s %s, want %s %s", ep.protocol, ep.host, tt.wantProtocol, tt.wantHost)
			}
			if tt.wantEndpoint != "" && cfg.Endpoint != tt.wantEndpoint {
				t.Errorf("Endpoint = %q, want %q", cfg.Endpoint, tt.wantEndpoint)
			}
			if cfg.SecurityToken != tt.wantToken {
				t.Errorf("SecurityToken = %q, want %q", cfg.SecurityToken, tt.wantToken)
			}
			if tt.wantAccessKey != "" && (cfg.AccessKeyID != tt.wantAccessKey || cfg.AccessKeySecret != "sk-1") {
				t.Errorf("keys = %q %q", cfg.AccessKeyID, cfg.AccessKeySecret)
			}
		})
	}
}

func TestConfigFromEnvDefaultsToOSGetenv(t *testing.T) {
	t.Setenv(EnvAccessKeyID, "os-ak")
	t.Setenv(EnvAccessKeySecret, "os-sk")
	t.Setenv(EnvSecurityToken, "")
	t.Setenv(EnvEndpoint, "")
	cfg, err := ConfigFromEnv("cn-hangzhou", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.AccessKeyID != "os-ak" || cfg.AccessKeySecret != "os-sk" {
		t.Errorf("keys = %q %q, want os-ak os-sk", cfg.AccessKeyID, cfg.AccessKeySecret)
	}
}

func TestNewClientChecksConfig(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		wantErr string
	}{
		{"no keys", Config{Region: "cn-hangzhou"}, EnvAccessKeyID},
		{"negative QPS", Config{Region: "cn-hangzhou", AccessKeyID: "a", AccessKeySecret: "s", QPS: -1}, "QPS"},
		{"negative backoff", Config{Region: "cn-hangzhou", AccessKeyID: "a", AccessKeySecret: "s", BaseBackoff: -1}, "BaseBackoff"},
		{"plain http to a remote host", Config{Endpoint: "http://192.0.2.1", AccessKeyID: "a", AccessKeySecret: "s"}, "loopback"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewClient(tt.cfg); err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestConfigDefaults(t *testing.T) {
	tests := []struct {
		name        string
		in          Config
		wantRetries int
		wantBase    string
		wantMax     string
	}{
		{"zero", Config{}, DefaultMaxRetries, "200ms", "10s"},
		{"negative retries mean none", Config{MaxRetries: -1}, 0, "200ms", "10s"},
		{"max below base is raised", Config{MaxRetries: 2, BaseBackoff: 20e9, MaxBackoff: 1e9}, 2, "20s", "20s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.in.withDefaults()
			if got.MaxRetries != tt.wantRetries || got.BaseBackoff.String() != tt.wantBase || got.MaxBackoff.String() != tt.wantMax {
				t.Errorf("got retries %d base %s max %s, want %d %s %s", got.MaxRetries, got.BaseBackoff, got.MaxBackoff, tt.wantRetries, tt.wantBase, tt.wantMax)
			}
		})
	}
}

func TestConfigRedactsSecrets(t *testing.T) {
	const secret, token = "s3cr3t-Value-9f", "sts-T0ken-77"
	cfg := Config{Region: "cn-hangzhou", AccessKeyID: "ak-visible", AccessKeySecret: secret, SecurityToken: token}
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("config", "cfg", cfg)
	for _, out := range []string{
		fmt.Sprintf("%v", cfg), fmt.Sprintf("%+v", cfg), fmt.Sprintf("%#v", cfg), fmt.Sprint(&cfg), logged.String(),
	} {
		if strings.Contains(out, secret) || strings.Contains(out, token) {
			t.Errorf("secret printed: %s", out)
		}
		if !strings.Contains(out, "ak-visible") || !strings.Contains(out, "[redacted]") {
			t.Errorf("want the key ID and a redaction mark: %s", out)
		}
	}
}
