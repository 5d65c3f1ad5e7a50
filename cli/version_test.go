package cli

import (
	"runtime/debug"
	"testing"
)

func TestVersionOf(t *testing.T) {
	vcs := func(rev, modified string) *debug.BuildInfo {
		return &debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}}
	}
	for _, tc := range []struct {
		name, linked string
		bi           *debug.BuildInfo
		want         string
	}{
		{"go install at a tag", "", &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}, "v1.4.0"},
		{"stamped from a checkout", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261201093000-abcdef123456+dirty"}}, "v0.0.0-20261201093000-abcdef123456+dirty"},
		{"linked by the action", "v1.4.0", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "v1.4.0"},
		{"revision only", "", vcs("abcdef1234567890abcdef1234567890abcdef12", "false"), "dev-abcdef123456"},
		{"revision, modified", "", vcs("abcdef1234567890abcdef1234567890abcdef12", "true"), "dev-abcdef123456-dirty"},
		{"no stamp", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "dev"},
		{"no build info", "", nil, "dev"},
	} {
		if got := versionOf(tc.linked, tc.bi); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
