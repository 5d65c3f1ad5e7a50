package aliyun

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/gwsync/gwsync/model"
	gwsync "github.com/gwsync/gwsync/sync"
)

var _ gwsync.Verifier = (*Gateway)(nil)

// RouteState reads a route with GetHttpApiRoute: its deployStatus,
// deployErrorMessage and environment, and the names in its domainInfos.
func (g *Gateway) RouteState(ctx context.Context, apiID, routeID string) (gwsync.RouteState, error) {
	data, err := g.c.Call(ctx, Request{Action: "GetHttpApiRoute", Method: "GET", Path: routePath(apiID, routeID)})
	if err != nil {
		return gwsync.RouteState{}, fmt.Errorf("aliyun: route %s of HTTP API %s: %w", routeID, apiID, err)
	}
	var w wireRoute
	if err := decode("GetHttpApiRoute", data, &w); err != nil {
		return gwsync.RouteState{}, err
	}
	domains := make([]string, len(w.DomainInfos))
	for i, d := range w.DomainInfos {
		domains[i] = d.Name
	}
	d := model.Deploy{Status: w.DeployStatus, ErrorMessage: failureNote(w), Environment: w.EnvironmentInfo.Name}
	return gwsync.RouteState{Deploy: d, Domains: domains}, nil
}

// AttachmentState reads one policy attachment with GetPolicyAttachment.
func (g *Gateway) AttachmentState(ctx context.Context, attachmentID string) (gwsync.AttachmentState, error) {
	data, err := g.c.Call(ctx, Request{Action: "GetPolicyAttachment", Method: "GET", Path: "/v1/policy-attachments/" + PathEscape(attachmentID)})
	if err != nil {
		return gwsync.AttachmentState{}, fmt.Errorf("aliyun: policy attachment %s: %w", attachmentID, err)
	}
	var w struct {
		wireAttachment
		GatewayID string `json:"gatewayId"`
	}
	if err := decode("GetPolicyAttachment", data, &w); err != nil {
		return gwsync.AttachmentState{}, err
	}
	return gwsync.AttachmentState{ResourceID: w.AttachResourceID, ResourceType: w.AttachResourceType, GatewayID: w.GatewayID}, nil
}

// DomainStatistics reads a domain with GetDomain withStatistics=true: the
// routes online on it are the resourceCount of its GatewayRoute statistic.
func (g *Gateway) DomainStatistics(ctx context.Context, domainID string) (gwsync.DomainStatistics, error) {
	data, err := g.c.Call(ctx, Request{Action: "GetDomain", Method: "GET", Path: domainPath(domainID), Query: map[string]string{"withStatistics": "true"}})
	if err != nil {
		return gwsync.DomainStatistics{}, fmt.Errorf("aliyun: domain %s: %w", domainID, err)
	}
	var w wireDomainStatistics
	if err := decode("GetDomain", data, &w); err != nil {
		return gwsync.DomainStatistics{}, err
	}
	if w.StatisticsInfo == nil {
		return gwsync.DomainStatistics{}, fmt.Errorf("aliyun: GetDomain %s answered without statisticsInfo", domainID)
	}
	out := gwsync.DomainStatistics{}
	for _, st := range w.StatisticsInfo.ResourceStatistics {
		if st.ResourceType == resourceTypeRoute {
			out.DeployedRoutes += st.ResourceCount
		}
	}
	return out, nil
}

// resourceTypeRoute is the resourceType of the routes in a domain's
// statistics (the SDK's ResourceStatistic: HttpApi or GatewayRoute).
const resourceTypeRoute = "GatewayRoute"

// failureNote is what a route's answer says of a failed deploy: APIG's
// HttpRoute has no error message, only the status on each gateway.
func failureNote(w wireRoute) string {
	if !strings.HasSuffix(w.DeployStatus, "Failed") {
		return ""
	}
	parts := make([]string, 0, len(w.GatewayStatus))
	for _, gw := range slices.Sorted(maps.Keys(w.GatewayStatus)) {
		parts = append(parts, gw+": "+w.GatewayStatus[gw])
	}
	note := "APIG's answer gives no reason; the route's deploy history in the console does"
	if len(parts) > 0 {
		note += " (gatewayStatus " + strings.Join(parts, ", ") + ")"
	}
	return note
}
