package aliyun

import (
	"fmt"

	"github.com/gwsync/gwsync/diag"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	gwsync "github.com/gwsync/gwsync/sync"
)

// services plans the services: create, update, or replace when a field
// APIG cannot update changes (sourceType, namespace, groupName).
func (df *differ) services() {
	for _, s := range df.want.Services {
		want := serviceDoc(s)
		path := alimodel.ServicePath(s.Name)
		live := df.idx.services[s.Name]
		if live == nil {
			df.Compare(gwsync.KindService, s.Name, path, s.Pos, nil, want)
			continue
		}
		have := liveServiceDoc(live, want)
		if field := immutableServiceField(have, want); field != "" {
			df.replaceService(s, have, want, field)
			continue
		}
		df.Compare(gwsync.KindService, s.Name, path, s.Pos, have, want)
	}
	unmanagedBackends(df, gwsync.KindService, df.have.Services, func(s *alimodel.Service) string { return s.Name }, alimodel.ServicePath, df.idx.serviceUsers)
}

func immutableServiceField(have, want *gwsync.ServiceDoc) string {
	switch {
	case have.SourceType != want.SourceType:
		return "sourceType"
	case have.Namespace != want.Namespace:
		return "namespace"
	case have.GroupName != want.GroupName:
		return "groupName"
	}
	return ""
}

// replaceService deletes and creates a service again, which is possible
// only while no live route uses it.
func (df *differ) replaceService(s *alimodel.Service, have, want *gwsync.ServiceDoc, field string) {
	path := alimodel.ServicePath(s.Name)
	if users := df.idx.serviceUsers[s.Name]; len(users) > 0 {
		df.Errorf(diag.RuleLiveReplace, path, s.Pos,
			"service %q (%s) cannot change its %s in place, and live routes use it (%s): declare a new service under another name, move the routes to it, then remove this one",
			s.Name, df.ID(path), field, gwsync.ListNames(users))
		return
	}
	df.Gone[path] = true
	df.Add(&gwsync.Change{Action: gwsync.Replace, Kind: gwsync.KindService, Name: s.Name, Resource: path, ID: df.ID(path), Before: have, After: want,
		Fields: gwsync.FieldChanges(have, want), Pos: s.Pos, Reason: field + " cannot be changed in place"})
}

func (df *differ) domains() {
	for _, dm := range df.want.Domains {
		want := domainDoc(dm)
		path := alimodel.DomainPath(dm.Name)
		var have gwsync.Document
		if live := df.idx.domains[dm.Name]; live != nil {
			have = liveDomainDoc(live, want)
		}
		df.Compare(gwsync.KindDomain, dm.Name, path, dm.Pos, have, want)
	}
	unmanagedBackends(df, gwsync.KindDomain, df.have.Domains, func(d *alimodel.Domain) string { return d.Name }, alimodel.DomainPath, df.idx.domainUsers)
}

// unmanagedBackendsReason says why an undeclared service or domain is left
// alone.
func unmanagedBackendsReason(k gwsync.Kind, users []string) string {
	why := fmt.Sprintf("not declared; APIG keeps no description on a %s, so gwsync cannot show it created this one and never deletes it", k)
	if len(users) > 0 {
		return why + " (used by live routes " + gwsync.ListNames(users) + ")"
	}
	return why + "; delete it in the console if it is yours and unused"
}

// unmanagedBackends notes the live services or domains the desired state
// does not declare. APIG gives them no description, so they carry no
// ownership marker and gwsync never deletes them.
func unmanagedBackends[T any](df *differ, k gwsync.Kind, items []T, name func(T) string, path func(string) string, users map[string][]string) {
	for _, it := range items {
		n := name(it)
		if p := path(n); !df.Declared[p] {
			df.Note(k, n, p, unmanagedBackendsReason(k, users[n]))
		}
	}
}
