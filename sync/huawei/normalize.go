package huawei

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	hwmodel "github.com/gwsync/gwsync/model/huawei"
	gwsync "github.com/gwsync/gwsync/sync"
)

// Huawei APIG defaults: what the API fills in when a field is not written
// (fact sheet §6), written out on both sides of a comparison.
const (
	defaultType         = 1
	defaultReqProtocol  = hwmodel.HTTPS
	defaultMatchMode    = hwmodel.MatchNormal
	defaultAppCodeAuth  = "DISABLE"
	defaultRetryCount   = "-1"
	defaultFuncProtocol = "HTTPS"
	defaultValidEnable  = 2
	defaultPassThrough  = 1 // the seed document's CreateApiV2 answer
	defaultThrottleType = 1
	pluginScope         = "global"
	vpcChannel          = 1 // vpc_channel_status: a VPC channel
	direct              = 2 // vpc_channel_status: a direct address
)

func environmentDoc(e *hwmodel.Environment, remark string) *EnvironmentDoc {
	return &EnvironmentDoc{Remark: remark}
}

func groupDoc(g *hwmodel.Group, remark string) *GroupDoc {
	return &GroupDoc{Remark: remark}
}

func domainDoc(d *hwmodel.Domain) *DomainDoc {
	return &DomainDoc{Group: d.Group, Certificate: d.Certificate.Name, MinSSLVersion: d.MinSSLVersion,
		IsHTTPRedirectToHTTPS: d.HTTPSRedirect, IngressHTTPPort: d.IngressHTTPPort, IngressHTTPSPort: d.IngressHTTPSPort}
}

// liveDomainDoc is a live domain seen through what want declares: the
// minimum TLS version and the ingress ports are compared only when
// declared (the API's defaults vary by region and instance).
func liveDomainDoc(d *hwmodel.Domain, want *DomainDoc) *DomainDoc {
	out := domainDoc(d)
	if want.MinSSLVersion == "" {
		out.MinSSLVersion = ""
	}
	if want.IngressHTTPPort == nil {
		out.IngressHTTPPort = nil
	}
	if want.IngressHTTPSPort == nil {
		out.IngressHTTPSPort = nil
	}
	return out
}

func variableDoc(v *hwmodel.Variable) *VariableDoc {
	return &VariableDoc{Group: v.Group, Env: v.Env.Name, VariableName: v.Name, VariableValue: v.Value}
}

// apiDoc is an API's document with remark as its remark (the desired
// one with the marker, or the live one as read).
func apiDoc(a *hwmodel.API, remark string) *APIDoc {
	d := &APIDoc{Group: a.Group, Type: cmp.Or(a.Type, defaultType), Version: a.Version, Remark: remark,
		ReqProtocol: cmp.Or(a.ReqProtocol, defaultReqProtocol), ReqMethod: a.ReqMethod, ReqURI: a.ReqURI,
		MatchMode: cmp.Or(a.MatchMode, defaultMatchMode), AuthType: a.AuthType, AuthorizerID: a.AuthorizerID,
		CORS: a.CORS, ContentType: a.ContentType, BodyRemark: a.BodyRemark,
		ResultNormalSample: a.ResultNormalSample, ResultFailureSample: a.ResultFailureSample,
		Tags: gwsync.SortedSet(gwsync.RefNames(a.Tags)), BackendType: a.BackendType,
		BackendAPI: backendAPIDoc(a.BackendAPI), FuncInfo: funcInfoDoc(a.FuncInfo), MockInfo: mockInfoDoc(a.MockInfo),
		BackendParams: backendParams(a.BackendParams),
		PolicyHTTPs:   policyBackends(a.PolicyHTTPs), PolicyFunctions: policyBackends(a.PolicyFunctions),
		PolicyMocks: policyBackends(a.PolicyMocks)}
	if a.AppCodeAuthType != "" && a.AppCodeAuthType != defaultAppCodeAuth {
		d.AuthOpt = &AuthOptDoc{AppCodeAuthType: a.AppCodeAuthType}
	}
	for _, p := range a.ReqParams {
		d.ReqParams = append(d.ReqParams, reqParamDoc(p))
	}
	slices.SortFunc(d.ReqParams, func(x, y ReqParamDoc) int {
		return cmp.Or(cmp.Compare(x.Location, y.Location), cmp.Compare(x.Name, y.Name))
	})
	return d
}

