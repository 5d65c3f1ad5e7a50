package aliyun

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"

	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	gwsync "github.com/gwsync/gwsync/sync"
)

// Server defaults: what the gateway fills in when a field is not written.
const (
	defaultProtocol     = "HTTP"
	defaultPortProtocol = "TCP" // a service port's: TCP or UDP
	defaultBasePath     = "/"
)

func serviceDoc(s *alimodel.Service) *gwsync.ServiceDoc {
	d := &gwsync.ServiceDoc{SourceType: s.SourceType, Namespace: s.Namespace, GroupName: s.GroupName,
		Addresses: gwsync.SortedSet(gwsync.RefNames(s.Addresses)), Protocol: cmp.Or(s.Protocol, defaultProtocol),
		DNSServers: gwsync.SortedSet(s.DNSServers), HealthCheck: gwsync.CanonicalObject(s.HealthCheck)}
	for _, p := range s.Ports {
		d.Ports = append(d.Ports, gwsync.PortDoc{Name: p.Name, Port: p.Port, Protocol: cmp.Or(p.Protocol, defaultPortProtocol)})
	}
	slices.SortFunc(d.Ports, func(a, b gwsync.PortDoc) int { return cmp.Or(cmp.Compare(a.Port, b.Port), cmp.Compare(a.Name, b.Name)) })
	return d
}

// liveServiceDoc is a live service seen through what want declares: the
// ports and health check the gateway derives by itself are compared only
// when the desired state declares them, and of the health check only the
// keys it declares. What APIG takes but never answers (the SDK's Service
// has no dnsServers, its health check no expectedStatuses) is taken as
// wanted: gwsync writes it and cannot see it change.
func liveServiceDoc(s *alimodel.Service, want *gwsync.ServiceDoc) *gwsync.ServiceDoc {
	d := serviceDoc(s)
	if want == nil {
		return d
	}
	if want.Ports == nil {
		d.Ports = nil
	}
	d.DNSServers = want.DNSServers
	d.HealthCheck = declaredKeys(d.HealthCheck, want.HealthCheck)
	if v, ok := want.HealthCheck[writeOnlyHealthKey]; ok && d.HealthCheck != nil {
		d.HealthCheck[writeOnlyHealthKey] = v
	}
	return d
}

// writeOnlyHealthKey is the health check key APIG takes and never answers.
const writeOnlyHealthKey = "expectedStatuses"

// declaredKeys is live cut to the keys want has (nil when want is nil).
func declaredKeys(live, want map[string]any) map[string]any {
	if want == nil {
		return nil
	}
	out := map[string]any{}
	for k := range want {
		if v, ok := live[k]; ok {
			out[k] = v
		}
	}
	return out
}

func domainDoc(d *alimodel.Domain) *gwsync.DomainDoc {
	out := &gwsync.DomainDoc{Protocol: cmp.Or(strings.ToUpper(d.Protocol), defaultProtocol), CertIdentifier: d.CertIdentifier,
		MTLSEnabled: d.MTLSEnabled, ForceHTTPS: d.ForceHTTPS, TLSMin: tlsVersion(d.TLSMin), TLSMax: tlsVersion(d.TLSMax),
		CACertIdentifier: d.CACertIdentifier, HTTP2Option: d.HTTP2Option}
	if out.Protocol == "HTTP" {
		// A plain HTTP domain has no certificate and nothing to force.
		out.CertIdentifier, out.ForceHTTPS = "", false
	}
	return out
}

// liveDomainDoc is a live domain seen through what want declares: the TLS
// bounds, the CA certificate and the HTTP/2 option are compared only when
// declared (the gateway's defaults are its own).
func liveDomainDoc(d *alimodel.Domain, want *gwsync.DomainDoc) *gwsync.DomainDoc {
	out := domainDoc(d)
	if want == nil {
		return out
	}
	if want.TLSMin == "" {
		out.TLSMin = ""
	}
	if want.TLSMax == "" {
		out.TLSMax = ""
	}
	if want.CACertIdentifier == "" {
		out.CACertIdentifier = ""
	}
	if want.HTTP2Option == "" {
		out.HTTP2Option = ""
	}
	return out
}

// tlsVersion folds "TLS 1.2" into "TLS1.2".
func tlsVersion(v string) string { return strings.ReplaceAll(strings.TrimSpace(v), " ", "") }

func policyDoc(p *alimodel.Policy, description string) *gwsync.PolicyDoc {
	return &gwsync.PolicyDoc{ClassName: p.ClassName, Description: description, Config: canonicalConfig(p)}
}

