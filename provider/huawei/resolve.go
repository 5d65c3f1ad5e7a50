package huawei

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
	hwsync "github.com/gwsync/gwsync/sync/huawei"
)

// resolver turns a snapshot into the live model: IDs become names, and the
// API's spellings become the desired state's (retry_count a number,
// acl_value a list, plugin_content structured).
type resolver struct {
	live   *model.Live
	h      *hwmodel.State
	envs   map[string]string // env ID -> name
	groups map[string]*hwmodel.Group
	apis   map[string]*hwmodel.API // API ID -> API
}

func resolve(instanceID string, s *snapshot) *model.Live {
	r := &resolver{
		live: &model.Live{IDs: map[string]string{}, Fingerprints: map[string]string{}},
		h:    &hwmodel.State{}, envs: map[string]string{}, groups: map[string]*hwmodel.Group{},
		apis: map[string]*hwmodel.API{},
	}
	r.live.State.Gateway = model.Gateway{Provider: "huawei", ID: cmp.Or(s.instance.ID, instanceID)}
	r.live.State.State = r.h
	r.addEnvs(s.envs)
	r.addGroups(s.groups, s.redirects)
	r.live.Notes = append(r.live.Notes, s.notes...)
	r.addVariables(s.variables)
	r.addAPIs(s.apis)
	r.addThrottles(s.throttles, s.throttleBinds)
	r.addACLs(s.acls, s.aclBinds)
	r.addPlugins(s.plugins, s.pluginBinds)
	r.sort()
	return r.live
}

// record notes a resource's ID and fingerprint.
func (r *resolver) record(path, id string, doc []byte) {
	r.live.IDs[path] = id
	r.live.Fingerprints[path] = fingerprint(doc)
}

func (r *resolver) note(format string, args ...any) {
	r.live.Notes = append(r.live.Notes, fmt.Sprintf(format, args...))
}

func (r *resolver) addEnvs(items []item[wireEnv]) {
	for _, it := range items {
		e := it.v
		r.envs[e.ID] = e.Name
		r.record(hwmodel.EnvironmentPath(e.Name), e.ID, it.doc)
		r.h.Environments = append(r.h.Environments, &hwmodel.Environment{Name: e.Name, Remark: e.Remark})
	}
}

func (r *resolver) addGroups(items []item[wireGroup], redirects map[string]bool) {
	for _, it := range items {
		g := it.v
		mg := &hwmodel.Group{Name: g.Name, Remark: g.Remark}
		r.groups[g.ID] = mg
		r.record(hwmodel.GroupPath(g.Name), g.ID, it.doc)
		for _, d := range g.URLDomains {
			mg.Domains = append(mg.Domains, r.domain(g.Name, d, redirects[d.ID]))
		}
		r.h.Groups = append(r.h.Groups, mg)
	}
}

// domain reads a bound domain; its certificate is the one named by
// ssl_name (or the first of ssl_infos).
func (r *resolver) domain(group string, d wireDomain, redirect bool) *hwmodel.Domain {
	doc, _ := json.Marshal(d)
	path := hwmodel.DomainPath(group, d.Domain)
	r.record(path, d.ID, doc)
	_, cert := d.certificate()
	return &hwmodel.Domain{Name: d.Domain, Group: group, Certificate: model.Ref{Name: cert},
		MinSSLVersion: d.MinSslVersion, HTTPSRedirect: redirect,
		IngressHTTPPort: d.IngressHTTPPort, IngressHTTPSPort: d.IngressHTTPSPort}
}

func (r *resolver) addVariables(items []item[wireVariable]) {
	for _, it := range items {
		v := it.v
		g, env := r.groups[v.GroupID], r.envs[v.EnvID]
		if g == nil || env == "" {
			r.note("environment variable %s (%s) belongs to a group or environment the read did not find (group %s, environment %s); left out",
				v.Name, v.ID, v.GroupID, v.EnvID)
			continue
		}
		r.record(hwmodel.VariablePath(g.Name, env, v.Name), v.ID, it.doc)
		g.Variables = append(g.Variables, &hwmodel.Variable{Group: g.Name, Env: model.Ref{Name: env}, Name: v.Name, Value: v.Value})
	}
}

func (r *resolver) addAPIs(items []item[wireAPI]) {
	for _, it := range items {
		a := it.v
		g := r.groups[a.GroupID]
		if g == nil {
			r.note("API %s (%s) belongs to group %s, which the read did not find; left out", a.Name, a.ID, a.GroupID)
			continue
		}
		ma := apiModel(g.Name, a)
		r.apis[a.ID] = ma
		r.record(ma.Path(), a.ID, it.doc)
		r.addPublications(g.Name, ma, a)
		g.APIs = append(g.APIs, ma)
	}
}

// addPublications reads where an API is online: run_env_id and
// publish_id, "|"-joined in the same order.
func (r *resolver) addPublications(group string, ma *hwmodel.API, a wireAPI) {
	if a.RunEnvID == "" {
		return
	}
	envIDs, pubIDs := strings.Split(a.RunEnvID, "|"), strings.Split(a.PublishID, "|")
	for i, envID := range envIDs {
		env, ok := r.envs[envID]
		if !ok {
			r.note("API %s is published in environment %s, which the read did not find", ma.Name, envID)
			continue
		}
		ma.Publish = append(ma.Publish, model.Ref{Name: env})
		if i < len(pubIDs) {
			r.live.IDs[hwsync.PublicationKey(group, ma.Name, env)] = pubIDs[i]
		}
	}
	slices.SortFunc(ma.Publish, func(x, y model.Ref) int { return strings.Compare(x.Name, y.Name) })
}

