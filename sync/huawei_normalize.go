package sync

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// Huawei APIG defaults: what the API fills in when a field is not written
// (fact sheet §6), written out on both sides of a comparison.
const (
	hwDefaultType         = 1
	hwDefaultReqProtocol  = hwmodel.HTTPS
	hwDefaultMatchMode    = hwmodel.MatchNormal
	hwDefaultAppCodeAuth  = "DISABLE"
	hwDefaultRetryCount   = "-1"
	hwDefaultFuncProtocol = "HTTPS"
	hwDefaultValidEnable  = 2
	hwDefaultPassThrough  = 1 // the seed document's CreateApiV2 answer
	hwDefaultThrottleType = 1
	hwPluginScope         = "global"
	hwVPCChannel          = 1 // vpc_channel_status: a VPC channel
	hwDirect              = 2 // vpc_channel_status: a direct address
)

func hwEnvironmentDoc(e *hwmodel.Environment, remark string) *HuaweiEnvironmentDoc {
	return &HuaweiEnvironmentDoc{Remark: remark}
}

func hwGroupDoc(g *hwmodel.Group, remark string) *HuaweiGroupDoc {
	return &HuaweiGroupDoc{Remark: remark}
}

func hwDomainDoc(d *hwmodel.Domain) *HuaweiDomainDoc {
	return &HuaweiDomainDoc{Group: d.Group, Certificate: d.Certificate.Name, MinSSLVersion: d.MinSSLVersion,
		IsHTTPRedirectToHTTPS: d.HTTPSRedirect, IngressHTTPPort: d.IngressHTTPPort, IngressHTTPSPort: d.IngressHTTPSPort}
}

