package aliyun

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"maps"
	"strings"

	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	gwsync "github.com/gwsync/gwsync/sync"
)

// The requests Execute sends, one section per kind: the request bodies,
// the create, update and delete of each kind, and the look-up by name that
// turns a duplicate-name refusal into a *sync.ExistsError.

// defaultServiceProtocol is the protocol APIG gives a new service.
const defaultServiceProtocol = "HTTP"

// allEnvironments is the environmentId of an attachment tied to none.
const allEnvironments = "*"

// ---- services

type serviceConfigBody struct {
	Name       string   `json:"name"`
	Namespace  string   `json:"namespace,omitempty"`
	GroupName  string   `json:"groupName,omitempty"`
	Addresses  []string `json:"addresses,omitempty"`
	DNSServers []string `json:"dnsServers,omitempty"`
}

type createServiceBody struct {
	GatewayID      string              `json:"gatewayId"`
	SourceType     string              `json:"sourceType"`
	ServiceConfigs []serviceConfigBody `json:"serviceConfigs"`
}

type servicePortBody struct {
	Name     string `json:"name,omitempty"`
	Port     int    `json:"port"`
	Protocol string `json:"protocol,omitempty"`
}

type updateServiceBody struct {
	Addresses         []string          `json:"addresses,omitempty"`
	DNSServers        []string          `json:"dnsServers,omitempty"`
	Ports             []servicePortBody `json:"ports,omitempty"`
	Protocol          string            `json:"protocol,omitempty"`
	HealthCheckConfig map[string]any    `json:"healthCheckConfig,omitempty"`
}

func servicePath(id string) string { return "/v1/services/" + PathEscape(id) }

// createService creates a service, then sets what CreateService cannot:
// ports, a protocol other than the default, a health check. If that
// second call fails, the new ID is returned with the error. The create
// carries a fresh clientToken, so its retries cannot make two services.
func createService(ctx context.Context, x *execution) (string, error) {
	d, err := docOf[*gwsync.ServiceDoc](x, x.c.After, "after")
	if err != nil {
		return "", err
	}
	body := createServiceBody{GatewayID: x.g.gatewayID, SourceType: d.SourceType, ServiceConfigs: []serviceConfigBody{{
		Name: x.c.Name, Namespace: d.Namespace, GroupName: d.GroupName, Addresses: d.Addresses, DNSServers: d.DNSServers}}}
	id, err := callID[serviceCreated](ctx, x, Request{Action: "CreateService", Method: "POST", Path: "/v1/services",
		Query: map[string]string{"clientToken": rand.Text()}, Body: body})
	if err != nil || !needsServiceUpdate(d) {
		return id, err
	}
	if err := updateService(ctx, x, id); err != nil {
		return id, fmt.Errorf("%w (the service was created as %s without its ports, protocol or health check)", err, id)
	}
	return id, nil
}

// needsServiceUpdate reports whether a new service declares what only
// UpdateService sets.
func needsServiceUpdate(d *gwsync.ServiceDoc) bool {
	return len(d.Ports) > 0 || len(d.HealthCheck) > 0 || (d.Protocol != "" && d.Protocol != defaultServiceProtocol)
}

func updateService(ctx context.Context, x *execution, id string) error {
	d, err := docOf[*gwsync.ServiceDoc](x, x.c.After, "after")
	if err != nil {
		return err
	}
	body := updateServiceBody{Addresses: d.Addresses, DNSServers: d.DNSServers, Protocol: d.Protocol, HealthCheckConfig: healthCheckBody(d.HealthCheck)}
	for _, p := range d.Ports {
		body.Ports = append(body.Ports, servicePortBody(p))
	}
	_, err = x.call(ctx, Request{Action: "UpdateService", Method: "PUT", Path: servicePath(id), Body: body})
	return err
}

