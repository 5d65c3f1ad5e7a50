package aliyun

import (
	"fmt"

	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	gwsync "github.com/gwsync/gwsync/sync"
)

// What an APIG change needs and what its failure marks (see sync's
// needs.go): beyond resource paths, "detach:" marks what a detach frees
// (the policy and the resource), "attach-to:" a resource an attach joins
// (its deploy waits for it), and "routes-of:" an HTTP API a route delete
// empties.

// marks lists the marks an APIG change leaves besides its resource.
func marks(c *gwsync.Change) []string {
	var out []string
	if c.Kind == gwsync.KindAttachment && c.Action == gwsync.Detach {
		out = append(out, "detach:"+alimodel.PolicyPath(c.Name), "detach:"+gwsync.AttachTarget(c))
	}
	if c.Kind == gwsync.KindAttachment && c.Action == gwsync.Attach {
		out = append(out, attachMark(gwsync.AttachTarget(c)))
	}
	if c.Kind == gwsync.KindRoute && (c.Action == gwsync.Delete || c.Action == gwsync.Replace) {
		out = append(out, "routes-of:"+alimodel.HTTPAPIPath(c.API))
		if rd, ok := c.Before.(*gwsync.RouteDoc); ok {
			out = append(out, "routes-of:"+alimodel.HTTPAPIPath(rd.API))
		}
	}
	return out
}

// needs lists the marks an APIG change depends on.
func needs(c *gwsync.Change) []string {
	switch c.Kind {
	case gwsync.KindRoute:
		return routeNeeds(c)
	case gwsync.KindAttachment:
		if a, ok := c.After.(*gwsync.AttachmentDoc); ok && c.Action == gwsync.Attach {
			return []string{alimodel.PolicyPath(a.Policy), a.Resource}
		}
	case gwsync.KindPolicy:
		if c.Action == gwsync.Delete || c.Action == gwsync.Replace {
			return []string{"detach:" + c.Resource}
		}
	case gwsync.KindHTTPAPI:
		if c.Action == gwsync.Delete {
			return []string{"routes-of:" + c.Resource}
		}
	}
	return nil
}

func routeNeeds(c *gwsync.Change) []string {
	switch c.Action {
	case gwsync.Delete:
		return []string{c.Resource, "detach:" + c.Resource}
	case gwsync.Deploy:
		// The route itself, and every attachment to it (marked by resource).
		return []string{c.Resource, attachMark(c.Resource)}
	}
	rd, ok := c.After.(*gwsync.RouteDoc)
	if !ok {
		return nil
	}
	out := []string{alimodel.HTTPAPIPath(rd.API)}
	for _, s := range rd.Backend.Services {
		out = append(out, alimodel.ServicePath(s.Service))
	}
	for _, d := range rd.Domains {
		out = append(out, alimodel.DomainPath(d))
	}
	if c.Action == gwsync.Replace {
		out = append(out, oldRoutePath(c))
	}
	return out
}

// oldRoutePath is where a replaced route lived before.
func oldRoutePath(c *gwsync.Change) string {
	if rd, ok := c.Before.(*gwsync.RouteDoc); ok {
		return model.RoutePath(rd.API, c.Name)
	}
	return c.Resource
}

// attachMark is the mark an attach leaves on its resource.
func attachMark(resource string) string { return "attach-to:" + resource }

// serialKey runs the changes of a step that attach to one resource in
// one chain: an attachment counts as a change to what it attaches to.
func serialKey(c *gwsync.Change) string {
	if c.Kind == gwsync.KindAttachment {
		return "attach:" + gwsync.AttachTarget(c)
	}
	return ""
}

// label names an attachment by its policy and what it attaches to:
// "attachment ip-whitelist -> httpApis.a.routes.r".
func label(c *gwsync.Change) string {
	if c.Kind == gwsync.KindAttachment {
		return fmt.Sprintf("attachment %s -> %s", c.Name, gwsync.AttachTarget(c))
	}
	return ""
}
