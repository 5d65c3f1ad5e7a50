package sync

import (
	"strings"

	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// What a Huawei change needs and what its failure marks (see needs.go):
// beyond resource paths, "unbind-of:" marks what a detach frees (the
// policy and the API), "offline-of:" and "offline-in:" what an offline
// frees (the API and the environment), "contents-of:" a group a delete
// empties, "in-env:" an environment a variable delete empties,
// "domain-free:" a domain unbound from a group, and "api-name:" an API
// name a delete frees.

// ParseHuaweiPublicationKey splits a HuaweiPublicationKey into the API's
// resource path and the environment's name.
func ParseHuaweiPublicationKey(key string) (apiPath, env string, ok bool) {
	rest, ok := strings.CutPrefix(key, "publications.")
	if !ok {
		return "", "", false
	}
	env, apiPath, ok = strings.Cut(rest, "@")
	return apiPath, env, ok
}

// huaweiMarks lists the marks a Huawei change leaves besides its
// resource, or nil.
func huaweiMarks(c *Change) []string {
	switch c.Kind {
	case KindBinding:
		if b, ok := c.Before.(*HuaweiBindingDoc); ok && c.Action == Detach {
			return []string{"unbind-of:" + hwmodel.PolicyPath(b.PolicyKind, b.Policy), "unbind-of:" + hwmodel.APIPath(b.Group, b.API)}
		}
	case KindAPI:
		return apiMarks(c)
	case KindVariable:
		if v, ok := c.Before.(*HuaweiVariableDoc); ok && c.Action == Delete {
			return []string{"contents-of:" + hwmodel.GroupPath(v.Group), "in-env:" + hwmodel.EnvironmentPath(v.Env)}
		}
	case KindDomain:
		if _, ok := c.Before.(*HuaweiDomainDoc); ok && c.Action == Delete {
			return []string{"domain-free:" + c.Name}
		}
	}
	return nil
}

func apiMarks(c *Change) []string {
	switch c.Action {
	case Undeploy:
		if apiPath, env, ok := ParseHuaweiPublicationKey(c.Resource); ok {
			return []string{"offline-of:" + apiPath, "offline-in:" + hwmodel.EnvironmentPath(env)}
		}
	case Delete:
		if a, ok := c.Before.(*HuaweiAPIDoc); ok {
			return []string{"contents-of:" + hwmodel.GroupPath(a.Group), "api-name:" + c.Name}
		}
	}
	return nil
}

// huaweiNeeds lists the marks a Huawei change depends on; ok is false
// for a change of another provider.
func huaweiNeeds(c *Change) (out []string, ok bool) {
	switch c.Kind {
	case KindEnvironment:
		if c.Action == Delete {
			return []string{"offline-in:" + c.Resource, "in-env:" + c.Resource}, true
		}
		return nil, true
	case KindGroup:
		if c.Action == Delete {
			return []string{"contents-of:" + c.Resource}, true
		}
		return nil, true
	case KindVariable:
		if v, ok := c.After.(*HuaweiVariableDoc); ok {
			return []string{hwmodel.GroupPath(v.Group), hwmodel.EnvironmentPath(v.Env)}, true
		}
		return nil, true
	case KindAPI:
		return apiNeeds(c), true
	case KindThrottle, KindACL, KindPlugin:
		if c.Action == Delete {
			return []string{"unbind-of:" + c.Resource}, true
		}
		return nil, true
	case KindBinding:
		if b, ok := c.After.(*HuaweiBindingDoc); ok {
			api := hwmodel.APIPath(b.Group, b.API)
			return []string{hwmodel.PolicyPath(b.PolicyKind, b.Policy), api, HuaweiPublicationKey(b.Group, b.API, b.Env)}, true
		}
		return nil, true
	case KindDomain:
		if d, ok := c.After.(*HuaweiDomainDoc); ok {
			return []string{hwmodel.GroupPath(d.Group), "domain-free:" + c.Name}, true
		}
	}
	return nil, false
}

func apiNeeds(c *Change) []string {
	switch c.Action {
	case Deploy:
		if apiPath, env, ok := ParseHuaweiPublicationKey(c.Resource); ok {
			return []string{apiPath, hwmodel.EnvironmentPath(env)}
		}
	case Delete:
		return []string{"offline-of:" + c.Resource, "unbind-of:" + c.Resource}
	case Create, Update:
		// A create needs its name freed when an API moves groups.
		if a, ok := c.After.(*HuaweiAPIDoc); ok {
			return []string{hwmodel.GroupPath(a.Group), "api-name:" + c.Name}
		}
	}
	return nil
}
