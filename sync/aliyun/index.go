package aliyun

import (
	"slices"
	"strings"

	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	gwsync "github.com/gwsync/gwsync/sync"
)

// liveIndex finds live resources by name.
type liveIndex struct {
	environments map[string]*alimodel.Environment
	services     map[string]*alimodel.Service
	domains      map[string]*alimodel.Domain
	policies     map[string]*alimodel.Policy
	apis         map[string]*alimodel.HTTPAPI
	routes       map[string]*model.Route // by route name: unique per gateway
	attachments  map[string]*alimodel.Attachment
	// serviceUsers and domainUsers name the live routes that use each
	// service and domain.
	serviceUsers map[string][]string
	domainUsers  map[string][]string
}

func indexLive(ls *alimodel.State) liveIndex {
	x := liveIndex{
		environments: gwsync.ByName(ls.Environments, func(e *alimodel.Environment) string { return e.Name }),
		services:     gwsync.ByName(ls.Services, func(s *alimodel.Service) string { return s.Name }),
		domains:      gwsync.ByName(ls.Domains, func(d *alimodel.Domain) string { return d.Name }),
		policies:     gwsync.ByName(ls.Policies, func(p *alimodel.Policy) string { return p.Name }),
		apis:         gwsync.ByName(ls.HTTPAPIs, func(a *alimodel.HTTPAPI) string { return a.Name }),
		routes:       gwsync.ByName(ls.Routes(), func(r *model.Route) string { return r.Name }),
		attachments:  map[string]*alimodel.Attachment{},
		serviceUsers: map[string][]string{}, domainUsers: map[string][]string{},
	}
	for _, a := range ls.Attachments {
		x.attachments[alimodel.AttachmentKey(a.Policy.Name, a.Resource)] = a
	}
	for _, r := range ls.Routes() {
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