// healthCheckBody is a health check as UpdateService takes it: the SDK's
// healthCheckConfig types expectedStatuses as strings ("200"), which the
// desired state writes as numbers.
func healthCheckBody(hc map[string]any) map[string]any {
	codes, ok := hc["expectedStatuses"].([]any)
	if !ok {
		return hc
	}
	out := maps.Clone(hc)
	statuses := make([]string, len(codes))
	for i, c := range codes {
		statuses[i] = fmt.Sprint(c)
	}
	out["expectedStatuses"] = statuses
	return out
}

func deleteService(_ *execution, id string) (Request, error) {
	return Request{Action: "DeleteService", Method: "DELETE", Path: servicePath(id)}, nil
}

func findService(ctx context.Context, x *execution) (string, error) {
	var items []wireService
	q := map[string]string{"gatewayId": x.g.gatewayID, "name": x.c.Name}
	if err := listAll(ctx, x.g.c, "ListServices", "/v1/services", q, &items); err != nil {
		return "", err
	}
	for _, s := range items {
		if s.Name == x.c.Name {
			return s.ServiceID, nil
		}
	}
	return "", nil
}

// ---- domains

type domainBody struct {
	Name             string `json:"name,omitempty"`
	Protocol         string `json:"protocol,omitempty"`
	CertIdentifier   string `json:"certIdentifier,omitempty"`
	CACertIdentifier string `json:"caCertIdentifier,omitempty"`
	MTLSEnabled      bool   `json:"mTLSEnabled"`
	ForceHTTPS       bool   `json:"forceHttps"`
	HTTP2Option      string `json:"http2Option,omitempty"`
	TLSMin           string `json:"tlsMin,omitempty"`
	TLSMax           string `json:"tlsMax,omitempty"`
	GatewayType      string `json:"gatewayType,omitempty"`
}

func domainPath(id string) string { return "/v1/domains/" + PathEscape(id) }

// newDomainBody is the body of UpdateDomain: CreateDomain's without the
// name and gateway type, which cannot change.
func newDomainBody(x *execution) (domainBody, error) {
	d, err := docOf[*gwsync.DomainDoc](x, x.c.After, "after")
	if err != nil {
		return domainBody{}, err
	}
	return domainBody{Protocol: d.Protocol, CertIdentifier: d.CertIdentifier, CACertIdentifier: d.CACertIdentifier,
		MTLSEnabled: d.MTLSEnabled, ForceHTTPS: d.ForceHTTPS, HTTP2Option: d.HTTP2Option, TLSMin: d.TLSMin, TLSMax: d.TLSMax}, nil
}

func createDomain(ctx context.Context, x *execution) (string, error) {
	body, err := newDomainBody(x)
	if err != nil {
		return "", err
	}
	body.Name, body.GatewayType = x.c.Name, "API"
	return callID[domainCreated](ctx, x, Request{Action: "CreateDomain", Method: "POST", Path: "/v1/domains", Body: body})
}

func updateDomain(ctx context.Context, x *execution, id string) error {
	body, err := newDomainBody(x)
	if err != nil {
		return err
	}
	_, err = x.call(ctx, Request{Action: "UpdateDomain", Method: "PUT", Path: domainPath(id), Body: body})
	return err
}

func deleteDomain(_ *execution, id string) (Request, error) {
	return Request{Action: "DeleteDomain", Method: "DELETE", Path: domainPath(id)}, nil
}

// findDomain looks the domain up by name among all the account's: domains
// are the account's (CreateDomain names no gateway), their names unique
// with the gateway type, and not case sensitive (nameLike may be).
func findDomain(ctx context.Context, x *execution) (string, error) {
	var items []wireDomain
	q := map[string]string{"gatewayType": "API"}
	if err := listAll(ctx, x.g.c, "ListDomains", "/v1/domains", q, &items); err != nil {
		return "", err
	}
	for _, d := range items {
		if strings.EqualFold(d.Name, x.c.Name) {
			return d.DomainID, nil
		}
	}
	return "", nil
}

// ---- policies

