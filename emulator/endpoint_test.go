package emulator_test

import (
	"errors"
	"testing"

	"github.com/gwsync/gwsync/emulator"
)

func TestCheckEndpointAcceptsOnlyLoopback(t *testing.T) {
	for _, ep := range []string{"127.0.0.1:9080", "http://127.0.0.1:9080", "localhost:9080", "LOCALHOST", "[::1]:9080", "127.9.9.9", "https://localhost:8443/"} {
		if err := emulator.CheckEndpoint(ep); err != nil {
			t.Errorf("CheckEndpoint(%q) = %v, want nil", ep, err)
		}
	}
	for _, ep := range []string{"apig.cn-hangzhou.aliyuncs.com", "https://apig.cn-hangzhou.aliyuncs.com", "10.0.0.5:9080", "emulator:9080", "localhost.example.com:9080", "0.0.0.0:9080", ""} {
		if err := emulator.CheckEndpoint(ep); !errors.Is(err, emulator.ErrNotLoopback) {
			t.Errorf("CheckEndpoint(%q) = %v, want ErrNotLoopback", ep, err)
		}
	}
}
