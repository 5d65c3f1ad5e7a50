package huawei_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/dump"
	_ "github.com/gwsync/gwsync/gatewaykind/builtin"
	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
	gwsync "github.com/gwsync/gwsync/sync"
)

// FuzzHuaweiDumpReadsBack dumps a live Huawei instance whose names and
// strings come from the fuzzer and compiles the output back: it must
// compile without a finding, and every name and string must read back as
// it was.
func FuzzHuaweiDumpReadsBack(f *testing.F) {
	f.Add("TEST", "orders", "Api_1", "host", "10.0.0.1:80", "remark", "/x/{id}", "allow_origin", "*")
	f.Add(`say "hi"`, "Shop API/v2", "#def", "_x", "\x00\t\u2028", "a\\(b)\nc [gwsync]", "/ö?#", "", "// not a comment")
	f.Add("true", "if", "null", "$x", "#var#", "", "/*", "_", "[gwsync:x]")
	f.Fuzz(func(t *testing.T, env, group, api, variable, value, remark, uri, key, content string) {
		s := []*string{&env, &group, &api, &variable, &value, &remark, &uri, &key, &content}
		for _, p := range s {
			*p = strings.ToValidUTF8(*p, "\uFFFD")
		}
		if env == hwmodel.ReleaseEnv {
			t.Skip("RELEASE's remark is the instance's: the dump does not write it")
		}
		live := fuzzHuawei(env, group, api, variable, value, remark, uri, key, content)
		res, err := dump.Build(live, dump.Options{Gateway: model.Gateway{Provider: "huawei", Local: true}})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.LeftOut) > 0 {
			t.Skip("a marker of another owner in the remark: left out")
		}
		dir := t.TempDir()
		if _, err := dump.Write(dir, res.Files); err != nil {
			t.Fatal(err)
		}
		c := compiler.Compile([]string{dir}, compiler.Options{Dir: dir})
		if c.Desired == nil || hwmodel.Of(c.Desired) == nil || len(c.Findings) > 0 {
			t.Fatalf("the dump does not compile back: %v\n%s", c.Findings, res.Files[0].Data)
		}
		if got, want := readBackHuawei(hwmodel.Of(c.Desired)), readBackHuawei(hwmodel.Of(&live.State)); got != want {
			t.Fatalf("read back as\n%s\nwant\n%s\n%s", got, want, res.Files[0].Data)
		}
	})
}

func fuzzHuawei(env, group, api, variable, value, remark, uri, key, content string) *model.Live {
	a := &hwmodel.API{Name: api, Group: group, Remark: remark, ReqMethod: "GET", ReqURI: uri, AuthType: "NONE",
		BackendType: hwmodel.BackendMock, MockInfo: &hwmodel.MockInfo{ResultContent: value},
		Publish: []model.Ref{{Name: env}}}
	return &model.Live{State: model.Desired{
		Gateway: model.Gateway{Provider: "huawei"},
		State: &hwmodel.State{
			Environments: []*hwmodel.Environment{{Name: env, Remark: remark}},
			Groups: []*hwmodel.Group{{Name: group, Remark: remark, APIs: []*hwmodel.API{a},
				Variables: []*hwmodel.Variable{{Group: group, Env: model.Ref{Name: env}, Name: variable, Value: value}}}},
			Plugins: []*hwmodel.Plugin{{Name: "p", Type: "cors", Remark: remark, Content: map[string]any{key: content},
				Bind: []hwmodel.Binding{{API: model.Ref{Name: api}, Env: model.Ref{Name: env}}}}},
		},
	}}
}

// readBackHuawei renders the names and strings a Huawei state holds,
// without ownership markers.
func readBackHuawei(h *hwmodel.State) string {
	var b strings.Builder
	for _, e := range h.Environments {
		if e.Name != hwmodel.ReleaseEnv {
			fmt.Fprintf(&b, "env %q %q\n", e.Name, strip(e.Remark))
		}
	}
	for _, g := range h.Groups {
		fmt.Fprintf(&b, "group %q %q\n", g.Name, strip(g.Remark))
		for _, v := range g.Variables {
			fmt.Fprintf(&b, "variable %q %q %q\n", v.Env.Name, v.Name, v.Value)
		}
		for _, a := range g.APIs {
			fmt.Fprintf(&b, "api %q %q %q %q %q\n", a.Name, strip(a.Remark), a.ReqURI, a.MockInfo.ResultContent, a.Publish[0].Name)
		}
	}
	for _, p := range h.Plugins {
		fmt.Fprintf(&b, "plugin %q %q %q\n", p.Name, strip(p.Remark), fmt.Sprintf("%q", p.Content))
		for _, x := range p.Bind {
			fmt.Fprintf(&b, "bind %q %q\n", x.API.Name, x.Env.Name)
		}
	}
	return b.String()
}

func strip(remark string) string { return gwsync.StripMarker(remark) }
