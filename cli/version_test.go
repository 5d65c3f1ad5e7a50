package cli

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionFromBuildInfo(t *testing.T) {
	const rev = "0621cc6a1b2c3d4e5f60718293a4b5c6d7e8f901"
	vcs := []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.time", Value: "2026-12-07T06:00:00Z"}}
	for _, tc := range []struct {
		name      string
		module    string
		settings  []debug.BuildSetting
		short     string
		revisionL string
	}{
		{"a release installed with go install", "v0.4.0", nil, "v0.4.0", "revision: not recorded (a module or release build"},
		{"a clone at a commit", "(devel)", vcs, "devel+0621cc6a1b2c", "revision: " + rev + ", committed 2026-12-07T06:00:00Z\n"},
		{"a clone with changes", "(devel)", append(vcs, debug.BuildSetting{Key: "vcs.modified", Value: "true"}), "devel+0621cc6a1b2c+dirty", ", with uncommitted changes\n"},
		{"no VCS information", "(devel)", nil, "devel", "revision: not recorded (built outside a Git clone, or with -buildvcs=false)"},
		{"a pseudo-version", "v0.0.0-20261207060000-0621cc6a1b2c", nil, "v0.0.0-20261207060000-0621cc6a1b2c", "a module or release build"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := versionOf(&debug.BuildInfo{GoVersion: "go1.26.10", Main: debug.Module{Path: "github.com/gwsync/gwsync", Version: tc.module}, Settings: tc.settings})
			if got := v.short(); got != tc.short {
				t.Errorf("short = %q, want %q", got, tc.short)
			}
			long := v.long()
			if !strings.HasPrefix(long, "gwsync "+tc.short+"\n") || !strings.Contains(long, tc.revisionL) || !strings.Contains(long, "\ngo: go1.26.10 ") {
				t.Errorf("long =\n%s\nwant the version, %q and the Go version", long, tc.revisionL)
			}
		})
	}
}
