package compiler

import (
	"encoding/json"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/token"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// A desired state whose gateway.provider is "huawei" has the Huawei shape
// (schema/huawei.cue): the JSON Schema's root picks it the way #Desired
// does, and decodeHuawei builds model.Desired.Huawei from it. The Aliyun
// lists of the model stay empty.

// compileHuawei checks and decodes a Huawei desired state.
func (c *compilation) compileHuawei(tree *node) Result {
	if fs := c.checkTop(tree); len(fs) > 0 {
		return Result{Findings: diag.Sort(append(c.findings, fs...))}
	}
	return Result{Desired: c.decodeHuawei(tree), Findings: diag.Sort(c.findings)}
}

// isHuawei reports whether the desired state's gateway.provider is
// "huawei".
func isHuawei(root *node) bool {
	p := root.get("gateway").get("provider")
	return p != nil && p.kind == cue.StringKind && p.str == "huawei"
}

// decodeHuawei builds the model of a schema-checked Huawei desired state.
func (c *compilation) decodeHuawei(v *node) *model.Desired {
	d := &model.Desired{State: &hwmodel.State{}}
	h := hwmodel.Of(d)
	for _, fld := range v.fields {
		switch f := fld.val; fld.name {
		case "gateway":
			d.Gateway = c.gateway(f)
			d.Gateway.ProjectID = str(f.get("projectId"))
			d.Gateway.Local = boolean(f.get("local"))
		case "environments":
			h.Environments = each(f, c.huaweiEnvironment)
		case "groups":
			h.Groups = each(f, c.huaweiGroup)
		case "throttles":
			h.Throttles = each(f, c.huaweiThrottle)
		case "acls":
			h.ACLs = each(f, c.huaweiACL)
		case "plugins":
			h.Plugins = each(f, c.huaweiPlugin)
		case "probes":
			d.Probes = each(f, c.probe)
		}
	}
	sortByName(d.Probes, func(e *model.Probe) string { return e.Name })
	sortByName(h.Environments, func(e *hwmodel.Environment) string { return e.Name })
	sortByName(h.Groups, func(g *hwmodel.Group) string { return g.Name })
	sortByName(h.Throttles, func(t *hwmodel.Throttle) string { return t.Name })
	sortByName(h.ACLs, func(a *hwmodel.ACL) string { return a.Name })
	sortByName(h.Plugins, func(p *hwmodel.Plugin) string { return p.Name })
	return d
}

func (c *compilation) huaweiEnvironment(name string, v *node) *hwmodel.Environment {
	return &hwmodel.Environment{Name: name, Remark: str(v.get("remark")), Pos: c.pos(v.pos)}
}

func (c *compilation) huaweiGroup(name string, v *node) *hwmodel.Group {
	g := &hwmodel.Group{Name: name, Pos: c.pos(v.pos)}
	for _, fld := range v.fields {
		switch f := fld.val; fld.name {
		case "remark":
			g.Remark = str(f)
		case "domains":
			g.Domains = each(f, func(d string, n *node) *hwmodel.Domain { return c.huaweiDomain(name, d, n) })
		case "variables":
			g.Variables = c.huaweiVariables(name, f)
		case "apis":
			g.APIs = each(f, func(a string, n *node) *hwmodel.API { return c.huaweiAPI(name, a, n) })
		}
	}
	sortByName(g.Domains, func(d *hwmodel.Domain) string { return d.Name })
	sortByName(g.APIs, func(a *hwmodel.API) string { return a.Name })
	sortByName(g.Variables, func(x *hwmodel.Variable) string { return x.Env.Name + "\x00" + x.Name })
	return g
}

func (c *compilation) huaweiDomain(group, name string, v *node) *hwmodel.Domain {
	d := &hwmodel.Domain{Name: name, Group: group, Pos: c.pos(v.pos)}
	for _, fld := range v.fields {
		switch f := fld.val; fld.name {
		case "certificate":
			d.Certificate = model.Ref{Name: str(f), Pos: c.pos(f.pos)}
		case "min_ssl_version":
			d.MinSSLVersion = str(f)
		case "is_http_redirect_to_https":
			d.HTTPSRedirect, d.HTTPSRedirectPos = boolean(f), c.pos(f.pos)
		case "ingress_http_port":
			d.IngressHTTPPort = optInt(f)
		case "ingress_https_port":
			d.IngressHTTPSPort = optInt(f)
		}
	}
	return d
}

// huaweiVariables decodes variables: [env]: [name]: value.
func (c *compilation) huaweiVariables(group string, v *node) []*hwmodel.Variable {
	var out []*hwmodel.Variable
	for _, env := range v.fields {
		envRef := model.Ref{Name: env.name, Pos: c.pos(env.val.pos)}
		for _, x := range env.val.fields {
			out = append(out, &hwmodel.Variable{Group: group, Env: envRef, Name: x.name, Value: str(x.val), Pos: c.pos(x.val.pos)})
		}
	}
	return out
}

func (c *compilation) huaweiAPI(group, name string, v *node) *hwmodel.API {
	a := &hwmodel.API{Name: name, Group: group, Type: 1, FieldPos: c.fieldPositions(v), Pos: c.pos(v.pos)}
	for _, fld := range v.fields {
		if !c.huaweiFrontend(a, fld) {
			c.huaweiBackend(a, fld)
		}
	}
	return a
}

// huaweiFrontend decodes one frontend field of an API, reporting whether
// fld was one.
func (c *compilation) huaweiFrontend(a *hwmodel.API, fld field) bool {
	switch f := fld.val; fld.name {
	case "type":
		a.Type = integer(f)
	case "version":
		a.Version = str(f)
	case "remark":
		a.Remark = str(f)
	case "req_protocol":
		a.ReqProtocol = str(f)
	case "req_method":
		a.ReqMethod = str(f)
	case "req_uri":
		a.ReqURI = str(f)
	case "match_mode":
		a.MatchMode = str(f)
	case "auth_type":
		a.AuthType = str(f)
	case "authorizer_id":
		a.AuthorizerID = str(f)
	case "auth_opt":
		a.AppCodeAuthType = str(f.get("app_code_auth_type"))
	case "cors":
		a.CORS = boolean(f)
	case "content_type":
		a.ContentType = str(f)
	case "body_remark":
		a.BodyRemark = str(f)
	case "result_normal_sample":
		a.ResultNormalSample = str(f)
	case "result_failure_sample":
		a.ResultFailureSample = str(f)
	case "tags":
		a.Tags = c.refs(f)
	case "req_params":
		a.ReqParams = elems(f, c.huaweiReqParam)
	case "publish":
		a.Publish = c.refs(f)
	default:
		return false
	}
	return true
}

// huaweiBackend decodes one backend field of an API.
func (c *compilation) huaweiBackend(a *hwmodel.API, fld field) {
	switch f := fld.val; fld.name {
	case "backend_type":
		a.BackendType = str(f)
	case "backend_api":
		a.BackendAPI = c.huaweiBackendAPI(f)
	case "func_info":
		a.FuncInfo = c.huaweiFuncInfo(f)
	case "mock_info":
		a.MockInfo = c.huaweiMockInfo(f)
	case "backend_params":
		a.BackendParams = elems(f, c.huaweiBackendParam)
	case "policy_https":
		a.PolicyHTTPs = elems(f, c.policyBackend(hwmodel.PolicyHTTP))
	case "policy_functions":
		a.PolicyFunctions = elems(f, c.policyBackend(hwmodel.PolicyFunction))
	case "policy_mocks":
		a.PolicyMocks = elems(f, c.policyBackend(hwmodel.PolicyMock))
	}
}

func (c *compilation) huaweiReqParam(v *node) *hwmodel.ReqParam {
	p := &hwmodel.ReqParam{Pos: c.pos(v.pos)}
	for _, fld := range v.fields {
		switch f := fld.val; fld.name {
		case "name":
			p.Name = str(f)
		case "type":
			p.Type = str(f)
		case "location":
			p.Location = str(f)
		case "required":
			p.Required = integer(f)
		case "valid_enable":
			p.ValidEnable = integer(f)
		case "pass_through":
			p.PassThrough = integer(f)
		case "default_value":
			p.DefaultValue = str(f)
		case "sample_value":
			p.SampleValue = str(f)
		case "remark":
			p.Remark = str(f)
		case "enumerations":
			p.Enumerations = str(f)
		case "min_num":
			p.MinNum = optInt(f)
		case "max_num":
			p.MaxNum = optInt(f)
		case "min_size":
			p.MinSize = optInt(f)
		case "max_size":
			p.MaxSize = optInt(f)
		}
	}
	return p
}

// huaweiBackendAPI decodes backend_api, or the web backend fields of a
// policy_https entry (other fields are left alone).
func (c *compilation) huaweiBackendAPI(v *node) *hwmodel.BackendAPI {
	b := &hwmodel.BackendAPI{Pos: c.pos(v.pos)}
	for _, fld := range v.fields {
		switch f := fld.val; fld.name {
		case "req_protocol":
			b.ReqProtocol = str(f)
		case "req_method":
			b.ReqMethod = str(f)
		case "req_uri":
			b.ReqURI = str(f)
		case "url_domain":
			b.URLDomain = str(f)
		case "vpc_channel_status":
			b.VPCChannelStatus = integer(f)
		case "vpc_channel_info":
			b.VPCChannelID = str(f.get("vpc_channel_id"))
			b.VPCChannelProxyHost = str(f.get("vpc_channel_proxy_host"))
		case "timeout":
			b.Timeout = integer(f)
		case "retry_count":
			b.RetryCount = optInt(f)
		case "enable_client_ssl":
			b.EnableClientSSL = boolean(f)
		case "authorizer_id":
			b.AuthorizerID = str(f)
		case "version":
			b.Version = str(f)
		case "remark":
			b.Remark = str(f)
		}
	}
	return b
}

// huaweiFuncInfo decodes func_info, or the function fields of a
// policy_functions entry.
func (c *compilation) huaweiFuncInfo(v *node) *hwmodel.FuncInfo {
	fi := &hwmodel.FuncInfo{Pos: c.pos(v.pos)}
	for _, fld := range v.fields {
		switch f := fld.val; fld.name {
		case "function_urn":
			fi.FunctionURN = str(f)
		case "invocation_type":
			fi.InvocationType = str(f)
		case "network_type":
			fi.NetworkType = str(f)
		case "timeout":
			fi.Timeout = integer(f)
		case "version":
			fi.Version = str(f)
		case "alias_urn":
			fi.AliasURN = str(f)
		case "authorizer_id":
			fi.AuthorizerID = str(f)
		case "req_protocol":
			fi.ReqProtocol = str(f)
		case "remark":
			fi.Remark = str(f)
		}
	}
	return fi
}

// huaweiMockInfo decodes mock_info, or the mock fields of a policy_mocks
// entry.
func (c *compilation) huaweiMockInfo(v *node) *hwmodel.MockInfo {
	m := &hwmodel.MockInfo{Pos: c.pos(v.pos)}
	for _, fld := range v.fields {
		switch f := fld.val; fld.name {
		case "result_content":
			m.ResultContent = str(f)
		case "status_code":
			m.StatusCode = integer(f)
		case "version":
			m.Version = str(f)
		case "authorizer_id":
			m.AuthorizerID = str(f)
		case "remark":
			m.Remark = str(f)
		}
	}
	return m
}

func (c *compilation) huaweiBackendParam(v *node) *hwmodel.BackendParam {
	return &hwmodel.BackendParam{
		Name:     str(v.get("name")),
		Location: str(v.get("location")),
		Origin:   str(v.get("origin")),
		Value:    str(v.get("value")),
		Remark:   str(v.get("remark")),
		Pos:      c.pos(v.pos),
	}
}

// policyBackend returns the decoder of one policy backend of kind.
func (c *compilation) policyBackend(kind string) func(*node) *hwmodel.PolicyBackend {
	return func(v *node) *hwmodel.PolicyBackend {
		p := &hwmodel.PolicyBackend{
			Name:          str(v.get("name")),
			Kind:          kind,
			EffectMode:    str(v.get("effect_mode")),
			AuthorizerID:  str(v.get("authorizer_id")),
			Conditions:    elems(v.get("conditions"), c.huaweiCondition),
			BackendParams: elems(v.get("backend_params"), c.huaweiBackendParam),
			Pos:           c.pos(v.pos),
		}
		switch kind {
		case hwmodel.PolicyHTTP:
			p.HTTP = c.huaweiBackendAPI(v)
		case hwmodel.PolicyFunction:
			p.Function = c.huaweiFuncInfo(v)
		case hwmodel.PolicyMock:
			p.Mock = c.huaweiMockInfo(v)
		}
		return p
	}
}

func (c *compilation) huaweiCondition(v *node) *hwmodel.Condition {
	return &hwmodel.Condition{
		Origin:                      str(v.get("condition_origin")),
		Type:                        str(v.get("condition_type")),
		Value:                       str(v.get("condition_value")),
		ReqParamName:                str(v.get("req_param_name")),
		SysParamName:                str(v.get("sys_param_name")),
		CookieParamName:             str(v.get("cookie_param_name")),
		FrontendAuthorizerParamName: str(v.get("frontend_authorizer_param_name")),
		Pos:                         c.pos(v.pos),
	}
}

func (c *compilation) huaweiThrottle(name string, v *node) *hwmodel.Throttle {
	t := &hwmodel.Throttle{Name: name, FieldPos: c.fieldPositions(v), Pos: c.pos(v.pos)}
	for _, fld := range v.fields {
		switch f := fld.val; fld.name {
		case "remark":
			t.Remark = str(f)
		case "api_call_limits":
			t.APICallLimits = integer(f)
		case "user_call_limits":
			t.UserCallLimits = optInt(f)
		case "app_call_limits":
			t.AppCallLimits = optInt(f)
		case "ip_call_limits":
			t.IPCallLimits = optInt(f)
		case "time_interval":
			t.TimeInterval = integer(f)
		case "time_unit":
			t.TimeUnit = str(f)
		case "type":
			t.Type = integer(f)
		case "bind":
			t.Bind = c.huaweiBindings(f)
		}
	}
	return t
}

func (c *compilation) huaweiACL(name string, v *node) *hwmodel.ACL {
	return &hwmodel.ACL{
		Name:       name,
		ACLType:    str(v.get("acl_type")),
		EntityType: str(v.get("entity_type")),
		Values:     c.refs(v.get("acl_value")),
		Bind:       c.huaweiBindings(v.get("bind")),
		FieldPos:   c.fieldPositions(v),
		Pos:        c.pos(v.pos),
	}
}

func (c *compilation) huaweiPlugin(name string, v *node) *hwmodel.Plugin {
	p := &hwmodel.Plugin{
		Name:     name,
		Type:     str(v.get("plugin_type")),
		Remark:   str(v.get("remark")),
		Bind:     c.huaweiBindings(v.get("bind")),
		FieldPos: c.fieldPositions(v),
		Pos:      c.pos(v.pos),
	}
	if content := v.get("plugin_content"); content != nil {
		p.Content, _ = content.plain().(map[string]any)
		if b, err := json.Marshal(p.Content); err == nil {
			p.ContentJSON = string(b) // encoding/json sorts map keys
		}
	}
	return p
}

// huaweiBindings decodes a bind list.
func (c *compilation) huaweiBindings(v *node) []hwmodel.Binding {
	if v == nil {
		return nil
	}
	out := make([]hwmodel.Binding, 0, len(v.elems))
	for _, e := range v.elems {
		api, env := e.get("api"), e.get("env")
		out = append(out, hwmodel.Binding{
			API: model.Ref{Name: str(api), Pos: c.posOf(api, e)},
			Env: model.Ref{Name: str(env), Pos: c.posOf(env, e)},
			Pos: c.pos(e.pos),
		})
	}
	return out
}

// posOf is n's position, or parent's when n is missing.
func (c *compilation) posOf(n, parent *node) model.Pos {
	if n == nil {
		return c.pos(parent.pos)
	}
	return c.pos(n.pos)
}

// fieldPositions maps the JSON pointer of every value under v, relative to
// v, to its position (model's FieldPos).
func (c *compilation) fieldPositions(v *node) map[string]model.Pos {
	at := map[string]token.Pos{}
	v.positions("", at)
	out := make(map[string]model.Pos, len(at))
	for ptr, pos := range at {
		out[ptr] = c.pos(pos)
	}
	return out
}

// elems decodes every element of a list node (none for a missing node).
func elems[T any](n *node, decode func(*node) T) []T {
	if n == nil {
		return nil
	}
	out := make([]T, 0, len(n.elems))
	for _, e := range n.elems {
		out = append(out, decode(e))
	}
	return out
}

// optInt reads an optional integer: nil for a missing node.
func optInt(v *node) *int {
	if v == nil {
		return nil
	}
	i := integer(v)
	return &i
}
