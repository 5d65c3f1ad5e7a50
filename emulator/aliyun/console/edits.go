package console

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	"github.com/gwsync/gwsync/provider/aliyun"
)

// pollInterval is how often a route's deploy status is read while it
// settles.
const pollInterval = 20 * time.Millisecond

// Deploy statuses, as APIG answers them.
const (
	deployed    = "Deployed"
	notDeployed = "NotDeployed"
	failed      = "DeployFailed"
)

// route is a live route found by name, with the IDs its calls need.
type route struct {
	*model.Route
	apiID, id string
}

// path is the route's API path, /v1/http-apis/{api}/routes/{route}.
func (r route) path() string {
	return "/v1/http-apis/" + aliyun.PathEscape(r.apiID) + "/routes/" + aliyun.PathEscape(r.id)
}

// label names the route for messages: route NAME (ID).
func (r route) label() string { return fmt.Sprintf("route %s (%s)", r.Name, r.id) }

// route finds a live route by name (route names are unique per gateway).
func (k *Console) route(name string) (route, error) {
	var all []string
	for _, r := range alimodel.Of(&k.live.State).Routes() {
		if r.Name == name {
			return route{Route: r, apiID: k.live.IDs[alimodel.HTTPAPIPath(r.API)], id: k.live.IDs[r.Path()]}, nil
		}
		all = append(all, r.Name)
	}
	return route{}, fmt.Errorf("gateway %s has no route %q (its routes: %s)", k.gw, name, names(all))
}

// SetRoutePath changes the value of a route's match path, keeping the rest
// of its match, as an edit in the console's route form does. It does not
// deploy the route: as in APIG, it goes on serving what was deployed until
// it is deployed again. It describes what it changed.
func (k *Console) SetRoutePath(ctx context.Context, name, value string) (string, error) {
	r, err := k.route(name)
	if err != nil {
		return "", err
	}
	live, err := k.getJSON(ctx, "GetHttpApiRoute", r.path())
	if err != nil {
		return "", err
	}
	match, _ := live["match"].(map[string]any)
	path, _ := match["path"].(map[string]any)
	if path == nil {
		return "", fmt.Errorf("gateway %s: %s has no match path to change", k.gw, r.label())
	}
	before := path["value"]
	path["value"] = value
	if _, err := k.call(ctx, "UpdateHttpApiRoute", "PUT", r.path(), map[string]any{"match": match}); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s: match path %q → %q (not deployed again: it serves %q until it is)", r.label(), before, value, before), nil
}

// SetPolicy sets one key of a policy's config to value (a JSON value),
// keeping its name and description, as an edit in the console's policy
// form does. It describes what it changed.
func (k *Console) SetPolicy(ctx context.Context, name, key string, value any) (string, error) {
	id := k.live.IDs[alimodel.PolicyPath(name)]
	if id == "" {
		var all []string
		for _, p := range alimodel.Of(&k.live.State).Policies {
			all = append(all, p.Name)
		}
		return "", fmt.Errorf("gateway %s has no policy %q (its policies: %s)", k.gw, name, names(all))
	}
	path := "/v2/policies/" + aliyun.PathEscape(id)
	live, err := k.getJSON(ctx, "GetPolicy", path)
	if err != nil {
		return "", err
	}
	config := map[string]any{}
	if s, _ := live["config"].(string); s != "" {
		if err := json.Unmarshal([]byte(s), &config); err != nil {
			return "", fmt.Errorf("gateway %s: policy %s (%s) has a config that is not a JSON object: %v", k.gw, name, id, err)
		}
	}
	before, had := config[key]
	config[key] = value
	text, err := json.Marshal(config)
	if err != nil {
		return "", err
	}
	body := map[string]any{"name": live["name"], "description": live["description"], "config": string(text)}
	if _, err := k.call(ctx, "UpdatePolicy", "PUT", path, body); err != nil {
		return "", err
	}
	return fmt.Sprintf("policy %s (%s): config %s %s → %s", name, id, key, jsonText(before, had), jsonText(value, true)), nil
}

