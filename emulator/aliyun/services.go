package aliyun

import (
	"encoding/json"
	"net"
	"slices"
	"strconv"
)

// sourceTypes are the service sources APIG knows.
var sourceTypes = []string{"MSE_NACOS", "K8S", "VIP", "DNS", "FC3", "SAE_K8S_SERVICE", "AI", "AGENT"}

type serviceConfig struct {
	Name       string   `json:"name"`
	Namespace  string   `json:"namespace"`
	GroupName  string   `json:"groupName"`
	Addresses  []string `json:"addresses"`
	DNSServers []string `json:"dnsServers"`
}

type createServiceReq struct {
	GatewayID      string          `json:"gatewayId"`
	SourceType     string          `json:"sourceType"`
	ServiceConfigs []serviceConfig `json:"serviceConfigs"`
}

func (s *Server) createService(c *call) (any, error) {
	var req createServiceReq
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	if ids, ok := s.tokens[c.query("clientToken")]; ok {
		return map[string]any{"serviceIds": ids}, nil
	}
	if err := s.checkCreateService(req); err != nil {
		return nil, err
	}
	ids := []string{}
	for _, sc := range req.ServiceConfigs {
		rec := s.newService(req, sc)
		if err := s.put(kindService, rec.ServiceID, rec); err != nil {
			return nil, err
		}
		s.services[rec.ServiceID] = rec
		ids = append(ids, rec.ServiceID)
	}
	if tok := c.query("clientToken"); tok != "" {
		s.tokens[tok] = ids
	}
	return map[string]any{"serviceIds": ids}, nil
}

func (s *Server) checkCreateService(req createServiceReq) error {
	if err := s.requireGateway(req.GatewayID); err != nil {
		return err
	}
	if !slices.Contains(sourceTypes, req.SourceType) {
		return badRequest("sourceType %q is not one of %v", req.SourceType, sourceTypes)
	}
	if len(req.ServiceConfigs) == 0 {
		return badRequest("serviceConfigs needs at least one service")
	}
	seen := map[string]bool{}
	for _, sc := range req.ServiceConfigs {
		if err := s.checkServiceConfig(req.SourceType, sc, seen); err != nil {
			return err
		}
	}
	return nil
}

func (s *Server) checkServiceConfig(sourceType string, sc serviceConfig, seen map[string]bool) error {
	if sc.Name == "" {
		return badRequest("serviceConfigs[].name is required")
	}
	if seen[sc.Name] || s.serviceByName(sc.Name) != nil {
		return conflict("ServiceExisted", "service %q already exists in gateway %s", sc.Name, s.gw.GatewayID)
	}
	seen[sc.Name] = true
	if sourceType == "DNS" || sourceType == "VIP" {
		return checkAddresses(sc.Addresses)
	}
	return nil
}

// checkAddresses requires host:port with a port from 1 to 65535.
func checkAddresses(addrs []string) error {
	if len(addrs) == 0 {
		return badRequest("addresses is required for DNS and VIP services")
	}
	for _, a := range addrs {
		host, port, err := net.SplitHostPort(a)
		n, perr := strconv.Atoi(port)
		if err != nil || host == "" || perr != nil || n < 1 || n > 65535 {
			return badRequest("address %q is not host:port with a port from 1 to 65535", a)
		}
	}
	return nil
}

func (s *Server) newService(req createServiceReq, sc serviceConfig) *serviceRec {
	now := s.nowMS()
	return &serviceRec{
		ServiceID: s.newID("svc-", s.serviceTaken), Name: sc.Name, SourceType: req.SourceType,
		GatewayID: s.gw.GatewayID, Namespace: sc.Namespace, GroupName: sc.GroupName,
		Addresses: orEmpty(sc.Addresses), DNSServers: sc.DNSServers, Ports: portsOf(sc.Addresses),
		Protocol: "HTTP", HealthStatus: "Healthy", CreateTimestamp: now, UpdateTimestamp: now,
	}
}

func (s *Server) serviceTaken(id string) bool { return s.services[id] != nil }

// portsOf lists the distinct ports of host:port addresses, as APIG reports
// a DNS or VIP service's ports. A port's protocol is TCP or UDP (the SDK's
// ServicePorts); addresses are TCP.
func portsOf(addrs []string) []portRec {
	ports := []portRec{}
	for _, a := range addrs {
		_, p, _ := net.SplitHostPort(a)
		n, err := strconv.Atoi(p)
		if err == nil && !slices.ContainsFunc(ports, func(x portRec) bool { return x.Port == n }) {
			ports = append(ports, portRec{Port: n, Protocol: "TCP"})
		}
	}
	return ports
}

func (s *Server) serviceByName(name string) *serviceRec {
	for _, sv := range s.services {
		if sv.Name == name {
			return sv
		}
	}
	return nil
}

func (s *Server) service(id string) (*serviceRec, error) {
	if sv := s.services[id]; sv != nil {
		return sv, nil
	}
	return nil, notFound("NotFound.ServiceNotFound", "service %s does not exist in gateway %s", id, s.gw.GatewayID)
}

func (s *Server) getService(c *call) (any, error) {
	sv, err := s.service(pathID(c, "serviceId"))
	if err != nil {
		return nil, err
	}
	return sv.view(), nil
}

