package aliyun

import (
	"slices"
	"strings"

	"github.com/gwsync/gwsync/model"
	gwsync "github.com/gwsync/gwsync/sync"
)

// liveIndex finds live resources by name.
type liveIndex struct {
	environments map[string]*model.Environment
	services     map[string]*model.Service
	domains      map[string]*model.Domain
	policies     map[string]*model.Policy
	apis         map[string]*model.HTTPAPI
	routes       map[string]*model.Route // by route name: unique per gateway
	attachments  map[string]*model.Attachment
	// serviceUsers and domainUsers name the live routes that use each
	// service and domain.
	serviceUsers map[string][]string
	domainUsers  map[string][]string
}

func indexLive(l *model.Live) liveIndex {
	x := liveIndex{
		environments: gwsync.ByName(l.State.Environments, func(e *model.Environment) string { return e.Name }),
		services:     gwsync.ByName(l.State.Services, func(s *model.Service) string { return s.Name }),
		domains:      gwsync.ByName(l.State.Domains, func(d *model.Domain) string { return d.Name }),
		policies:     gwsync.ByName(l.State.Policies, func(p *model.Policy) string { return p.Name }),
		apis:         gwsync.ByName(l.State.HTTPAPIs, func(a *model.HTTPAPI) string { return a.Name }),
		routes:       gwsync.ByName(l.State.Routes(), func(r *model.Route) string { return r.Name }),
		attachments:  map[string]*model.Attachment{},
		serviceUsers: map[string][]string{}, domainUsers: map[string][]string{},
	}
	for _, a := range l.State.Attachments {
		x.attachments[model.AttachmentKey(a.Policy.Name, a.Resource)] = a
	}
	for _, r := range l.State.Routes() {
		for _, s := range r.Backend.Services {
			x.serviceUsers[s.Service.Name] = append(x.serviceUsers[s.Service.Name], r.Name)
		}
		for _, d := range r.Domains {
			x.domainUsers[d.Name] = append(x.domainUsers[d.Name], r.Name)
		}
	}
	return x
}

// environmentNames lists the live environments for messages.
func (x liveIndex) environmentNames() string {
	names := make([]string, 0, len(x.environments))
	for n := range x.environments {
		names = append(names, "\""+n+"\"")
	}
	slices.Sort(names)
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
