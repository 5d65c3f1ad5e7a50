package huawei

import "github.com/gwsync/gwsync/model"

// apiModel is an API as the desired state writes it.
func apiModel(group string, a wireAPI) *model.HuaweiAPI {
	m := &model.HuaweiAPI{Name: a.Name, Group: group, Type: a.Type, Version: a.Version, Remark: a.Remark,
		ReqProtocol: a.ReqProtocol, ReqMethod: a.ReqMethod, ReqURI: a.ReqURI, MatchMode: a.MatchMode,
		AuthType: a.AuthType, AuthorizerID: a.AuthorizerID, CORS: a.CORS, ContentType: a.ContentType,
		BodyRemark: a.BodyRemark, ResultNormalSample: a.ResultNormalSample, ResultFailureSample: a.ResultFailureSample,
		BackendType: a.BackendType, BackendParams: backendParamsModel(a.BackendParams)}
	if a.AuthOpt != nil {
		m.AppCodeAuthType = a.AuthOpt.AppCodeAuthType
	}
	for _, t := range a.Tags {
		m.Tags = append(m.Tags, model.Ref{Name: t})
	}
	for _, p := range a.ReqParams {
		m.ReqParams = append(m.ReqParams, &model.HuaweiReqParam{Name: p.Name, Type: p.Type, Location: p.Location,
			Required: p.Required, ValidEnable: p.ValidEnable, PassThrough: p.PassThrough, DefaultValue: p.DefaultValue,
			SampleValue: p.SampleValue, Remark: p.Remark, Enumerations: p.Enumerations,
			MinNum: p.MinNum, MaxNum: p.MaxNum, MinSize: p.MinSize, MaxSize: p.MaxSize})
	}
	if b := a.BackendAPI; b != nil {
		m.BackendAPI = backendAPIModel(b)
	}
	if f := a.FuncInfo; f != nil {
		m.FuncInfo = &model.HuaweiFuncInfo{FunctionURN: f.FunctionURN, InvocationType: f.InvocationType,
			NetworkType: f.NetworkType, Timeout: f.Timeout, Version: f.Version, AliasURN: f.AliasURN,
			AuthorizerID: f.AuthorizerID, ReqProtocol: f.ReqProtocol, Remark: f.Remark}
	}
	if mi := a.MockInfo; mi != nil {
		m.MockInfo = &model.HuaweiMockInfo{ResultContent: mi.ResultContent, StatusCode: mi.StatusCode,
			Version: mi.Version, AuthorizerID: mi.AuthorizerID, Remark: mi.Remark}
	}
	m.PolicyHTTPs = policiesModel(model.HuaweiPolicyHTTP, a.PolicyHTTPs)
	m.PolicyFunctions = policiesModel(model.HuaweiPolicyFunction, a.PolicyFunctions)
	m.PolicyMocks = policiesModel(model.HuaweiPolicyMock, a.PolicyMocks)
	return m
}

func backendAPIModel(b *wireBackendAPI) *model.HuaweiBackendAPI {
	m := &model.HuaweiBackendAPI{ReqProtocol: b.ReqProtocol, ReqMethod: b.ReqMethod, ReqURI: b.ReqURI,
		URLDomain: b.URLDomain, VPCChannelStatus: b.VPCChannelStatus, Timeout: b.Timeout,
		EnableClientSSL: b.EnableClientSSL, AuthorizerID: b.AuthorizerID, Version: b.Version, Remark: b.Remark}
	if c := b.VPCChannelInfo; c != nil {
		m.VPCChannelID, m.VPCChannelProxyHost = c.VPCChannelID, c.VPCChannelProxyHost
	}
	if b.RetryCount != nil {
		n := int(*b.RetryCount)
		m.RetryCount = &n
	}
	return m
}

func backendParamsModel(ps []wireBackendParam) []*model.HuaweiBackendParam {
	var out []*model.HuaweiBackendParam
	for _, p := range ps {
		out = append(out, &model.HuaweiBackendParam{Name: p.Name, Location: p.Location, Origin: p.Origin, Value: p.Value, Remark: p.Remark})
	}
	return out
}

func policiesModel(kind string, ps []wirePolicyBackend) []*model.HuaweiPolicyBackend {
	var out []*model.HuaweiPolicyBackend
	for _, p := range ps {
		m := &model.HuaweiPolicyBackend{Name: p.Name, Kind: kind, EffectMode: p.EffectMode,
			BackendParams: backendParamsModel(p.BackendParams), AuthorizerID: p.AuthorizerID}
		for _, c := range p.Conditions {
			m.Conditions = append(m.Conditions, &model.HuaweiCondition{Origin: c.Origin, Type: c.Type, Value: c.Value,
				ReqParamName: c.ReqParamName, SysParamName: c.SysParamName, CookieParamName: c.CookieParamName,
				FrontendAuthorizerParamName: c.FrontendAuthorizerParamName})
		}
		switch kind {
		case model.HuaweiPolicyHTTP:
			m.HTTP = backendAPIModel(&wireBackendAPI{ReqProtocol: p.ReqProtocol, ReqMethod: p.ReqMethod, ReqURI: p.ReqURI,
				URLDomain: p.URLDomain, VPCChannelStatus: p.VPCChannelStatus, VPCChannelInfo: p.VPCChannelInfo,
				Timeout: p.Timeout, RetryCount: p.RetryCount, EnableClientSSL: p.EnableClientSSL, Version: p.Version, Remark: p.Remark})
		case model.HuaweiPolicyFunction:
			m.Function = &model.HuaweiFuncInfo{FunctionURN: p.FunctionURN, InvocationType: p.InvocationType,
				NetworkType: p.NetworkType, Timeout: p.Timeout, Version: p.Version, AliasURN: p.AliasURN,
				ReqProtocol: p.ReqProtocol, Remark: p.Remark}
		default:
			m.Mock = &model.HuaweiMockInfo{ResultContent: p.ResultContent, StatusCode: p.StatusCode, Version: p.Version, Remark: p.Remark}
		}
		out = append(out, m)
	}
	return out
}
