package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	apigemu "github.com/gwsync/gwsync/emulator/aliyun"
	hwemu "github.com/gwsync/gwsync/emulator/huawei"
	"github.com/gwsync/gwsync/internal/handmade"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	"github.com/gwsync/gwsync/provider/aliyun"
	"github.com/gwsync/gwsync/provider/huawei"
)

// cmdGateway stands in for a person at the cloud console: it opens the
// local gateway kept in a state directory and changes it through the APIG
// API, out of band, the way the console would.
//
//	gateway DIR set-route-path ROUTE VALUE      change a route's match path value
//	gateway DIR set-policy POLICY KEY VALUE     set one key of a policy's config (VALUE is JSON)
//	gateway DIR add-route API ROUTE PATH        create and deploy a route by hand (no marker)
//	gateway DIR undeploy-route ROUTE            take a route offline (and wait until it is)
//	gateway DIR delete-route ROUTE              take a route offline and delete it
//	gateway DIR detach POLICY ROUTE             detach a policy from a route
//	gateway DIR count KIND N                    check the number of live services, domains, policies, httpApis, routes or attachments
//	gateway DIR deployed ROUTE                  check that a route is deployed
//	gateway DIR handmade orders|shadowed        build a gateway by hand (package internal/handmade) and wait for its deploys
//	gateway DIR huawei-handmade shop            build the embedded Huawei gateway's instance by hand (handmade.HuaweiConsole)
func cmdGateway(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: gateway DIR VERB ARGS...")
	}
	if args[1] == "huawei-handmade" {
		huaweiHandmade(ts, args[0], args[2:])
		return
	}
	l, err := apigemu.StartLocal(ts.MkAbs(args[0]), time.Millisecond)
	ts.Check(err)
	defer l.Close()
	c, err := aliyun.NewClient(aliyun.Config{Endpoint: "http://" + l.Endpoint, AccessKeyID: l.AccessKeyID, AccessKeySecret: l.AccessKeySecret})
	ts.Check(err)
	con := &console{ts: ts, c: c, gw: l.Server.GatewayID()}
	live, err := aliyun.NewReader(c, con.gw).Read(context.Background())
	ts.Check(err)
	con.live = live
	verbs := map[string]func([]string){
		"set-route-path": con.setRoutePath, "set-policy": con.setPolicy, "add-route": con.addRoute,
		"count": con.count, "deployed": con.deployed,
		"undeploy-route": con.undeployRoute, "delete-route": con.deleteRoute, "detach": con.detach,
		"handmade": con.handmade,
	}
	verb, ok := verbs[args[1]]
	if !ok {
		ts.Fatalf("gateway: unknown verb %q", args[1])
	}
	verb(args[2:])
}

type console struct {
	ts   *testscript.TestScript
	c    *aliyun.Client
	gw   string
	live *model.Live
}

func (con *console) call(action, method, path string, body any) json.RawMessage {
	data, err := con.c.Call(context.Background(), aliyun.Request{Action: action, Method: method, Path: path, Body: body})
	con.ts.Check(err)
	return data
}

func (con *console) route(name string) *model.Route {
	for _, r := range alimodel.Of(&con.live.State).Routes() {
		if r.Name == name {
			return r
		}
	}
	con.ts.Fatalf("gateway: no live route %q", name)
	return nil
}

func (con *console) setRoutePath(args []string) {
	if len(args) != 2 {
		con.ts.Fatalf("usage: gateway DIR set-route-path ROUTE VALUE")
	}
	r := con.route(args[0])
	api, id := con.live.IDs[alimodel.HTTPAPIPath(r.API)], con.live.IDs[r.Path()]
	con.call("UpdateHttpApiRoute", "PUT", "/v1/http-apis/"+api+"/routes/"+id,
		map[string]any{"match": map[string]any{"path": map[string]any{"type": r.Match.Path.Type, "value": args[1]}, "methods": r.Match.Methods}})
}

func (con *console) setPolicy(args []string) {
	if len(args) != 3 {
		con.ts.Fatalf("usage: gateway DIR set-policy POLICY KEY VALUE")
	}
	for _, p := range alimodel.Of(&con.live.State).Policies {
		if p.Name != args[0] {
			continue
		}
		var v any
		con.ts.Check(json.Unmarshal([]byte(args[2]), &v))
		p.Config[args[1]] = v
		cfg, err := json.Marshal(p.Config)
		con.ts.Check(err)
		con.call("UpdatePolicy", "PUT", "/v2/policies/"+con.live.IDs[alimodel.PolicyPath(p.Name)],
			map[string]any{"name": p.Name, "config": string(cfg), "description": p.Description})
		return
	}
	con.ts.Fatalf("gateway: no live policy %q", args[0])
}

