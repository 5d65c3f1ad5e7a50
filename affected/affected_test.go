package affected

import (
	"context"
	"slices"
	"testing"

	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/internal/gitrepo"
	"github.com/gwsync/gwsync/internal/gitrepo/gittest"
)

const module = "module: \"example.com/fleet\"\nlanguage: version: \"v0.13.0\"\n"

// fleet is the first commit of every case: two gateways under gw/ that
// import shared/policies, one that embeds a file, one outside gw/.
var fleet = map[string]string{
	"cue.mod/module.cue":    module,
	"shared/policies/p.cue": "package policies\n\ntimeout: 3\n",
	"shared/common.cue":     "package policies\n\nretries: 2\n",
	"gw/prod/gw.cue":        "package gw\n\nimport \"example.com/fleet/shared/policies\"\n\ngateway: {provider: \"aliyun\", id: \"gw-prod\"}\nt: policies.timeout\n",
	"gw/staging/gw.cue":     "package gw\n\nimport \"example.com/fleet/shared/policies\"\n\ngateway: {provider: \"aliyun\", id: \"gw-staging\"}\nt: policies.timeout\n",
	"gw/certs/gw.cue":       "@extern(embed)\n\npackage gw\n\ngateway: {provider: \"local\", id: \"gw-certs\"}\npem: _ @embed(file=tls/api.pem, type=text)\n",
	"gw/certs/tls/api.pem":  "cert\n",
	"gw/certs/tls/old.pem":  "old\n",
	"lab/gw.cue":            "package gw\n\ngateway: provider: \"local\"\n",
}

func TestGateways(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change map[string]string // "" removes the file
		want   []Gateway
	}{
		{"an embedded file", map[string]string{"gw/certs/tls/api.pem": "new cert\n"}, []Gateway{{Dir: "gw/certs"}}},
		{"a file beside an embedded one", map[string]string{"gw/certs/tls/old.pem": "older\n"}, nil},
		// shared/common.cue belongs to the package only while it is
		// named policies: read in the base, not in the head.
		{"a file that leaves a package", map[string]string{"shared/common.cue": "package common\n\nretries: 2\n"},
			[]Gateway{{Dir: "gw/prod"}, {Dir: "gw/staging"}}},
		{"a gateway field removed", map[string]string{"gw/staging/gw.cue": "package gw\n\nt: 1\n"},
			[]Gateway{{Dir: "gw/staging", Deleted: true}}},
		{"a gateway outside the root", map[string]string{"lab/gw.cue": "package gw\n\ngateway: provider: \"local\"\nx: 1\n"}, nil},
		{"a package nobody imports", map[string]string{"shared/other/o.cue": "package other\n"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rangeOf(t, tc.change)
			c, err := Open(r)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			res, err := c.Gateways()
			if err != nil || !slices.Equal(res.Affected, tc.want) || res.Gateways < 2 {
				t.Errorf("Gateways = %+v, %v; want %+v", res, err, tc.want)
			}
		})
	}
}

func TestIdentifyADeletedGateway(t *testing.T) {
	r := rangeOf(t, map[string]string{"gw/prod/gw.cue": "", "shared/policies/p.cue": ""})
	c, err := Open(r)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	res, err := c.Gateways()
	if err != nil || !slices.Contains(res.Affected, Gateway{Dir: "gw/prod", Deleted: true}) {
		t.Fatalf("Gateways = %+v, %v; want gw/prod deleted", res, err)
	}
	// Its desired state needs the package deleted with it.
	id, err := c.Identify(Gateway{Dir: "gw/prod", Deleted: true})
	if want := (compiler.Identity{Provider: "aliyun", ID: "gw-prod"}); err != nil || id != want {
		t.Errorf("Identify = %+v, %v; want %+v", id, err, want)
	}
}

// rangeOf commits fleet, then change, in a new repository and returns
// the range of the second commit, rooted at gw.
func rangeOf(t *testing.T, change map[string]string) Range {
	t.Helper()
	r := gittest.New(t)
	r.Commit(fleet)
	r.Commit(change)
	repo, _, err := gitrepo.Open(context.Background(), r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	return Range{Repo: repo, Base: "HEAD~1", Head: "HEAD", Root: "gw"}
}
