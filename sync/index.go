package sync

import (
	"cmp"
	"slices"
	"strings"

	"github.com/gwsync/gwsync/model"
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
		environments: byName(l.State.Environments, func(e *model.Environment) string { return e.Name }),
		services:     byName(l.State.Services, func(s *model.Service) string { return s.Name }),
		domains:      byName(l.State.Domains, func(d *model.Domain) string { return d.Name }),
		policies:     byName(l.State.Policies, func(p *model.Policy) string { return p.Name }),
		apis:         byName(l.State.HTTPAPIs, func(a *model.HTTPAPI) string { return a.Name }),
		routes:       byName(l.State.Routes(), func(r *model.Route) string { return r.Name }),
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

func byName[T any](items []T, name func(T) string) map[string]T {
	out := make(map[string]T, len(items))
	for _, it := range items {
		out[name(it)] = it
	}
	return out
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

// sortNotes orders notes by kind, then resource.
func sortNotes(ns []Note) {
	slices.SortFunc(ns, func(a, b Note) int {
		return cmp.Or(cmp.Compare(kindRank[a.Kind], kindRank[b.Kind]), cmp.Compare(a.Resource, b.Resource))
	})
}