func (con *console) addRoute(args []string) {
	if len(args) != 3 {
		con.ts.Fatalf("usage: gateway DIR add-route API ROUTE PATH")
	}
	api := con.live.IDs[alimodel.HTTPAPIPath(args[0])]
	if api == "" {
		con.ts.Fatalf("gateway: no live HTTP API %q", args[0])
	}
	env := con.live.IDs[alimodel.EnvironmentPath("prod")]
	var svc, dom string
	for path, id := range con.live.IDs {
		switch {
		case strings.HasPrefix(path, "services."):
			svc = id
		case strings.HasPrefix(path, "domains."):
			dom = id
		}
	}
	var created struct {
		RouteID string `json:"routeId"`
	}
	con.ts.Check(json.Unmarshal(con.call("CreateHttpApiRoute", "POST", "/v1/http-apis/"+api+"/routes", map[string]any{
		"name": args[1], "description": "made in the console", "environmentId": env, "domainIds": []string{dom},
		"match":         map[string]any{"path": map[string]any{"type": "Exact", "value": args[2]}},
		"backendConfig": map[string]any{"scene": "SingleService", "services": []any{map[string]any{"serviceId": svc, "protocol": "HTTP", "port": 80}}},
	}), &created))
	con.call("DeployHttpApi", "POST", "/v1/http-apis/"+api+"/deploy", map[string]any{"routeId": created.RouteID})
}

func (con *console) count(args []string) {
	if len(args) != 2 {
		con.ts.Fatalf("usage: gateway DIR count KIND N")
	}
	want, err := strconv.Atoi(args[1])
	con.ts.Check(err)
	s := con.live.State
	st := alimodel.Of(&s)
	got := map[string]int{"services": len(st.Services), "domains": len(st.Domains), "policies": len(st.Policies),
		"httpApis": len(st.HTTPAPIs), "routes": len(st.Routes()), "attachments": len(st.Attachments)}
	n, ok := got[args[0]]
	if !ok {
		con.ts.Fatalf("gateway: unknown kind %q", args[0])
	}
	if n != want {
		con.ts.Fatalf("gateway: %d live %s, want %d", n, args[0], want)
	}
}

func (con *console) deployed(args []string) {
	if len(args) != 1 {
		con.ts.Fatalf("usage: gateway DIR deployed ROUTE")
	}
	r := con.route(args[0])
	if d := con.live.Deploys[r.Path()]; d.Status != "Deployed" {
		con.ts.Fatalf("gateway: route %q is %s, want Deployed", r.Name, fmt.Sprint(d.Status))
	}
}

func (con *console) undeployRoute(args []string) {
	if len(args) != 1 {
		con.ts.Fatalf("usage: gateway DIR undeploy-route ROUTE")
	}
	con.undeploy(con.route(args[0]))
}

// undeploy takes a route offline and waits until it is.
func (con *console) undeploy(r *model.Route) {
	api, id := con.live.IDs[alimodel.HTTPAPIPath(r.API)], con.live.IDs[r.Path()]
	con.call("UndeployHttpApi", "POST", "/v1/http-apis/"+api+"/undeploy", map[string]any{"routeId": id})
	gw := aliyun.NewGateway(con.c, con.gw)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		st, err := gw.RouteState(context.Background(), api, id)
		con.ts.Check(err)
		if st.Deploy.Status == "NotDeployed" {
			return
		}
	}
	con.ts.Fatalf("gateway: route %q did not go offline within 10s", r.Name)
}

func (con *console) deleteRoute(args []string) {
	if len(args) != 1 {
		con.ts.Fatalf("usage: gateway DIR delete-route ROUTE")
	}
	r := con.route(args[0])
	con.undeploy(r)
	con.call("DeleteHttpApiRoute", "DELETE", "/v1/http-apis/"+con.live.IDs[alimodel.HTTPAPIPath(r.API)]+"/routes/"+con.live.IDs[r.Path()], nil)
}

func (con *console) detach(args []string) {
	if len(args) != 2 {
		con.ts.Fatalf("usage: gateway DIR detach POLICY ROUTE")
	}
	id := con.live.IDs[alimodel.AttachmentKey(args[0], con.route(args[1]).Path())]
	if id == "" {
		con.ts.Fatalf("gateway: policy %q is not attached to route %q", args[0], args[1])
	}
	con.call("DeletePolicyAttachment", "DELETE", "/v1/policy-attachments/"+id, nil)
}

// huaweiHandmade opens the embedded Huawei gateway kept in dir and builds
// its instance by hand, through the APIG API.
func huaweiHandmade(ts *testscript.TestScript, dir string, args []string) {
	builds := map[string]func(*handmade.HuaweiConsole, context.Context) error{"shop": (*handmade.HuaweiConsole).Shop}
	if len(args) != 1 || builds[args[0]] == nil {
		ts.Fatalf("usage: gateway DIR huawei-handmade shop")
	}
	l, err := hwemu.StartLocal(ts.MkAbs(dir))
	ts.Check(err)
	defer l.Close()
	c, err := huawei.NewClient(huawei.Config{Endpoint: l.Endpoint, ProjectID: l.ProjectID, AccessKey: l.AccessKey, SecretKey: l.SecretKey})
	ts.Check(err)
	ts.Check(builds[args[0]](handmade.NewHuawei(c, l.InstanceID), context.Background()))
}

func (con *console) handmade(args []string) {
	builds := map[string]func(*handmade.Console, context.Context) error{
		"orders": (*handmade.Console).Orders, "shadowed": (*handmade.Console).Shadowed,
	}
	if len(args) != 1 || builds[args[0]] == nil {
		con.ts.Fatalf("usage: gateway DIR handmade orders|shadowed")
	}
	ctx := context.Background()
	k, err := handmade.New(ctx, con.c, con.gw)
	con.ts.Check(err)
	con.ts.Check(builds[args[0]](k, ctx))
	con.ts.Check(k.WaitDeployed(ctx, 10*time.Second))
}
