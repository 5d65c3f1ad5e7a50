package aliyun_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/dump"
	_ "github.com/gwsync/gwsync/gatewaykind/builtin"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	gwsync "github.com/gwsync/gwsync/sync"
)

// FuzzDumpReadsBack dumps a live gateway whose names and strings come
// from the fuzzer and compiles the output back: it must compile without
// a finding, and every name and string must read back as it was.
func FuzzDumpReadsBack(f *testing.F) {
	f.Add("svc", "policy", "description", "key", "value", "api", "route", "/path")
	f.Add(`say "hi"`, "#def", "a\\(b)\nc [gwsync]", "_x", "\x00\t\u2028", "Orders API", "Orders_Route", "/ö?#")
	f.Add("true", "if", "", "null", "// not a comment", "_", "$x", "/*")
	f.Fuzz(func(t *testing.T, svc, policy, desc, key, value, api, route, path string) {
		s := []*string{&svc, &policy, &desc, &key, &value, &api, &route, &path}
		for _, p := range s {
			*p = strings.ToValidUTF8(*p, "\uFFFD")
		}
		if key == "enable" || path == "" {
			t.Skip("enable must be a bool and a path must not be empty: the schema says so")
		}
		live := fuzzLive(svc, policy, desc, key, value, api, route, path)
		res, err := dump.Build(live, dump.Options{Gateway: model.Gateway{Provider: "local"}})
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		if _, err := dump.Write(dir, res.Files); err != nil {
			t.Fatal(err)
		}
		c := compiler.Compile([]string{dir}, compiler.Options{Dir: dir})
		if c.Desired == nil || len(c.Findings) > 0 {
			t.Fatalf("the dump does not compile back: %v\n%s", c.Findings, res.Files[0].Data)
		}
		if got, want := readBack(c.Desired), readBack(&live.State); got != want {
			t.Fatalf("read back as\n%s\nwant\n%s\n%s", got, want, res.Files[0].Data)
		}
	})
}

func fuzzLive(svc, policy, desc, key, value, api, route, path string) *model.Live {
	r := &model.Route{Name: route, API: api, Environment: model.Ref{Name: "prod"},
		Match:   model.Match{Path: model.PathMatch{Type: model.PathExact, Value: path}},
		Backend: model.Backend{Scene: model.SceneSingle, Services: []model.BackendService{{Service: model.Ref{Name: svc}, Port: 80}}}}
	return &model.Live{
		State: model.Desired{
			State: &alimodel.State{
				Environments: []*alimodel.Environment{{Name: "prod"}},
				Services:     []*alimodel.Service{{Name: svc, SourceType: "DNS", Addresses: []model.Ref{{Name: "a.internal:80"}}}},
				Policies:     []*alimodel.Policy{{Name: policy, ClassName: "Cors", Description: desc, Config: map[string]any{"enable": true, key: value}}},
				HTTPAPIs:     []*alimodel.HTTPAPI{{Name: api, Description: desc, Routes: []*model.Route{r}}},
				Attachments:  []*alimodel.Attachment{{Policy: model.Ref{Name: policy}, ResourceType: alimodel.AttachRoute, Resource: r.Path(), ResourceName: route, Environment: "prod"}},
			},
		},
		Deploys: map[string]model.Deploy{r.Path(): {Status: "Deployed", Environment: "prod"}},
	}
}

// readBack renders the names and strings a desired state holds.
func readBack(d *model.Desired) string {
	st := alimodel.Of(d)
	var b strings.Builder
	for _, s := range st.Services {
		fmt.Fprintf(&b, "service %q\n", s.Name)
	}
	for _, p := range st.Policies {
		fmt.Fprintf(&b, "policy %q %q %v\n", p.Name, gwsync.StripMarker(p.Description), fmt.Sprintf("%q", p.Config))
	}
	for _, a := range st.HTTPAPIs {
		fmt.Fprintf(&b, "api %q %q\n", a.Name, gwsync.StripMarker(a.Description))
		for _, r := range a.Routes {
			fmt.Fprintf(&b, "route %q %q %q\n", r.Name, r.Match.Path.Value, r.Backend.Services[0].Service.Name)
		}
	}
	for _, a := range st.Attachments {
		fmt.Fprintf(&b, "attach %q %q\n", a.Policy.Name, a.Resource)
	}
	return b.String()
}
