package huawei

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/gwsync/gwsync/dump"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// selection decides what of a live Huawei APIG instance the desired
// state can express, as selection does for Alibaba Cloud: the rest is left
// out, each with the reason.
//
// A resource whose remark carries another desired state's marker is left
// out, and so is what depends on it: the APIs and variables of a left-out
// group (written inside its comment), the variables of a left-out
// environment, an API published in a left-out environment, and a policy
// bound to a left-out API or in a left-out environment (a policy is
// declared only with all its bindings: declaring it without one would make
// gwsync unbind it). A plugin whose plugin_content is not a JSON object is
// left out too.
type selection struct {
	h     *hwmodel.State
	owner string
	// out maps the resource path of each left-out resource to why.
	out map[string]string
	// apis maps an API name to the live API.
	apis map[string]*hwmodel.API
}

func choose(h *hwmodel.State, owner string) *selection {
	s := &selection{h: h, out: map[string]string{}, apis: map[string]*hwmodel.API{}}
	s.owner = cmp.Or(owner, dump.MostMarked(remarks(h)))
	for _, e := range h.Environments {
		if e.Name != hwmodel.ReleaseEnv {
			s.leaveIfOther(hwmodel.EnvironmentPath(e.Name), e.Remark)
		}
	}
	for _, g := range h.Groups {
		gpath := hwmodel.GroupPath(g.Name)
		s.leaveIfOther(gpath, g.Remark)
		for _, v := range g.Variables {
			if s.left(hwmodel.EnvironmentPath(v.Env.Name)) {
				s.out[hwmodel.VariablePath(g.Name, v.Env.Name, v.Name)] = fmt.Sprintf("its environment %q is left out", v.Env.Name)
			}
		}
		for _, a := range g.APIs {
			s.apis[a.Name] = a
			s.leaveIfOther(a.Path(), a.Remark)
			for _, e := range a.Publish {
				if s.left(hwmodel.EnvironmentPath(e.Name)) && !s.left(a.Path()) {
					s.out[a.Path()] = fmt.Sprintf("it is published in environment %q, which is left out", e.Name)
				}
			}
		}
	}
	for _, t := range h.Throttles {
		s.choosePolicy(hwmodel.KindThrottle, t.Name, t.Remark, t.Bind)
	}
	for _, a := range h.ACLs {
		s.choosePolicy(hwmodel.KindACL, a.Name, "", a.Bind)
	}
	for _, p := range h.Plugins {
		path := hwmodel.PolicyPath(hwmodel.KindPlugin, p.Name)
		if p.Content == nil {
			s.out[path] = "its plugin_content is not a JSON object, and the desired state writes it as structured CUE"
			continue
		}
		s.choosePolicy(hwmodel.KindPlugin, p.Name, p.Remark, p.Bind)
	}
	return s
}

// remarks are the remarks that may carry an ownership marker.
func remarks(h *hwmodel.State) []string {
	var out []string
	for _, e := range h.Environments {
		out = append(out, e.Remark)
	}
	for _, g := range h.Groups {
		out = append(out, g.Remark)
		for _, a := range g.APIs {
			out = append(out, a.Remark)
		}
	}
	for _, t := range h.Throttles {
		out = append(out, t.Remark)
	}
	for _, p := range h.Plugins {
		out = append(out, p.Remark)
	}
	return out
}

func (s *selection) leaveIfOther(path, remark string) {
	if why := dump.OtherOwnerWhy("remark", s.owner, remark); why != "" {
		s.out[path] = why
	}
}

func (s *selection) choosePolicy(kind, name, remark string, bind []hwmodel.Binding) {
	path := hwmodel.PolicyPath(kind, name)
	if why := dump.OtherOwnerWhy("remark", s.owner, remark); why != "" {
		s.out[path] = why
		return
	}
	var why []string
	for _, b := range bind {
		api := s.apis[b.API.Name]
		switch {
		case api == nil:
			why = append(why, fmt.Sprintf("it is bound to API %q, which the read did not find", b.API.Name))
		case s.apiLeft(api):
			why = append(why, fmt.Sprintf("it is bound to API %q, which is left out", b.API.Name))
		case s.left(hwmodel.EnvironmentPath(b.Env.Name)):
			why = append(why, fmt.Sprintf("it is bound in environment %q, which is left out", b.Env.Name))
		}
	}
	if len(why) > 0 {
		s.out[path] = strings.Join(why, "; ")
	}
}

// left reports whether the resource at path is left out.
func (s *selection) left(path string) bool {
	_, ok := s.out[path]
	return ok
}

// apiLeft reports whether an API is left out, itself or with its group.
func (s *selection) apiLeft(a *hwmodel.API) bool {
	return s.left(a.Path()) || s.left(hwmodel.GroupPath(a.Group))
}