// canonicalConfig is a policy's config in canonical form: the config string
// the API takes (or, failing that, the config object) decoded into plain
// JSON values, with IpAccessControl's address list sorted.
func canonicalConfig(p *alimodel.Policy) map[string]any {
	var cfg map[string]any
	if p.ConfigJSON == "" || json.Unmarshal([]byte(p.ConfigJSON), &cfg) != nil {
		cfg = gwsync.CanonicalObject(p.Config)
	}
	if cfg == nil {
		cfg = map[string]any{}
	}
	if content, ok := cfg["ipAccessControlContent"].(string); ok {
		cfg["ipAccessControlContent"] = strings.Join(gwsync.SortedSet(gwsync.SplitList(content)), ",")
	}
	return cfg
}

// livePolicyConfig is a live config seen through the desired one: keys
// only the gateway has are its own defaults and are not compared.
func livePolicyConfig(live, want map[string]any) map[string]any {
	if want == nil {
		return live
	}
	out := map[string]any{}
	for k, v := range live {
		if _, ok := want[k]; ok {
			out[k] = v
		}
	}
	return out
}

func httpAPIDoc(a *alimodel.HTTPAPI, description string) *gwsync.HTTPAPIDoc {
	protocols := gwsync.SortedSet(upper(a.Protocols))
	if protocols == nil {
		protocols = []string{defaultProtocol}
	}
	return &gwsync.HTTPAPIDoc{Description: description, BasePath: cmp.Or(a.BasePath, defaultBasePath), Protocols: protocols}
}

func upper(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = strings.ToUpper(v)
	}
	return out
}

func routeDoc(r *model.Route, description string) *gwsync.RouteDoc {
	return &gwsync.RouteDoc{API: r.API, Description: description, Environment: r.Environment.Name,
		Domains: orEmpty(gwsync.SortedSet(gwsync.RefNames(r.Domains))), Match: matchDoc(r.Match), Backend: backendDoc(r.Backend)}
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func matchDoc(m model.Match) gwsync.MatchDoc {
	return gwsync.MatchDoc{Path: gwsync.PathDoc{Type: m.Path.Type, Value: m.Path.Value}, Methods: gwsync.SortedSet(upper(m.Methods)),
		Headers: conditionDocs(m.Headers, true), QueryParams: conditionDocs(m.QueryParams, false), IgnoreURICase: m.IgnoreURICase}
}

// conditionDocs sorts conditions, which the gateway ANDs in any order;
// header names are case-insensitive.
func conditionDocs(cs []model.Condition, foldName bool) []gwsync.ConditionDoc {
	var out []gwsync.ConditionDoc
	for _, c := range cs {
		name := c.Name
		if foldName {
			name = strings.ToLower(name)
		}
		out = append(out, gwsync.ConditionDoc{Name: name, Type: c.Type, Value: c.Value})
	}
	slices.SortFunc(out, func(a, b gwsync.ConditionDoc) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Type, b.Type), cmp.Compare(a.Value, b.Value))
	})
	return slices.Compact(out)
}

// backendDoc keeps only what a scene uses: weights for
// MultiServiceByRatio, versions for MultiServiceByTag; services are sorted
// by name, since their order carries no meaning.
func backendDoc(b model.Backend) gwsync.BackendDoc {
	scene := b.Scene
	if scene == "Single" {
		scene = model.SceneSingle
	}
	out := gwsync.BackendDoc{Scene: scene}
	for _, s := range b.Services {
		bs := gwsync.BackendServiceDoc{Service: s.Service.Name, Protocol: cmp.Or(strings.ToUpper(s.Protocol), defaultProtocol), Port: s.Port}
		if scene == model.SceneRatio {
			bs.Weight = s.Weight
		}
		if scene == model.SceneTag {
			bs.Version = s.Version
		}
		out.Services = append(out.Services, bs)
	}
	slices.SortFunc(out.Services, func(a, b gwsync.BackendServiceDoc) int {
		return cmp.Or(cmp.Compare(a.Service, b.Service), cmp.Compare(a.Port, b.Port), cmp.Compare(a.Version, b.Version))
	})
	return out
}

func attachmentDoc(a *alimodel.Attachment) *gwsync.AttachmentDoc {
	return &gwsync.AttachmentDoc{Policy: a.Policy.Name, ResourceType: a.ResourceType, Resource: a.Resource,
		ResourceName: a.ResourceName, Environment: a.Environment}
}