type policyBody struct {
	ClassName   string `json:"className,omitempty"`
	Config      string `json:"config"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

func policyPath(id string) string { return "/v2/policies/" + PathEscape(id) }

// newPolicyBody is the body of UpdatePolicy; CreatePolicy adds the
// className.
func newPolicyBody(x *execution) (policyBody, *gwsync.PolicyDoc, error) {
	d, err := docOf[*gwsync.PolicyDoc](x, x.c.After, "after")
	if err != nil {
		return policyBody{}, nil, err
	}
	cfg, err := configString(d.Config)
	if err != nil {
		return policyBody{}, nil, fmt.Errorf("%s: encoding the config: %w", x.c.Label(), err)
	}
	return policyBody{Config: cfg, Name: x.c.Name, Description: d.Description}, d, nil
}

// configString is a policy config as the JSON string APIG takes: keys
// sorted, no HTML escaping, "{}" for none.
func configString(cfg map[string]any) (string, error) {
	if cfg == nil {
		cfg = map[string]any{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(cfg); err != nil {
		return "", err
	}
	return strings.TrimSuffix(buf.String(), "\n"), nil
}

func createPolicy(ctx context.Context, x *execution) (string, error) {
	body, d, err := newPolicyBody(x)
	if err != nil {
		return "", err
	}
	body.ClassName = d.ClassName
	return callID[policyCreated](ctx, x, Request{Action: "CreatePolicy", Method: "POST", Path: "/v2/policies", Body: body})
}

func updatePolicy(ctx context.Context, x *execution, id string) error {
	body, _, err := newPolicyBody(x)
	if err != nil {
		return err
	}
	_, err = x.call(ctx, Request{Action: "UpdatePolicy", Method: "PUT", Path: policyPath(id), Body: body})
	return err
}

func deletePolicy(_ *execution, id string) (Request, error) {
	return Request{Action: "DeletePolicy", Method: "DELETE", Path: policyPath(id)}, nil
}

// findPolicy looks the policy up by name among all the account's: policies
// are the account's (CreatePolicy names no gateway).
func findPolicy(ctx context.Context, x *execution) (string, error) {
	var items []raw[wirePolicy]
	if err := listPolicyPages(ctx, x.g.c, map[string]string{}, &items); err != nil {
		return "", err
	}
	for _, p := range items {
		if p.v.Name == x.c.Name {
			return p.v.PolicyID, nil
		}
	}
	return "", nil
}

// ---- HTTP APIs

type httpAPIBody struct {
	Name string `json:"name,omitempty"`
	Type string `json:"type,omitempty"`
	// BelongGatewayID is the gateway the API belongs to (CreateHttpApi
	// names no gatewayId: HTTP APIs are the account's).
	BelongGatewayID string   `json:"belongGatewayId,omitempty"`
	BasePath        string   `json:"basePath"`
	Protocols       []string `json:"protocols,omitempty"`
	Description     string   `json:"description"`
}

func apiPath(id string) string { return "/v1/http-apis/" + PathEscape(id) }

// newHTTPAPIBody is the body of UpdateHttpApi: CreateHttpApi's without the
// name and type, which cannot change.
func newHTTPAPIBody(x *execution) (httpAPIBody, error) {
	d, err := docOf[*gwsync.HTTPAPIDoc](x, x.c.After, "after")
	if err != nil {
		return httpAPIBody{}, err
	}
	return httpAPIBody{BasePath: d.BasePath, Protocols: d.Protocols, Description: d.Description}, nil
}

func createHTTPAPI(ctx context.Context, x *execution) (string, error) {
	body, err := newHTTPAPIBody(x)
	if err != nil {
		return "", err
	}
	body.Name, body.Type, body.BelongGatewayID = x.c.Name, "Http", x.g.gatewayID
	return callID[httpAPICreated](ctx, x, Request{Action: "CreateHttpApi", Method: "POST", Path: "/v1/http-apis", Body: body})
}

func updateHTTPAPI(ctx context.Context, x *execution, id string) error {
	body, err := newHTTPAPIBody(x)
	if err != nil {
		return err
	}
	_, err = x.call(ctx, Request{Action: "UpdateHttpApi", Method: "PUT", Path: apiPath(id), Body: body})
	return err
}

func deleteHTTPAPI(_ *execution, id string) (Request, error) {
	return Request{Action: "DeleteHttpApi", Method: "DELETE", Path: apiPath(id)}, nil
}

// findHTTPAPI looks up an Http API of the name; an API of another type
// holding it is not one gwsync could adopt.
func findHTTPAPI(ctx context.Context, x *execution) (string, error) {
	var groups []wireAPIGroup
	q := map[string]string{"gatewayId": x.g.gatewayID, "name": x.c.Name, "types": "Http"}
	if err := listAll(ctx, x.g.c, "ListHttpApis", "/v1/http-apis", q, &groups); err != nil {
		return "", err
	}
	for _, grp := range groups {
		for _, a := range grp.VersionedHTTPAPIs {
			if a.Name == x.c.Name && a.Type == "Http" {
				return a.HTTPAPIID, nil
			}
		}
	}
	return "", nil
}

// ---- routes

type routeBody struct {
	Name          string      `json:"name,omitempty"`
	Description   string      `json:"description"`
	EnvironmentID string      `json:"environmentId,omitempty"`
	DomainIDs     []string    `json:"domainIds"`
	Match         wireMatch   `json:"match"`
	BackendConfig backendBody `json:"backendConfig"`
}

type backendBody struct {
	Scene    string               `json:"scene"`
	Services []backendServiceBody `json:"services"`
}

type backendServiceBody struct {
	ServiceID string `json:"serviceId"`
	Protocol  string `json:"protocol,omitempty"`
	Port      int    `json:"port,omitempty"`
	Weight    *int   `json:"weight,omitempty"` // MultiServiceByRatio only
	Version   string `json:"version,omitempty"`
}

func routesPath(apiID string) string { return apiPath(apiID) + "/routes" }

func routePath(apiID, routeID string) string { return routesPath(apiID) + "/" + PathEscape(routeID) }

// apiID resolves the HTTP API a route change is about: the API of the
// route document d when there is one, else the change's.
func (x *execution) apiID(d gwsync.Document) (string, error) {
	name := x.c.API
	if rd, ok := d.(*gwsync.RouteDoc); ok && rd != nil && rd.API != "" {
		name = rd.API
	}
	if name == "" {
		return "", fmt.Errorf("%s: the change names no HTTP API", x.c.Label())
	}
	return x.lookup(alimodel.HTTPAPIPath(name))
}

// newRouteBody is the body of UpdateHttpApiRoute, its names resolved to
// IDs; CreateHttpApiRoute adds the name.
func newRouteBody(x *execution, d *gwsync.RouteDoc) (routeBody, error) {
	b := routeBody{Description: d.Description, DomainIDs: []string{}, Match: matchOf(d.Match)}
	var err error
	if d.Environment != "" {
		if b.EnvironmentID, err = x.lookup(alimodel.EnvironmentPath(d.Environment)); err != nil {
			return b, err
		}
	}
	for _, name := range d.Domains {
		id, err := x.lookup(alimodel.DomainPath(name))
		if err != nil {
			return b, err
		}
		b.DomainIDs = append(b.DomainIDs, id)
	}
	b.BackendConfig, err = x.backendOf(d.Backend)
	return b, err
}

func matchOf(m gwsync.MatchDoc) wireMatch {
	out := wireMatch{Methods: m.Methods, Headers: conditionsOf(m.Headers), QueryParams: conditionsOf(m.QueryParams), IgnoreURICase: m.IgnoreURICase}
	out.Path.Type, out.Path.Value = m.Path.Type, m.Path.Value
	return out
}

func conditionsOf(cs []gwsync.ConditionDoc) []wireCondition {
	var out []wireCondition
	for _, c := range cs {
		out = append(out, wireCondition(c))
	}
	return out
}

// backendOf is a backend with its services resolved to IDs.
func (x *execution) backendOf(b gwsync.BackendDoc) (backendBody, error) {
	out := backendBody{Scene: b.Scene, Services: []backendServiceBody{}}
	for _, s := range b.Services {
		id, err := x.lookup(alimodel.ServicePath(s.Service))
		if err != nil {
			return out, err
		}
		bs := backendServiceBody{ServiceID: id, Protocol: s.Protocol, Port: s.Port, Version: s.Version}
		if b.Scene == model.SceneRatio {
			bs.Weight = &s.Weight
		}
		out.Services = append(out.Services, bs)
	}
	return out, nil
}

func createRoute(ctx context.Context, x *execution) (string, error) {
	d, err := docOf[*gwsync.RouteDoc](x, x.c.After, "after")
	if err != nil {
		return "", err
	}
	api, err := x.apiID(d)
	if err != nil {
		return "", err
	}
	body, err := newRouteBody(x, d)
	if err != nil {
		return "", err
	}
	body.Name = x.c.Name
	return callID[routeCreated](ctx, x, Request{Action: "CreateHttpApiRoute", Method: "POST", Path: routesPath(api), Body: body})
}

func updateRoute(ctx context.Context, x *execution, id string) error {
	d, err := docOf[*gwsync.RouteDoc](x, x.c.After, "after")
	if err != nil {
		return err
	}
	api, err := x.apiID(d)
	if err != nil {
		return err
	}
	body, err := newRouteBody(x, d)
	if err != nil {
		return err
	}
	_, err = x.call(ctx, Request{Action: "UpdateHttpApiRoute", Method: "PUT", Path: routePath(api, id), Body: body})
	return err
}

// deleteRoute deletes a route from the HTTP API it is in (the before
// document's, else the change's).
func deleteRoute(x *execution, id string) (Request, error) {
	api, err := x.apiID(x.c.Before)
	if err != nil {
		return Request{}, err
	}
	return deleteRouteIn(api, id), nil
}

func deleteRouteIn(apiID, routeID string) Request {
	return Request{Action: "DeleteHttpApiRoute", Method: "DELETE", Path: routePath(apiID, routeID)}
}

// replaceRoute moves a route: a route cannot change its HTTP API, so it
// is deleted from the API it was in (c.Before's; its ID is c.ID) and
// created, under the same name, in the new one. When the create fails the
// old route is already gone.
func (x *execution) replaceRoute(ctx context.Context) (string, error) {
	before, err := docOf[*gwsync.RouteDoc](x, x.c.Before, "before")
	if err != nil {
		return "", err
	}
	oldAPI, err := x.lookup(alimodel.HTTPAPIPath(before.API))
	if err != nil {
		return "", err
	}
	old := x.c.ID
	if old == "" {
		if old, err = x.lookup(model.RoutePath(before.API, x.c.Name)); err != nil {
			return "", err
		}
	}
	if err := x.send(ctx, deleteRouteIn(oldAPI, old)); err != nil {
		return "", err
	}
	k, _ := kindOf(gwsync.KindRoute)
	return x.create(ctx, k)
}

// findRoute looks the route up by name in the HTTP API it is created in.
// APIG keeps route names unique in a gateway, so the name may be held by a
// route of another API: that one is not adopted.
func findRoute(ctx context.Context, x *execution) (string, error) {
	api, err := x.apiID(x.c.After)
	if err != nil {
		return "", err
	}
	var items []wireRoute
	q := map[string]string{"gatewayId": x.g.gatewayID, "name": x.c.Name}
	if err := listAll(ctx, x.g.c, "ListHttpApiRoutes", routesPath(api), q, &items); err != nil {
		return "", err
	}
	for _, r := range items {
		if r.Name == x.c.Name {
			return r.RouteID, nil
		}
	}
	return "", nil
}

// ---- deploys

type deployBody struct {
	RouteID       string `json:"routeId"`
	EnvironmentID string `json:"environmentId,omitempty"`
}

// routeTarget is the HTTP API and route a deploy or undeploy acts on.
func (x *execution) routeTarget() (api, route string, err error) {
	if api, err = x.apiID(nil); err != nil {
		return "", "", err
	}
	route, err = x.target()
	return api, route, err
}

// deploy starts deploying a route (DeployHttpApi); it serves in the
// environment it is configured with.
func (x *execution) deploy(ctx context.Context) error {
	api, route, err := x.routeTarget()
	if err != nil {
		return err
	}
	_, err = x.call(ctx, Request{Action: "DeployHttpApi", Method: "POST", Path: apiPath(api) + "/deploy", Body: deployBody{RouteID: route}})
	return err
}

// undeploy starts taking a route offline (UndeployHttpApi), naming the
// environment it is deployed in when that resolves. A route already gone
// is offline.
func (x *execution) undeploy(ctx context.Context) error {
	api, route, err := x.routeTarget()
	if err != nil {
		return err
	}
	body := deployBody{RouteID: route}
	if d, ok := x.c.Before.(*gwsync.DeployDoc); ok && d != nil && d.Environment != "" && x.ids != nil {
		body.EnvironmentID, _ = x.ids.Lookup(alimodel.EnvironmentPath(d.Environment))
	}
	_, err = x.call(ctx, Request{Action: "UndeployHttpApi", Method: "POST", Path: apiPath(api) + "/undeploy", Body: body})
	if HasCode(err, "NotFound.RouteNotFound") || HasCode(err, "DatabaseError.RecordNotFound") {
		return nil // the route, or its API, is gone
	}
	return err
}

// ---- attachments

type attachBody struct {
	PolicyID           string `json:"policyId"`
	AttachResourceID   string `json:"attachResourceId"`
	AttachResourceType string `json:"attachResourceType"`
	EnvironmentID      string `json:"environmentId"`
	GatewayID          string `json:"gatewayId"`
}

// newAttachBody is an attachment with its policy, resource and
// environment resolved to IDs ("*" for no environment).
func newAttachBody(x *execution) (attachBody, error) {
	d, err := docOf[*gwsync.AttachmentDoc](x, x.c.After, "after")
	if err != nil {
		return attachBody{}, err
	}
	b := attachBody{AttachResourceType: d.ResourceType, EnvironmentID: allEnvironments, GatewayID: x.g.gatewayID}
	if b.PolicyID, err = x.lookup(alimodel.PolicyPath(d.Policy)); err != nil {
		return b, err
	}
	if b.AttachResourceID, err = x.lookup(d.Resource); err != nil {
		return b, err
	}
	if d.Environment != "" {
		b.EnvironmentID, err = x.lookup(alimodel.EnvironmentPath(d.Environment))
	}
	return b, err
}

func attach(ctx context.Context, x *execution) (string, error) {
	body, err := newAttachBody(x)
	if err != nil {
		return "", err
	}
	return callID[attachmentCreated](ctx, x, Request{Action: "CreatePolicyAttachment", Method: "POST", Path: "/v1/policy-attachments", Body: body})
}

func detach(_ *execution, id string) (Request, error) {
	return Request{Action: "DeletePolicyAttachment", Method: "DELETE", Path: "/v1/policy-attachments/" + PathEscape(id)}, nil
}

// findAttachment looks for the policy already attached to the resource in
// the same environment; one in another environment is not adopted.
func findAttachment(ctx context.Context, x *execution) (string, error) {
	want, err := newAttachBody(x)
	if err != nil {
		return "", err
	}
	data, err := x.g.c.Call(ctx, Request{Action: "ListPolicies", Method: "GET", Path: "/v1/policies", Query: map[string]string{
		"gatewayId": x.g.gatewayID, "attachResourceId": want.AttachResourceID, "attachResourceType": want.AttachResourceType, "withAttachments": "true"}})
	if err != nil {
		return "", err
	}
	var p listPage[wirePolicy]
	if err := decode("ListPolicies", data, &p); err != nil {
		return "", err
	}
	for _, pol := range p.Items {
		for _, at := range pol.Attachments {
			if pol.PolicyID == want.PolicyID && at.AttachResourceID == want.AttachResourceID && at.EnvironmentID == want.EnvironmentID {
				return at.PolicyAttachmentID, nil
			}
		}
	}
	return "", nil
}