// liveAPIDoc is a live API's document seen through what want declares:
// a mock's status_code, which no answer the SDK models carries, is taken
// to be want's where the live API reports none.
func liveAPIDoc(a *hwmodel.API, remark string, want *APIDoc) *APIDoc {
	d := apiDoc(a, remark)
	if d.MockInfo != nil && want.MockInfo != nil && d.MockInfo.StatusCode == 0 {
		d.MockInfo.StatusCode = want.MockInfo.StatusCode
	}
	for i, p := range d.PolicyMocks {
		j := slices.IndexFunc(want.PolicyMocks, func(w PolicyBackendDoc) bool { return w.Name == p.Name })
		if j >= 0 && p.StatusCode == 0 {
			d.PolicyMocks[i].StatusCode = want.PolicyMocks[j].StatusCode
		}
	}
	return d
}

func reqParamDoc(p *hwmodel.ReqParam) ReqParamDoc {
	required := 2
	if p.IsRequired() {
		required = 1
	}
	return ReqParamDoc{Name: p.Name, Type: p.Type, Location: p.Location, Required: required,
		ValidEnable: cmp.Or(p.ValidEnable, defaultValidEnable), PassThrough: cmp.Or(p.PassThrough, defaultPassThrough),
		DefaultValue: p.DefaultValue, SampleValue: p.SampleValue, Remark: p.Remark, Enumerations: p.Enumerations,
		MinNum: p.MinNum, MaxNum: p.MaxNum, MinSize: p.MinSize, MaxSize: p.MaxSize}
}

func backendAPIDoc(b *hwmodel.BackendAPI) *BackendAPIDoc {
	if b == nil {
		return nil
	}
	return &BackendAPIDoc{ReqProtocol: b.ReqProtocol, ReqMethod: b.ReqMethod, ReqURI: b.ReqURI, URLDomain: urlDomain(b),
		VPCChannelStatus: channelStatus(b.VPCChannelStatus, b.VPCChannelID), VPCChannelInfo: channelDoc(b.VPCChannelID, b.VPCChannelProxyHost),
		Timeout: b.Timeout, RetryCount: retryCount(b.RetryCount), EnableClientSSL: b.EnableClientSSL,
		AuthorizerID: b.AuthorizerID, Version: b.Version, Remark: b.Remark}
}

// urlDomain is url_domain, left out when it is the VPC channel's ID:
// the API answers a backend sent without url_domain with the channel's ID
// there (the seed document's CreateApiV2 example).
func urlDomain(b *hwmodel.BackendAPI) string {
	if b.VPCChannelID != "" && b.URLDomain == b.VPCChannelID {
		return ""
	}
	return b.URLDomain
}

// channelStatus is vpc_channel_status written out: 1 when a VPC
// channel is named, else 2.
func channelStatus(status int, channelID string) int {
	switch {
	case status != 0:
		return status
	case channelID != "":
		return vpcChannel
	}
	return direct
}

func channelDoc(id, proxyHost string) *VPCChannelDoc {
	if id == "" && proxyHost == "" {
		return nil
	}
	return &VPCChannelDoc{VPCChannelID: id, VPCChannelProxyHost: proxyHost}
}

func retryCount(n *int) string {
	if n == nil {
		return defaultRetryCount
	}
	return strconv.Itoa(*n)
}

func funcInfoDoc(f *hwmodel.FuncInfo) *FuncInfoDoc {
	if f == nil {
		return nil
	}
	return &FuncInfoDoc{FunctionURN: f.FunctionURN, InvocationType: f.InvocationType, NetworkType: f.NetworkType,
		Timeout: f.Timeout, Version: f.Version, AliasURN: f.AliasURN, AuthorizerID: f.AuthorizerID,
		ReqProtocol: cmp.Or(f.ReqProtocol, defaultFuncProtocol), Remark: f.Remark}
}