// serviceView is the SDK's Service model: what GetService and ListServices
// answer. The DNS servers and a health check's expected statuses are
// written but never read back: the model has no place for them.
type serviceView struct {
	ServiceID       string           `json:"serviceId"`
	Name            string           `json:"name"`
	SourceType      string           `json:"sourceType"`
	GatewayID       string           `json:"gatewayId"`
	Namespace       string           `json:"namespace,omitempty"`
	GroupName       string           `json:"groupName,omitempty"`
	Addresses       []string         `json:"addresses"`
	Ports           []portRec        `json:"ports"`
	Protocol        string           `json:"protocol"`
	HealthStatus    string           `json:"healthStatus"`
	HealthCheck     *healthCheckView `json:"healthCheck,omitempty"`
	CreateTimestamp int64            `json:"createTimestamp"`
	UpdateTimestamp int64            `json:"updateTimestamp"`
}

// healthCheckView is the SDK's ServiceHealthCheck.
type healthCheckView struct {
	Enable             bool   `json:"enable"`
	Protocol           string `json:"protocol,omitempty"`
	HTTPPath           string `json:"httpPath,omitempty"`
	HTTPHost           string `json:"httpHost,omitempty"`
	Interval           *int   `json:"interval,omitempty"`
	Timeout            *int   `json:"timeout,omitempty"`
	HealthyThreshold   *int   `json:"healthyThreshold,omitempty"`
	UnhealthyThreshold *int   `json:"unhealthyThreshold,omitempty"`
}

func (sv *serviceRec) view() serviceView {
	return serviceView{ServiceID: sv.ServiceID, Name: sv.Name, SourceType: sv.SourceType, GatewayID: sv.GatewayID,
		Namespace: sv.Namespace, GroupName: sv.GroupName, Addresses: sv.Addresses, Ports: sv.Ports, Protocol: sv.Protocol,
		HealthStatus: sv.HealthStatus, HealthCheck: healthCheckOf(sv.HealthCheckConfig),
		CreateTimestamp: sv.CreateTimestamp, UpdateTimestamp: sv.UpdateTimestamp}
}

// healthCheckOf reads back a written healthCheckConfig.
func healthCheckOf(cfg map[string]any) *healthCheckView {
	if cfg == nil {
		return nil
	}
	b, _ := json.Marshal(cfg)
	var v healthCheckView
	_ = json.Unmarshal(b, &v)
	return &v
}

func (s *Server) listServices(c *call) (any, error) {
	if err := s.matchGateway(c.query("gatewayId")); err != nil {
		return nil, err
	}
	items := []serviceView{}
	for _, sv := range sorted(s.services, func(v *serviceRec) int64 { return v.CreateTimestamp }) {
		if match(sv.Name, c.query("name")) && match(sv.SourceType, c.query("sourceType")) {
			items = append(items, sv.view())
		}
	}
	return paginate(c, items)
}

type updateServiceReq struct {
	Addresses         []string       `json:"addresses"`
	DNSServers        []string       `json:"dnsServers"`
	Ports             []portRec      `json:"ports"`
	Protocol          string         `json:"protocol"`
	HealthCheckConfig map[string]any `json:"healthCheckConfig"`
}

func (s *Server) updateService(c *call) (any, error) {
	sv, err := s.service(pathID(c, "serviceId"))
	if err != nil {
		return nil, err
	}
	var req updateServiceReq
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	next := *sv
	if err := applyServiceUpdate(&next, req); err != nil {
		return nil, err
	}
	next.UpdateTimestamp = s.nowMS()
	if err := s.put(kindService, next.ServiceID, &next); err != nil {
		return nil, err
	}
	s.services[next.ServiceID] = &next
	return nil, nil
}

func applyServiceUpdate(sv *serviceRec, req updateServiceReq) error {
	if req.Addresses != nil {
		if sv.SourceType == "DNS" || sv.SourceType == "VIP" {
			if err := checkAddresses(req.Addresses); err != nil {
				return err
			}
		}
		sv.Addresses, sv.Ports = req.Addresses, portsOf(req.Addresses)
	}
	if req.DNSServers != nil {
		sv.DNSServers = req.DNSServers
	}
	if req.Ports != nil {
		if err := checkPorts(req.Ports); err != nil {
			return err
		}
		sv.Ports = req.Ports
	}
	if req.Protocol != "" {
		sv.Protocol = req.Protocol
	}
	if req.HealthCheckConfig != nil {
		sv.HealthCheckConfig = req.HealthCheckConfig
	}
	return nil
}

// checkPorts requires each port's protocol to be TCP or UDP, the values
// the SDK's UpdateServiceRequestPorts documents.
func checkPorts(ports []portRec) error {
	for _, p := range ports {
		if p.Protocol != "" && p.Protocol != "TCP" && p.Protocol != "UDP" {
			return badRequest("port %d: protocol must be TCP or UDP, got %q", p.Port, p.Protocol)
		}
	}
	return nil
}

func (s *Server) deleteService(c *call) (any, error) {
	sv, err := s.service(pathID(c, "serviceId"))
	if err != nil {
		return nil, err
	}
	for _, rt := range s.routes {
		if routeUsesService(rt, sv.ServiceID) {
			return nil, ownConflict("Conflict.ServiceInUse", "service %q is the backend of route %q; change or delete the route first", sv.Name, rt.Name)
		}
	}
	if err := s.remove(kindService, sv.ServiceID); err != nil {
		return nil, err
	}
	delete(s.services, sv.ServiceID)
	return nil, nil
}

func routeUsesService(rt *routeRec, id string) bool {
	specs := []*routeSpec{&rt.Spec, rt.Deployed}
	return slices.ContainsFunc(specs, func(sp *routeSpec) bool {
		return sp != nil && slices.ContainsFunc(sp.BackendConfig.Services, func(b backendService) bool { return b.ServiceID == id })
	})
}