func (r *resolver) addThrottles(items []item[wireThrottle], binds [][]wireBinding) {
	for i, it := range items {
		t := it.v
		if isLease(t.Name) {
			continue // an apply's lease, not a throttle of the desired state
		}
		r.record(hwmodel.PolicyPath(hwmodel.KindThrottle, t.Name), t.ID, it.doc)
		if t.IsIncluSpecial == 1 {
			r.note("throttle %s has special throttles (per app or tenant), which gwsync neither reads nor changes", t.Name)
		}
		r.h.Throttles = append(r.h.Throttles, &hwmodel.Throttle{Name: t.Name, Remark: t.Remark,
			APICallLimits: t.APICallLimits, UserCallLimits: t.UserCallLimits, AppCallLimits: t.AppCallLimits,
			IPCallLimits: t.IPCallLimits, TimeInterval: t.TimeInterval, TimeUnit: t.TimeUnit, Type: t.Type,
			Bind: r.bindings(hwmodel.KindThrottle, t.Name, binds[i])})
	}
}

func (r *resolver) addACLs(items []item[wireACL], binds [][]wireBinding) {
	for i, it := range items {
		a := it.v
		r.record(hwmodel.PolicyPath(hwmodel.KindACL, a.Name), a.ID, it.doc)
		ma := &hwmodel.ACL{Name: a.Name, ACLType: a.Type, EntityType: a.EntityType,
			Bind: r.bindings(hwmodel.KindACL, a.Name, binds[i])}
		for _, v := range strings.Split(a.Value, ",") {
			if v = strings.TrimSpace(v); v != "" {
				ma.Values = append(ma.Values, model.Ref{Name: v})
			}
		}
		r.h.ACLs = append(r.h.ACLs, ma)
	}
}

func (r *resolver) addPlugins(items []item[wirePlugin], binds [][]wireBinding) {
	for i, it := range items {
		p := it.v
		r.record(hwmodel.PolicyPath(hwmodel.KindPlugin, p.Name), p.ID, it.doc)
		mp := &hwmodel.Plugin{Name: p.Name, Type: p.Type, Remark: p.Remark, ContentJSON: p.Content,
			Bind: r.bindings(hwmodel.KindPlugin, p.Name, binds[i])}
		if err := json.Unmarshal([]byte(p.Content), &mp.Content); err != nil {
			r.note("plugin %s: plugin_content is not a JSON object (%v); it is read as empty", p.Name, err)
		}
		r.h.Plugins = append(r.h.Plugins, mp)
	}
}

// bindings reads a policy's bindings, by API and environment name, and
// records each binding's ID.
func (r *resolver) bindings(kind, policy string, items []wireBinding) []hwmodel.Binding {
	var out []hwmodel.Binding
	for _, b := range items {
		a, env := r.apis[b.APIID], r.envs[b.EnvID]
		if a == nil || env == "" {
			r.note("%s %s is bound to API %s in environment %s, which the read did not find; left out", kind, policy, b.APIID, b.EnvID)
			continue
		}
		r.live.IDs[hwsync.BindingKey(kind, policy, a.Group, a.Name, env)] = b.ID
		out = append(out, hwmodel.Binding{API: model.Ref{Name: a.Name}, Env: model.Ref{Name: env}})
	}
	slices.SortFunc(out, func(x, y hwmodel.Binding) int {
		return cmp.Or(strings.Compare(x.API.Name, y.API.Name), strings.Compare(x.Env.Name, y.Env.Name))
	})
	return out
}

// sort orders every list as the desired state's are ordered: by name.
func (r *resolver) sort() {
	slices.SortFunc(r.h.Environments, func(x, y *hwmodel.Environment) int { return strings.Compare(x.Name, y.Name) })
	slices.SortFunc(r.h.Groups, func(x, y *hwmodel.Group) int { return strings.Compare(x.Name, y.Name) })
	slices.SortFunc(r.h.Throttles, func(x, y *hwmodel.Throttle) int { return strings.Compare(x.Name, y.Name) })
	slices.SortFunc(r.h.ACLs, func(x, y *hwmodel.ACL) int { return strings.Compare(x.Name, y.Name) })
	slices.SortFunc(r.h.Plugins, func(x, y *hwmodel.Plugin) int { return strings.Compare(x.Name, y.Name) })
	for _, g := range r.h.Groups {
		slices.SortFunc(g.Domains, func(x, y *hwmodel.Domain) int { return strings.Compare(x.Name, y.Name) })
		slices.SortFunc(g.APIs, func(x, y *hwmodel.API) int { return strings.Compare(x.Name, y.Name) })
		slices.SortFunc(g.Variables, func(x, y *hwmodel.Variable) int {
			return cmp.Or(strings.Compare(x.Env.Name, y.Env.Name), strings.Compare(x.Name, y.Name))
		})
	}
}