func mockInfoDoc(m *hwmodel.MockInfo) *MockInfoDoc {
	if m == nil {
		return nil
	}
	return &MockInfoDoc{ResultContent: m.ResultContent, StatusCode: m.StatusCode,
		Version: m.Version, AuthorizerID: m.AuthorizerID, Remark: m.Remark}
}

// backendParams are backend parameters sorted by location then name.
func backendParams(ps []*hwmodel.BackendParam) []BackendParamDoc {
	var out []BackendParamDoc
	for _, p := range ps {
		out = append(out, BackendParamDoc{Name: p.Name, Location: p.Location, Origin: p.Origin, Value: p.Value, Remark: p.Remark})
	}
	slices.SortFunc(out, func(x, y BackendParamDoc) int {
		return cmp.Or(cmp.Compare(x.Location, y.Location), cmp.Compare(x.Name, y.Name))
	})
	return out
}

// policyBackends are policy backends sorted by name.
func policyBackends(ps []*hwmodel.PolicyBackend) []PolicyBackendDoc {
	var out []PolicyBackendDoc
	for _, p := range ps {
		out = append(out, policyBackendDoc(p))
	}
	slices.SortFunc(out, func(x, y PolicyBackendDoc) int { return cmp.Compare(x.Name, y.Name) })
	return out
}

func policyBackendDoc(p *hwmodel.PolicyBackend) PolicyBackendDoc {
	d := PolicyBackendDoc{Name: p.Name, EffectMode: p.EffectMode, Conditions: []ConditionDoc{},
		BackendParams: backendParams(p.BackendParams), AuthorizerID: p.AuthorizerID}
	for _, c := range p.Conditions {
		d.Conditions = append(d.Conditions, ConditionDoc{ConditionOrigin: c.Origin, ConditionType: c.Type,
			ConditionValue: c.Value, ReqParamName: c.ReqParamName, SysParamName: c.SysParamName,
			CookieParamName: c.CookieParamName, FrontendAuthorizerParamName: c.FrontendAuthorizerParamName})
	}
	switch {
	case p.HTTP != nil:
		b := p.HTTP
		d.ReqProtocol, d.ReqMethod, d.ReqURI, d.URLDomain = b.ReqProtocol, b.ReqMethod, b.ReqURI, urlDomain(b)
		d.VPCChannelStatus = channelStatus(b.VPCChannelStatus, b.VPCChannelID)
		d.VPCChannelInfo = channelDoc(b.VPCChannelID, b.VPCChannelProxyHost)
		d.Timeout, d.RetryCount = b.Timeout, retryCount(b.RetryCount)
	case p.Function != nil:
		f := p.Function
		d.FunctionURN, d.InvocationType, d.NetworkType = f.FunctionURN, f.InvocationType, f.NetworkType
		d.Timeout, d.Version, d.AliasURN = f.Timeout, f.Version, f.AliasURN
		d.ReqProtocol = cmp.Or(f.ReqProtocol, defaultFuncProtocol)
	case p.Mock != nil:
		d.ResultContent, d.StatusCode = p.Mock.ResultContent, p.Mock.StatusCode
	}
	return d
}

func throttleDoc(t *hwmodel.Throttle, remark string) *ThrottleDoc {
	return &ThrottleDoc{APICallLimits: t.APICallLimits, UserCallLimits: t.UserCallLimits, AppCallLimits: t.AppCallLimits,
		IPCallLimits: t.IPCallLimits, TimeInterval: t.TimeInterval, TimeUnit: t.TimeUnit,
		Type: cmp.Or(t.Type, defaultThrottleType), Remark: remark}
}

func aclDoc(a *hwmodel.ACL) *ACLDoc {
	return &ACLDoc{ACLType: a.ACLType, EntityType: a.EntityType, ACLValue: strings.Join(gwsync.SortedSet(gwsync.RefNames(a.Values)), ",")}
}

func pluginDoc(p *hwmodel.Plugin, remark string) *PluginDoc {
	content := gwsync.CanonicalObject(p.Content)
	if content == nil {
		content = map[string]any{}
	}
	return &PluginDoc{PluginType: p.Type, PluginScope: pluginScope, PluginContent: content, Remark: remark}
}
