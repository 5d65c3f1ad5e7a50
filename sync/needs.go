package sync

import "github.com/gwsync/gwsync/model"

// What a change needs, and what its failure marks: a change is skipped
// when any mark it needs was left by a failed or skipped change. Marks
// are resource paths, plus "detach:" marks for what a detach frees.

// marks lists what a change that did not happen leaves unusable.
func marks(c *Change) []string {
	out := []string{c.Resource}
	if hw := huaweiMarks(c); hw != nil {
		return append(out, hw...)
	}
	if c.Kind == KindAttachment && c.Action == Detach {
		out = append(out, "detach:"+model.PolicyPath(c.Name), "detach:"+attachTarget(c))
	}
	if c.Kind == KindAttachment && c.Action == Attach {
		out = append(out, attachMark(attachTarget(c)))
	}
	if c.Kind == KindRoute && (c.Action == Delete || c.Action == Replace) {
		out = append(out, "routes-of:"+model.HTTPAPIPath(c.API))
		if rd, ok := c.Before.(*RouteDoc); ok {
			out = append(out, "routes-of:"+model.HTTPAPIPath(rd.API))
		}
	}
	return out
}

// needs lists the marks a change depends on.
func needs(c *Change) []string {
	if hw, ok := huaweiNeeds(c); ok {
		return hw
	}
	switch c.Kind {
	case KindRoute:
		return routeNeeds(c)
	case KindAttachment:
		if a, ok := c.After.(*AttachmentDoc); ok && c.Action == Attach {
			return []string{model.PolicyPath(a.Policy), a.Resource}
		}
	case KindPolicy:
		if c.Action == Delete || c.Action == Replace {
			return []string{"detach:" + c.Resource}
		}
	case KindHTTPAPI:
		if c.Action == Delete {
			return []string{"routes-of:" + c.Resource}
		}
	}
	return nil
}

func routeNeeds(c *Change) []string {
	switch c.Action {
	case Delete:
		return []string{c.Resource, "detach:" + c.Resource}
	case Deploy:
		// The route itself, and every attachment to it (marked by resource).
		return []string{c.Resource, attachMark(c.Resource)}
	}
	rd, ok := c.After.(*RouteDoc)
	if !ok {
		return nil
	}
	out := []string{model.HTTPAPIPath(rd.API)}
	for _, s := range rd.Backend.Services {
		out = append(out, model.ServicePath(s.Service))
	}
	for _, d := range rd.Domains {
		out = append(out, model.DomainPath(d))
	}
	if c.Action == Replace {
		out = append(out, oldRoutePath(c))
	}
	return out
}

// oldRoutePath is where a replaced route lived before.
func oldRoutePath(c *Change) string {
	if rd, ok := c.Before.(*RouteDoc); ok {
		return model.RoutePath(rd.API, c.Name)
	}
	return c.Resource
}

// attachMark is the mark an attach leaves on its resource.
func attachMark(resource string) string { return "attach-to:" + resource }