// jsonText shows a config value as JSON, or (unset).
func jsonText(v any, set bool) string {
	if !set {
		return "(unset)"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// AddRoute creates a route gwsync did not make in HTTP API api, matching
// the exact path value, on the environment, domains and backend of the
// API's first route (by name), and deploys it. It describes what it made.
func (k *Console) AddRoute(ctx context.Context, api, name, value string) (string, error) {
	like, err := k.firstRoute(api)
	if err != nil {
		return "", err
	}
	sibling, err := k.getJSON(ctx, "GetHttpApiRoute", like.path())
	if err != nil {
		return "", err
	}
	body := newRouteBody(sibling, name, value)
	data, err := k.call(ctx, "CreateHttpApiRoute", "POST", "/v1/http-apis/"+aliyun.PathEscape(like.apiID)+"/routes", body)
	if err != nil {
		return "", err
	}
	var created struct {
		RouteID string `json:"routeId"`
	}
	if err := json.Unmarshal(data, &created); err != nil || created.RouteID == "" {
		return "", fmt.Errorf("gateway %s: CreateHttpApiRoute answered %s, with no routeId", k.gw, data)
	}
	r := route{Route: &model.Route{Name: name, API: api}, apiID: like.apiID, id: created.RouteID}
	if err := k.deploy(ctx, r, "DeployHttpApi", "/deploy", deployed); err != nil {
		return "", fmt.Errorf("%s was made, but not deployed: %w", r.label(), err)
	}
	return fmt.Sprintf("%s: made in HTTP API %s, matching Exact %q on the domains and backend of route %s, and deployed", r.label(), api, value, like.Name), nil
}

// firstRoute is the HTTP API's first route by name.
func (k *Console) firstRoute(api string) (route, error) {
	st := alimodel.Of(&k.live.State)
	apiID := k.live.IDs[alimodel.HTTPAPIPath(api)]
	if apiID == "" {
		var all []string
		for _, a := range st.HTTPAPIs {
			all = append(all, a.Name)
		}
		return route{}, fmt.Errorf("gateway %s has no HTTP API %q (its HTTP APIs: %s)", k.gw, api, names(all))
	}
	var rs []*model.Route
	for _, r := range st.Routes() {
		if r.API == api {
			rs = append(rs, r)
		}
	}
	if len(rs) == 0 {
		return route{}, fmt.Errorf("gateway %s: HTTP API %s has no route to take an environment, domains and a backend from: add a route with gwsync apply first", k.gw, api)
	}
	first := slices.MinFunc(rs, func(a, b *model.Route) int { return cmp.Compare(a.Name, b.Name) })
	return k.route(first.Name)
}

// newRouteBody is CreateHttpApiRoute's body for a route named name that
// matches the exact path value, with the environment, domains and backend
// of sibling (a GetHttpApiRoute answer), described as made in the console.
func newRouteBody(sibling map[string]any, name, value string) map[string]any {
	var domains []any
	infos, _ := sibling["domainInfos"].([]any)
	for _, d := range infos {
		if m, ok := d.(map[string]any); ok {
			domains = append(domains, m["domainId"])
		}
	}
	env, _ := sibling["environmentInfo"].(map[string]any)
	return map[string]any{
		"name": name, "description": "made in the console", "environmentId": env["environmentId"], "domainIds": domains,
		"match":         map[string]any{"path": map[string]any{"type": model.PathExact, "value": value}},
		"backendConfig": sibling["backend"],
	}
}

// UndeployRoute takes a deployed route offline and waits until it is, as
// the console's Offline button does. It describes what it did.
func (k *Console) UndeployRoute(ctx context.Context, name string) (string, error) {
	r, err := k.route(name)
	if err != nil {
		return "", err
	}
	if st := k.live.Deploys[r.Path()].Status; st != deployed {
		return "", fmt.Errorf("gateway %s: %s is %s, not %s: nothing to take offline", k.gw, r.label(), cmp.Or(st, "not deployed"), deployed)
	}
	if err := k.deploy(ctx, r, "UndeployHttpApi", "/undeploy", notDeployed); err != nil {
		return "", err
	}
	return r.label() + ": taken offline (NotDeployed)", nil
}

// DeleteRoute deletes a route, taking it offline first when it is
// deployed (APIG deletes only a route that is not). It describes what it
// did.
func (k *Console) DeleteRoute(ctx context.Context, name string) (string, error) {
	r, err := k.route(name)
	if err != nil {
		return "", err
	}
	what := "deleted"
	if k.live.Deploys[r.Path()].Status == deployed {
		if err := k.deploy(ctx, r, "UndeployHttpApi", "/undeploy", notDeployed); err != nil {
			return "", err
		}
		what = "taken offline and deleted"
	}
	if _, err := k.call(ctx, "DeleteHttpApiRoute", "DELETE", r.path(), nil); err != nil {
		if what != "deleted" {
			err = fmt.Errorf("%s was taken offline, but not deleted: %w", r.label(), err)
		}
		return "", err
	}
	return r.label() + ": " + what, nil
}

// deploy deploys or undeploys a route (action at suffix of its HTTP API's
// path) and waits until its deployStatus is want, or until ctx ends.
func (k *Console) deploy(ctx context.Context, r route, action, suffix, want string) error {
	if _, err := k.call(ctx, action, "POST", "/v1/http-apis/"+aliyun.PathEscape(r.apiID)+suffix, map[string]any{"routeId": r.id}); err != nil {
		return err
	}
	return k.settle(ctx, r, want)
}

// settle waits until a route's deployStatus is want; a status that will
// not change to it (DeployFailed) is an error.
func (k *Console) settle(ctx context.Context, r route, want string) error {
	gw := aliyun.NewGateway(k.c, k.gw)
	status := "unread"
	for {
		st, err := gw.RouteState(ctx, r.apiID, r.id)
		switch {
		case ctx.Err() != nil:
			return fmt.Errorf("gateway %s: %s is still %s, not %s: give a longer --timeout (the emulator's --deploy-delay is how long a deploy takes)", k.gw, r.label(), status, want)
		case err != nil:
			return fmt.Errorf("gateway %s: waiting for %s to be %s: %w", k.gw, r.label(), want, err)
		case st.Deploy.Status == want:
			return nil
		case st.Deploy.Status == failed && want == deployed:
			return fmt.Errorf("gateway %s: %s: its deploy failed (the emulator's log says why)", k.gw, r.label())
		}
		status = st.Deploy.Status
		select {
		case <-ctx.Done():
		case <-time.After(pollInterval):
		}
	}
}
