package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// linkedVersion names the version of a build that carries neither a
// module version nor a VCS stamp (a build from a source archive, as the
// GitHub Action's is): go build -ldflags "-X
// github.com/gwsync/gwsync/cli.linkedVersion=v1.2.0".
var linkedVersion string

// buildVersion is what the Go toolchain recorded in the binary about the
// build: the module version (set by go install MODULE@VERSION), the VCS
// revision (set by a build from a Git clone), and the Go version.
type buildVersion struct {
	module    string // "v0.4.0", a pseudo-version, or "" for a build from a clone
	revision  string // the full commit, or ""
	time      string // the commit's time, RFC 3339, or ""
	modified  bool   // the clone had uncommitted changes
	goVersion string
}

// readBuildVersion reads the binary's build information, and the version
// linked in, which wins over the module's.
func readBuildVersion() buildVersion {
	v := buildVersion{goVersion: runtime.Version()}
	if bi, ok := debug.ReadBuildInfo(); ok {
		v = versionOf(bi)
	}
	if linkedVersion != "" {
		v.module = linkedVersion
	}
	return v
}

// versionOf extracts the version from build information.
func versionOf(bi *debug.BuildInfo) buildVersion {
	v := buildVersion{goVersion: bi.GoVersion}
	if m := bi.Main.Version; m != "" && m != "(devel)" {
		v.module = m
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v.revision = s.Value
		case "vcs.time":
			v.time = s.Value
		case "vcs.modified":
			v.modified = s.Value == "true"
		}
	}
	return v
}

// short is the version on one word, for reports' footers and SARIF:
// the module version, else "devel+" and the commit's first 12 characters
// ("+dirty" when modified), else "devel".
func (v buildVersion) short() string {
	switch {
	case v.module != "":
		return v.module
	case v.revision != "":
		s := "devel+" + v.revision[:min(12, len(v.revision))]
		if v.modified {
			s += "+dirty"
		}
		return s
	}
	return "devel"
}

// long is what gwsync version prints: the version, the revision (or why
// there is none) and the Go version and platform.
func (v buildVersion) long() string {
	var b strings.Builder
	fmt.Fprintf(&b, "gwsync %s\n", v.short())
	switch {
	case v.revision != "":
		when := ""
		if v.time != "" {
			when = ", committed " + v.time
		}
		mod := ""
		if v.modified {
			mod = ", with uncommitted changes"
		}
		fmt.Fprintf(&b, "revision: %s%s%s\n", v.revision, when, mod)
	case v.module != "":
		b.WriteString("revision: not recorded (a module or release build: the version names the source)\n")
	default:
		b.WriteString("revision: not recorded (built outside a Git clone, or with -buildvcs=false)\n")
	}
	fmt.Fprintf(&b, "go: %s %s/%s\n", v.goVersion, runtime.GOOS, runtime.GOARCH)
	return b.String()
}

// version is gwsync's version on one word (buildVersion.short).
func version() string { return readBuildVersion().short() }

func (a *app) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print gwsync's version, the commit it was built from, and the Go version",
		Long: `Version prints gwsync's module version (set when installed with go install
MODULE@VERSION), the VCS revision it was built from (recorded when built in a Git
clone), and the Go version and platform. gwsync --version prints the same.`,
		Example: `  gwsync version`,
		Args:    noArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprint(a.stdout, readBuildVersion().long())
			return err
		},
	}
}
