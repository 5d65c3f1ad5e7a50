package huawei

import (
	"strings"
	"testing"
)

func TestConfigFromEnv(t *testing.T) {
	env := map[string]string{EnvAccessKey: " ak ", EnvSecretKey: "sk", EnvProjectID: "", EnvEndpoint: "127.0.0.1:9000"}
	get := func(k string) string { return env[k] }
	cfg, err := ConfigFromEnv("cn-north-4", "proj", "", get)
	if err != nil || cfg.AccessKey != "ak" || cfg.ProjectID != "proj" || cfg.Endpoint != "127.0.0.1:9000" {
		t.Fatalf("%v, %v", cfg, err)
	}
	if ep, _ := cfg.endpoint(); ep != "http://127.0.0.1:9000" {
		t.Errorf("endpoint = %s", ep)
	}
	env[EnvProjectID] = "envproj"
	if cfg, _ := ConfigFromEnv("cn-north-4", "proj", "https://apig.example.com", get); cfg.ProjectID != "envproj" || cfg.Endpoint != "https://apig.example.com" {
		t.Errorf("env project and flag endpoint: %v", cfg)
	}
	env[EnvEndpoint] = ""
	cfg, _ = ConfigFromEnv("cn-north-4", "proj", "", get)
	if ep, _ := cfg.endpoint(); ep != "https://apig.cn-north-4.myhuaweicloud.com" {
		t.Errorf("region endpoint = %s", ep)
	}
	for _, tc := range []struct {
		region, project, flag string
		env                   map[string]string
		want                  string
	}{
		{"cn-north-4", "p", "", map[string]string{EnvAccessKey: "ak"}, "missing credentials"},
		{"cn-north-4", "", "", map[string]string{EnvAccessKey: "ak", EnvSecretKey: "sk"}, "missing project ID"},
		{"", "p", "", map[string]string{EnvAccessKey: "ak", EnvSecretKey: "sk"}, "a region is required"},
		{"CN North", "p", "", map[string]string{EnvAccessKey: "ak", EnvSecretKey: "sk"}, "not a region ID"},
		{"cn-north-4", "p", "http://apig.example.com", map[string]string{EnvAccessKey: "ak", EnvSecretKey: "sk"}, "plain http is allowed only for loopback"},
	} {
		_, err := ConfigFromEnv(tc.region, tc.project, tc.flag, func(k string) string { return tc.env[k] })
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want %q", tc, err, tc.want)
		}
	}
}