// hwLiveDomainDoc is a live domain seen through what want declares: the
// minimum TLS version and the ingress ports are compared only when
// declared (the API's defaults vary by region and instance).
func hwLiveDomainDoc(d *hwmodel.Domain, want *HuaweiDomainDoc) *HuaweiDomainDoc {
	out := hwDomainDoc(d)
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

func hwVariableDoc(v *hwmodel.Variable) *HuaweiVariableDoc {
	return &HuaweiVariableDoc{Group: v.Group, Env: v.Env.Name, VariableName: v.Name, VariableValue: v.Value}
}

// hwAPIDoc is an API's document with remark as its remark (the desired
// one with the marker, or the live one as read).
func hwAPIDoc(a *hwmodel.API, remark string) *HuaweiAPIDoc {
	d := &HuaweiAPIDoc{Group: a.Group, Type: cmp.Or(a.Type, hwDefaultType), Version: a.Version, Remark: remark,
		ReqProtocol: cmp.Or(a.ReqProtocol, hwDefaultReqProtocol), ReqMethod: a.ReqMethod, ReqURI: a.ReqURI,
		MatchMode: cmp.Or(a.MatchMode, hwDefaultMatchMode), AuthType: a.AuthType, AuthorizerID: a.AuthorizerID,
		CORS: a.CORS, ContentType: a.ContentType, BodyRemark: a.BodyRemark,
		ResultNormalSample: a.ResultNormalSample, ResultFailureSample: a.ResultFailureSample,
		Tags: sortedSet(refNames(a.Tags)), BackendType: a.BackendType,
		BackendAPI: hwBackendAPIDoc(a.BackendAPI), FuncInfo: hwFuncInfoDoc(a.FuncInfo), MockInfo: hwMockInfoDoc(a.MockInfo),
		BackendParams: hwBackendParams(a.BackendParams),
		PolicyHTTPs:   hwPolicyBackends(a.PolicyHTTPs), PolicyFunctions: hwPolicyBackends(a.PolicyFunctions),
		PolicyMocks: hwPolicyBackends(a.PolicyMocks)}
	if a.AppCodeAuthType != "" && a.AppCodeAuthType != hwDefaultAppCodeAuth {
		d.AuthOpt = &HuaweiAuthOptDoc{AppCodeAuthType: a.AppCodeAuthType}
	}
	for _, p := range a.ReqParams {
		d.ReqParams = append(d.ReqParams, hwReqParamDoc(p))
	}
	slices.SortFunc(d.ReqParams, func(x, y HuaweiReqParamDoc) int {
		return cmp.Or(cmp.Compare(x.Location, y.Location), cmp.Compare(x.Name, y.Name))
	})
	return d
}

// hwLiveAPIDoc is a live API's document seen through what want declares:
// a mock's status_code, which no answer the SDK models carries, is taken
// to be want's where the live API reports none.
func hwLiveAPIDoc(a *hwmodel.API, remark string, want *HuaweiAPIDoc) *HuaweiAPIDoc {
	d := hwAPIDoc(a, remark)
	if d.MockInfo != nil && want.MockInfo != nil && d.MockInfo.StatusCode == 0 {
		d.MockInfo.StatusCode = want.MockInfo.StatusCode
	}
	for i, p := range d.PolicyMocks {
		j := slices.IndexFunc(want.PolicyMocks, func(w HuaweiPolicyBackendDoc) bool { return w.Name == p.Name })
		if j >= 0 && p.StatusCode == 0 {
			d.PolicyMocks[i].StatusCode = want.PolicyMocks[j].StatusCode
		}
	}
	return d
}

func hwReqParamDoc(p *hwmodel.ReqParam) HuaweiReqParamDoc {
	required := 2
	if p.IsRequired() {
		required = 1
	}
	return HuaweiReqParamDoc{Name: p.Name, Type: p.Type, Location: p.Location, Required: required,
		ValidEnable: cmp.Or(p.ValidEnable, hwDefaultValidEnable), PassThrough: cmp.Or(p.PassThrough, hwDefaultPassThrough),
		DefaultValue: p.DefaultValue, SampleValue: p.SampleValue, Remark: p.Remark, Enumerations: p.Enumerations,
		MinNum: p.MinNum, MaxNum: p.MaxNum, MinSize: p.MinSize, MaxSize: p.MaxSize}
}

func hwBackendAPIDoc(b *hwmodel.BackendAPI) *HuaweiBackendAPIDoc {
	if b == nil {
		return nil
	}
	return &HuaweiBackendAPIDoc{ReqProtocol: b.ReqProtocol, ReqMethod: b.ReqMethod, ReqURI: b.ReqURI, URLDomain: hwURLDomain(b),
		VPCChannelStatus: hwChannelStatus(b.VPCChannelStatus, b.VPCChannelID), VPCChannelInfo: hwChannelDoc(b.VPCChannelID, b.VPCChannelProxyHost),
		Timeout: b.Timeout, RetryCount: hwRetryCount(b.RetryCount), EnableClientSSL: b.EnableClientSSL,
		AuthorizerID: b.AuthorizerID, Version: b.Version, Remark: b.Remark}
}

// hwURLDomain is url_domain, left out when it is the VPC channel's ID:
// the API answers a backend sent without url_domain with the channel's ID
// there (the seed document's CreateApiV2 example).
func hwURLDomain(b *hwmodel.BackendAPI) string {
	if b.VPCChannelID != "" && b.URLDomain == b.VPCChannelID {
		return ""
	}
	return b.URLDomain
}

// hwChannelStatus is vpc_channel_status written out: 1 when a VPC
// channel is named, else 2.
func hwChannelStatus(status int, channelID string) int {
	switch {
	case status != 0:
		return status
	case channelID != "":
		return hwVPCChannel
	}
	return hwDirect
}

func hwChannelDoc(id, proxyHost string) *HuaweiVPCChannelDoc {
	if id == "" && proxyHost == "" {
		return nil
	}
	return &HuaweiVPCChannelDoc{VPCChannelID: id, VPCChannelProxyHost: proxyHost}
}

func hwRetryCount(n *int) string {
	if n == nil {
		return hwDefaultRetryCount
	}
	return strconv.Itoa(*n)
}

func hwFuncInfoDoc(f *hwmodel.FuncInfo) *HuaweiFuncInfoDoc {
	if f == nil {
		return nil
	}
	return &HuaweiFuncInfoDoc{FunctionURN: f.FunctionURN, InvocationType: f.InvocationType, NetworkType: f.NetworkType,
		Timeout: f.Timeout, Version: f.Version, AliasURN: f.AliasURN, AuthorizerID: f.AuthorizerID,
		ReqProtocol: cmp.Or(f.ReqProtocol, hwDefaultFuncProtocol), Remark: f.Remark}
}

func hwMockInfoDoc(m *hwmodel.MockInfo) *HuaweiMockInfoDoc {
	if m == nil {
		return nil
	}
	return &HuaweiMockInfoDoc{ResultContent: m.ResultContent, StatusCode: m.StatusCode,
		Version: m.Version, AuthorizerID: m.AuthorizerID, Remark: m.Remark}
}

// hwBackendParams are backend parameters sorted by location then name.
func hwBackendParams(ps []*hwmodel.BackendParam) []HuaweiBackendParamDoc {
	var out []HuaweiBackendParamDoc
	for _, p := range ps {
		out = append(out, HuaweiBackendParamDoc{Name: p.Name, Location: p.Location, Origin: p.Origin, Value: p.Value, Remark: p.Remark})
	}
	slices.SortFunc(out, func(x, y HuaweiBackendParamDoc) int {
		return cmp.Or(cmp.Compare(x.Location, y.Location), cmp.Compare(x.Name, y.Name))
	})
	return out
}

// hwPolicyBackends are policy backends sorted by name.
func hwPolicyBackends(ps []*hwmodel.PolicyBackend) []HuaweiPolicyBackendDoc {
	var out []HuaweiPolicyBackendDoc
	for _, p := range ps {
		out = append(out, hwPolicyBackendDoc(p))
	}
	slices.SortFunc(out, func(x, y HuaweiPolicyBackendDoc) int { return cmp.Compare(x.Name, y.Name) })
	return out
}

func hwPolicyBackendDoc(p *hwmodel.PolicyBackend) HuaweiPolicyBackendDoc {
	d := HuaweiPolicyBackendDoc{Name: p.Name, EffectMode: p.EffectMode, Conditions: []HuaweiConditionDoc{},
		BackendParams: hwBackendParams(p.BackendParams), AuthorizerID: p.AuthorizerID}
	for _, c := range p.Conditions {
		d.Conditions = append(d.Conditions, HuaweiConditionDoc{ConditionOrigin: c.Origin, ConditionType: c.Type,
			ConditionValue: c.Value, ReqParamName: c.ReqParamName, SysParamName: c.SysParamName,
			CookieParamName: c.CookieParamName, FrontendAuthorizerParamName: c.FrontendAuthorizerParamName})
	}
	switch {
	case p.HTTP != nil:
		b := p.HTTP
		d.ReqProtocol, d.ReqMethod, d.ReqURI, d.URLDomain = b.ReqProtocol, b.ReqMethod, b.ReqURI, hwURLDomain(b)
		d.VPCChannelStatus = hwChannelStatus(b.VPCChannelStatus, b.VPCChannelID)
		d.VPCChannelInfo = hwChannelDoc(b.VPCChannelID, b.VPCChannelProxyHost)
		d.Timeout, d.RetryCount = b.Timeout, hwRetryCount(b.RetryCount)
	case p.Function != nil:
		f := p.Function
		d.FunctionURN, d.InvocationType, d.NetworkType = f.FunctionURN, f.InvocationType, f.NetworkType
		d.Timeout, d.Version, d.AliasURN = f.Timeout, f.Version, f.AliasURN
		d.ReqProtocol = cmp.Or(f.ReqProtocol, hwDefaultFuncProtocol)
	case p.Mock != nil:
		d.ResultContent, d.StatusCode = p.Mock.ResultContent, p.Mock.StatusCode
	}
	return d
}

func hwThrottleDoc(t *hwmodel.Throttle, remark string) *HuaweiThrottleDoc {
	return &HuaweiThrottleDoc{APICallLimits: t.APICallLimits, UserCallLimits: t.UserCallLimits, AppCallLimits: t.AppCallLimits,
		IPCallLimits: t.IPCallLimits, TimeInterval: t.TimeInterval, TimeUnit: t.TimeUnit,
		Type: cmp.Or(t.Type, hwDefaultThrottleType), Remark: remark}
}

func hwACLDoc(a *hwmodel.ACL) *HuaweiACLDoc {
	return &HuaweiACLDoc{ACLType: a.ACLType, EntityType: a.EntityType, ACLValue: strings.Join(sortedSet(refNames(a.Values)), ",")}
}

func hwPluginDoc(p *hwmodel.Plugin, remark string) *HuaweiPluginDoc {
	content := canonicalObject(p.Content)
	if content == nil {
		content = map[string]any{}
	}
	return &HuaweiPluginDoc{PluginType: p.Type, PluginScope: hwPluginScope, PluginContent: content, Remark: remark}
}
