package huawei

import (
	"strings"

	hwmodel "github.com/gwsync/gwsync/model/huawei"
	gwsync "github.com/gwsync/gwsync/sync"
)

// What a Huawei change needs and what its failure marks (see sync's
// needs.go):
// beyond resource paths, "unbind-of:" marks what a detach frees (the
// policy and the API), "offline-of:" and "offline-in:" what an offline
// frees (the API and the environment), "contents-of:" a group a delete
// empties, "in-env:" an environment a variable delete empties,
// "domain-free:" a domain unbound from a group, and "api-name:" an API
// name a delete frees.

// ParsePublicationKey splits a PublicationKey into the API's
// resource path and the environment's name.
func ParsePublicationKey(key string) (apiPath, env string, ok bool) {
	rest, ok := strings.CutPrefix(key, "publications.")
	if !ok {
		return "", "", false
	}
	env, apiPath, ok = strings.Cut(rest, "@")
	return apiPath, env, ok
}

// marks lists the marks a Huawei change leaves besides its resource, or
// nil.
func marks(c *gwsync.Change) []string {
	switch c.Kind {
	case KindBinding:
		if b, ok := c.Before.(*BindingDoc); ok && c.Action == gwsync.Detach {
			return []string{"unbind-of:" + hwmodel.PolicyPath(b.PolicyKind, b.Policy), "unbind-of:" + hwmodel.APIPath(b.Group, b.API)}
		}
	case KindAPI:
		return apiMarks(c)
	case KindVariable:
		if v, ok := c.Before.(*VariableDoc); ok && c.Action == gwsync.Delete {
			return []string{"contents-of:" + hwmodel.GroupPath(v.Group), "in-env:" + hwmodel.EnvironmentPath(v.Env)}
		}
	case gwsync.KindDomain:
		if _, ok := c.Before.(*DomainDoc); ok && c.Action == gwsync.Delete {
			return []string{"domain-free:" + c.Name}
		}
	}
	return nil
}

func apiMarks(c *gwsync.Change) []string {
	switch c.Action {
	case gwsync.Undeploy:
		if apiPath, env, ok := ParsePublicationKey(c.Resource); ok {
			return []string{"offline-of:" + apiPath, "offline-in:" + hwmodel.EnvironmentPath(env)}
		}
	case gwsync.Delete:
		if a, ok := c.Before.(*APIDoc); ok {
			return []string{"contents-of:" + hwmodel.GroupPath(a.Group), "api-name:" + c.Name}
		}
	}
	return nil
}

// needs lists the marks a Huawei change depends on.
func needs(c *gwsync.Change) []string {
	switch c.Kind {
	case KindEnvironment:
		if c.Action == gwsync.Delete {
			return []string{"offline-in:" + c.Resource, "in-env:" + c.Resource}
		}
	case KindGroup:
		if c.Action == gwsync.Delete {
			return []string{"contents-of:" + c.Resource}
		}
	case KindVariable:
		if v, ok := c.After.(*VariableDoc); ok {
			return []string{hwmodel.GroupPath(v.Group), hwmodel.EnvironmentPath(v.Env)}
		}
	case KindAPI:
		return apiNeeds(c)
	case KindThrottle, KindACL, KindPlugin:
		if c.Action == gwsync.Delete {
			return []string{"unbind-of:" + c.Resource}
		}
	case KindBinding:
		if b, ok := c.After.(*BindingDoc); ok {
			api := hwmodel.APIPath(b.Group, b.API)
			return []string{hwmodel.PolicyPath(b.PolicyKind, b.Policy), api, PublicationKey(b.Group, b.API, b.Env)}
		}
	case gwsync.KindDomain:
		if d, ok := c.After.(*DomainDoc); ok {
			return []string{hwmodel.GroupPath(d.Group), "domain-free:" + c.Name}
		}
	}
	return nil
}

func apiNeeds(c *gwsync.Change) []string {
	switch c.Action {
	case gwsync.Deploy:
		if apiPath, env, ok := ParsePublicationKey(c.Resource); ok {
			return []string{apiPath, hwmodel.EnvironmentPath(env)}
		}
	case gwsync.Delete:
		return []string{"offline-of:" + c.Resource, "unbind-of:" + c.Resource}
	case gwsync.Create, gwsync.Update:
		// A create needs its name freed when an API moves groups.
		if a, ok := c.After.(*APIDoc); ok {
			return []string{hwmodel.GroupPath(a.Group), "api-name:" + c.Name}
		}
	}
	return nil
}
