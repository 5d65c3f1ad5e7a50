package huawei

import (
	"strconv"

	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// apiModel is an API as the desired state writes it.
func apiModel(group string, a wireAPI) *hwmodel.API {
	m := &hwmodel.API{Name: a.Name, Group: group, Type: a.Type, Version: a.Version, Remark: a.Remark,
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
		m.ReqParams = append(m.ReqParams, &hwmodel.ReqParam{Name: p.Name, Type: p.Type, Location: p.Location,
			Required: p.Required, ValidEnable: p.ValidEnable, PassThrough: p.PassThrough, DefaultValue: p.DefaultValue,
			SampleValue: p.SampleValue, Remark: p.Remark, Enumerations: p.Enumerations,
			MinNum: p.MinNum, MaxNum: p.MaxNum, MinSize: p.MinSize, MaxSize: p.MaxSize})
	}
	if b := a.BackendAPI; b != nil {
		m.BackendAPI = backendAPIModel(b)
	}
	if f := a.FuncInfo; f != nil {
		m.FuncInfo = &hwmodel.FuncInfo{FunctionURN: f.FunctionURN, InvocationType: f.InvocationType,
			NetworkType: f.NetworkType, Timeout: f.Timeout, Version: f.Version, AliasURN: f.AliasURN,
			AuthorizerID: f.AuthorizerID, ReqProtocol: f.ReqProtocol, Remark: f.Remark}
	}
	if mi := a.MockInfo; mi != nil {
		m.MockInfo = &hwmodel.MockInfo{ResultContent: mi.ResultContent, Version: mi.Version,
			AuthorizerID: mi.AuthorizerID, Remark: mi.Remark}
	}
	for _, p := range a.PolicyHTTPs {
		m.PolicyHTTPs = append(m.PolicyHTTPs, policyHTTPModel(p))
	}
	for _, p := range a.PolicyFunctions {
		m.PolicyFunctions = append(m.PolicyFunctions, policyFunctionModel(p))
	}
	for _, p := range a.PolicyMocks {
		m.PolicyMocks = append(m.PolicyMocks, policyMockModel(p))
	}
	return m
}

// backendAPIModel reads backend_api. A backend reached through a VPC
// channel is answered with url_domain set to the channel's ID (the seed
// document's CreateApiV2 example sends none and gets it back); that
// url_domain is read as not written.
func backendAPIModel(b *wireBackendAPI) *hwmodel.BackendAPI {
	m := &hwmodel.BackendAPI{ReqProtocol: b.ReqProtocol, ReqMethod: b.ReqMethod, ReqURI: b.ReqURI,
		URLDomain: b.URLDomain, VPCChannelStatus: b.VPCChannelStatus, Timeout: b.Timeout,
		EnableClientSSL: b.EnableClientSSL, AuthorizerID: b.AuthorizerID, Version: b.Version, Remark: b.Remark,
		RetryCount: retryCountOf(b.RetryCount)}
	if c := b.VPCChannelInfo; c != nil {
		m.VPCChannelID, m.VPCChannelProxyHost = c.VPCChannelID, c.VPCChannelProxyHost
	}
	if m.VPCChannelID != "" && m.URLDomain == m.VPCChannelID {
		m.URLDomain = ""
	}
	return m
}

// retryCountOf reads retry_count, a number in a string; nil when absent
// or not a number.
func retryCountOf(s *string) *int {
	if s == nil {
		return nil
	}
	n, err := strconv.Atoi(*s)
	if err != nil {
		return nil
	}
	return &n
}

func backendParamsModel(ps []wireBackendParam) []*hwmodel.BackendParam {
	var out []*hwmodel.BackendParam
	for _, p := range ps {
		out = append(out, &hwmodel.BackendParam{Name: p.Name, Location: p.Location, Origin: p.Origin, Value: p.Value, Remark: p.Remark})
	}
	return out
}

func conditionsModel(cs []wireCondition) []*hwmodel.Condition {
	var out []*hwmodel.Condition
	for _, c := range cs {
		out = append(out, &hwmodel.Condition{Origin: c.Origin, Type: c.Type, Value: c.Value,
			ReqParamName: c.ReqParamName, SysParamName: c.SysParamName, CookieParamName: c.CookieParamName,
			FrontendAuthorizerParamName: c.FrontendAuthorizerParamName})
	}
	return out
}

func policyHTTPModel(p wirePolicyHTTP) *hwmodel.PolicyBackend {
	return &hwmodel.PolicyBackend{Name: p.Name, Kind: hwmodel.PolicyHTTP, EffectMode: p.EffectMode,
		Conditions: conditionsModel(p.Conditions), BackendParams: backendParamsModel(p.BackendParams), AuthorizerID: p.AuthorizerID,
		HTTP: backendAPIModel(&wireBackendAPI{ReqProtocol: p.ReqProtocol, ReqMethod: p.ReqMethod, ReqURI: p.ReqURI,
			URLDomain: p.URLDomain, VPCChannelStatus: p.VPCChannelStatus, VPCChannelInfo: p.VPCChannelInfo,
			Timeout: p.Timeout, RetryCount: p.RetryCount})}
}

func policyFunctionModel(p wirePolicyFunction) *hwmodel.PolicyBackend {
	return &hwmodel.PolicyBackend{Name: p.Name, Kind: hwmodel.PolicyFunction, EffectMode: p.EffectMode,
		Conditions: conditionsModel(p.Conditions), BackendParams: backendParamsModel(p.BackendParams), AuthorizerID: p.AuthorizerID,
		Function: &hwmodel.FuncInfo{FunctionURN: p.FunctionURN, InvocationType: p.InvocationType,
			NetworkType: p.NetworkType, Timeout: p.Timeout, Version: p.Version, AliasURN: p.AliasURN, ReqProtocol: p.ReqProtocol}}
}

func policyMockModel(p wirePolicyMock) *hwmodel.PolicyBackend {
	return &hwmodel.PolicyBackend{Name: p.Name, Kind: hwmodel.PolicyMock, EffectMode: p.EffectMode,
		Conditions: conditionsModel(p.Conditions), BackendParams: backendParamsModel(p.BackendParams), AuthorizerID: p.AuthorizerID,
		Mock: &hwmodel.MockInfo{ResultContent: p.ResultContent}}
}
