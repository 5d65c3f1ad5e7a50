package huawei

import (
	"encoding/json"

	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// decoder decodes a Huawei desired state.
type decoder struct{ *compiler.Decoding }

// decode builds the model of a schema-checked Huawei desired state.
func (c decoder) decode(v *compiler.Node) *model.Desired {
	d := &model.Desired{State: &hwmodel.State{}}
	h := hwmodel.Of(d)
	for _, fld := range v.Fields() {
		switch f := fld.Value; fld.Name {
		case "gateway":
			d.Gateway = c.Gateway(f)
			d.Gateway.ProjectID = f.Get("projectId").Str()
			d.Gateway.Local = f.Get("local").Bool()
		case "environments":
			h.Environments = compiler.Each(f, c.environment)
		case "groups":
			h.Groups = compiler.Each(f, c.group)
		case "throttles":
			h.Throttles = compiler.Each(f, c.throttle)
		case "acls":
			h.ACLs = compiler.Each(f, c.acl)
		case "plugins":
			h.Plugins = compiler.Each(f, c.plugin)
		case "probes":
			d.Probes = compiler.Each(f, c.Probe)
		}
	}
	compiler.SortByName(d.Probes, func(e *model.Probe) string { return e.Name })
	compiler.SortByName(h.Environments, func(e *hwmodel.Environment) string { return e.Name })
	compiler.SortByName(h.Groups, func(g *hwmodel.Group) string { return g.Name })
	compiler.SortByName(h.Throttles, func(t *hwmodel.Throttle) string { return t.Name })
	compiler.SortByName(h.ACLs, func(a *hwmodel.ACL) string { return a.Name })
	compiler.SortByName(h.Plugins, func(p *hwmodel.Plugin) string { return p.Name })
	return d
}

func (c decoder) environment(name string, v *compiler.Node) *hwmodel.Environment {
	return &hwmodel.Environment{Name: name, Remark: v.Get("remark").Str(), Pos: c.Pos(v)}
}

func (c decoder) group(name string, v *compiler.Node) *hwmodel.Group {
	g := &hwmodel.Group{Name: name, Pos: c.Pos(v)}
	for _, fld := range v.Fields() {
		switch f := fld.Value; fld.Name {
		case "remark":
			g.Remark = f.Str()
		case "domains":
			g.Domains = compiler.Each(f, func(d string, n *compiler.Node) *hwmodel.Domain { return c.domain(name, d, n) })
		case "variables":
			g.Variables = c.variables(name, f)
		case "apis":
			g.APIs = compiler.Each(f, func(a string, n *compiler.Node) *hwmodel.API { return c.api(name, a, n) })
		}
	}
	compiler.SortByName(g.Domains, func(d *hwmodel.Domain) string { return d.Name })
	compiler.SortByName(g.APIs, func(a *hwmodel.API) string { return a.Name })
	compiler.SortByName(g.Variables, func(x *hwmodel.Variable) string { return x.Env.Name + "\x00" + x.Name })
	return g
}

func (c decoder) domain(group, name string, v *compiler.Node) *hwmodel.Domain {
	d := &hwmodel.Domain{Name: name, Group: group, Pos: c.Pos(v)}
	for _, fld := range v.Fields() {
		switch f := fld.Value; fld.Name {
		case "certificate":
			d.Certificate = model.Ref{Name: f.Str(), Pos: c.Pos(f)}
		case "min_ssl_version":
			d.MinSSLVersion = f.Str()
		case "is_http_redirect_to_https":
			d.HTTPSRedirect, d.HTTPSRedirectPos = f.Bool(), c.Pos(f)
		case "ingress_http_port":
			d.IngressHTTPPort = optInt(f)
		case "ingress_https_port":
			d.IngressHTTPSPort = optInt(f)
		}
	}
	return d
}

// variables decodes variables: [env]: [name]: value.
func (c decoder) variables(group string, v *compiler.Node) []*hwmodel.Variable {
	var out []*hwmodel.Variable
	for _, env := range v.Fields() {
		envRef := model.Ref{Name: env.Name, Pos: c.Pos(env.Value)}
		for _, x := range env.Value.Fields() {
			out = append(out, &hwmodel.Variable{Group: group, Env: envRef, Name: x.Name, Value: x.Value.Str(), Pos: c.Pos(x.Value)})
		}
	}
	return out
}

func (c decoder) api(group, name string, v *compiler.Node) *hwmodel.API {
	a := &hwmodel.API{Name: name, Group: group, Type: 1, FieldPos: c.FieldPositions(v), Pos: c.Pos(v)}
	for _, fld := range v.Fields() {
		if !c.frontend(a, fld) {
			c.backend(a, fld)
		}
	}
	return a
}

// frontend decodes one frontend field of an API, reporting whether
// fld was one.
func (c decoder) frontend(a *hwmodel.API, fld compiler.Field) bool {
	switch f := fld.Value; fld.Name {
	case "type":
		a.Type = f.Int()
	case "version":
		a.Version = f.Str()
	case "remark":
		a.Remark = f.Str()
	case "req_protocol":
		a.ReqProtocol = f.Str()
	case "req_method":
		a.ReqMethod = f.Str()
	case "req_uri":
		a.ReqURI = f.Str()
	case "match_mode":
		a.MatchMode = f.Str()
	case "auth_type":
		a.AuthType = f.Str()
	case "authorizer_id":
		a.AuthorizerID = f.Str()
	case "auth_opt":
		a.AppCodeAuthType = f.Get("app_code_auth_type").Str()
	case "cors":
		a.CORS = f.Bool()
	case "content_type":
		a.ContentType = f.Str()
	case "body_remark":
		a.BodyRemark = f.Str()
	case "result_normal_sample":
		a.ResultNormalSample = f.Str()
	case "result_failure_sample":
		a.ResultFailureSample = f.Str()
	case "tags":
		a.Tags = c.Refs(f)
	case "req_params":
		a.ReqParams = compiler.EachElem(f, c.reqParam)
	case "publish":
		a.Publish = c.Refs(f)
	default:
		return false
	}
	return true
}

// backend decodes one backend field of an API.
func (c decoder) backend(a *hwmodel.API, fld compiler.Field) {
	switch f := fld.Value; fld.Name {
	case "backend_type":
		a.BackendType = f.Str()
	case "backend_api":
		a.BackendAPI = c.backendAPI(f)
	case "func_info":
		a.FuncInfo = c.funcInfo(f)
	case "mock_info":
		a.MockInfo = c.mockInfo(f)
	case "backend_params":
		a.BackendParams = compiler.EachElem(f, c.backendParam)
	case "policy_https":
		a.PolicyHTTPs = compiler.EachElem(f, c.policyBackend(hwmodel.PolicyHTTP))
	case "policy_functions":
		a.PolicyFunctions = compiler.EachElem(f, c.policyBackend(hwmodel.PolicyFunction))
	case "policy_mocks":
		a.PolicyMocks = compiler.EachElem(f, c.policyBackend(hwmodel.PolicyMock))
	}
}

func (c decoder) reqParam(v *compiler.Node) *hwmodel.ReqParam {
	p := &hwmodel.ReqParam{Pos: c.Pos(v)}
	for _, fld := range v.Fields() {
		switch f := fld.Value; fld.Name {
		case "name":
			p.Name = f.Str()
		case "type":
			p.Type = f.Str()
		case "location":
			p.Location = f.Str()
		case "required":
			p.Required = f.Int()
		case "valid_enable":
			p.ValidEnable = f.Int()
		case "pass_through":
			p.PassThrough = f.Int()
		case "default_value":
			p.DefaultValue = f.Str()
		case "sample_value":
			p.SampleValue = f.Str()
		case "remark":
			p.Remark = f.Str()
		case "enumerations":
			p.Enumerations = f.Str()
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

// backendAPI decodes backend_api, or the web backend fields of a
// policy_https entry (other fields are left alone).
func (c decoder) backendAPI(v *compiler.Node) *hwmodel.BackendAPI {
	b := &hwmodel.BackendAPI{Pos: c.Pos(v)}
	for _, fld := range v.Fields() {
		switch f := fld.Value; fld.Name {
		case "req_protocol":
			b.ReqProtocol = f.Str()
		case "req_method":
			b.ReqMethod = f.Str()
		case "req_uri":
			b.ReqURI = f.Str()
		case "url_domain":
			b.URLDomain = f.Str()
		case "vpc_channel_status":
			b.VPCChannelStatus = f.Int()
		case "vpc_channel_info":
			b.VPCChannelID = f.Get("vpc_channel_id").Str()
			b.VPCChannelProxyHost = f.Get("vpc_channel_proxy_host").Str()
		case "timeout":
			b.Timeout = f.Int()
		case "retry_count":
			b.RetryCount = optInt(f)
		case "enable_client_ssl":
			b.EnableClientSSL = f.Bool()
		case "authorizer_id":
			b.AuthorizerID = f.Str()
		case "version":
			b.Version = f.Str()
		case "remark":
			b.Remark = f.Str()
		}
	}
	return b
}

// funcInfo decodes func_info, or the function fields of a
// policy_functions entry.
func (c decoder) funcInfo(v *compiler.Node) *hwmodel.FuncInfo {
	fi := &hwmodel.FuncInfo{Pos: c.Pos(v)}
	for _, fld := range v.Fields() {
		switch f := fld.Value; fld.Name {
		case "function_urn":
			fi.FunctionURN = f.Str()
		case "invocation_type":
			fi.InvocationType = f.Str()
		case "network_type":
			fi.NetworkType = f.Str()
		case "timeout":
			fi.Timeout = f.Int()
		case "version":
			fi.Version = f.Str()
		case "alias_urn":
			fi.AliasURN = f.Str()
		case "authorizer_id":
			fi.AuthorizerID = f.Str()
		case "req_protocol":
			fi.ReqProtocol = f.Str()
		case "remark":
			fi.Remark = f.Str()
		}
	}
	return fi
}

// mockInfo decodes mock_info, or the mock fields of a policy_mocks
// entry.
func (c decoder) mockInfo(v *compiler.Node) *hwmodel.MockInfo {
	m := &hwmodel.MockInfo{Pos: c.Pos(v)}
	for _, fld := range v.Fields() {
		switch f := fld.Value; fld.Name {
		case "result_content":
			m.ResultContent = f.Str()
		case "status_code":
			m.StatusCode = f.Int()
		case "version":
			m.Version = f.Str()
		case "authorizer_id":
			m.AuthorizerID = f.Str()
		case "remark":
			m.Remark = f.Str()
		}
	}
	return m
}

func (c decoder) backendParam(v *compiler.Node) *hwmodel.BackendParam {
	return &hwmodel.BackendParam{
		Name:     v.Get("name").Str(),
		Location: v.Get("location").Str(),
		Origin:   v.Get("origin").Str(),
		Value:    v.Get("value").Str(),
		Remark:   v.Get("remark").Str(),
		Pos:      c.Pos(v),
	}
}

// policyBackend returns the decoder of one policy backend of kind.
func (c decoder) policyBackend(kind string) func(*compiler.Node) *hwmodel.PolicyBackend {
	return func(v *compiler.Node) *hwmodel.PolicyBackend {
		p := &hwmodel.PolicyBackend{
			Name:          v.Get("name").Str(),
			Kind:          kind,
			EffectMode:    v.Get("effect_mode").Str(),
			AuthorizerID:  v.Get("authorizer_id").Str(),
			Conditions:    compiler.EachElem(v.Get("conditions"), c.condition),
			BackendParams: compiler.EachElem(v.Get("backend_params"), c.backendParam),
			Pos:           c.Pos(v),
		}
		switch kind {
		case hwmodel.PolicyHTTP:
			p.HTTP = c.backendAPI(v)
		case hwmodel.PolicyFunction:
			p.Function = c.funcInfo(v)
		case hwmodel.PolicyMock:
			p.Mock = c.mockInfo(v)
		}
		return p
	}
}

func (c decoder) condition(v *compiler.Node) *hwmodel.Condition {
	return &hwmodel.Condition{
		Origin:                      v.Get("condition_origin").Str(),
		Type:                        v.Get("condition_type").Str(),
		Value:                       v.Get("condition_value").Str(),
		ReqParamName:                v.Get("req_param_name").Str(),
		SysParamName:                v.Get("sys_param_name").Str(),
		CookieParamName:             v.Get("cookie_param_name").Str(),
		FrontendAuthorizerParamName: v.Get("frontend_authorizer_param_name").Str(),
		Pos:                         c.Pos(v),
	}
}

func (c decoder) throttle(name string, v *compiler.Node) *hwmodel.Throttle {
	t := &hwmodel.Throttle{Name: name, FieldPos: c.FieldPositions(v), Pos: c.Pos(v)}
	for _, fld := range v.Fields() {
		switch f := fld.Value; fld.Name {
		case "remark":
			t.Remark = f.Str()
		case "api_call_limits":
			t.APICallLimits = f.Int()
		case "user_call_limits":
			t.UserCallLimits = optInt(f)
		case "app_call_limits":
			t.AppCallLimits = optInt(f)
		case "ip_call_limits":
			t.IPCallLimits = optInt(f)
		case "time_interval":
			t.TimeInterval = f.Int()
		case "time_unit":
			t.TimeUnit = f.Str()
		case "type":
			t.Type = f.Int()
		case "bind":
			t.Bind = c.bindings(f)
		}
	}
	return t
}

func (c decoder) acl(name string, v *compiler.Node) *hwmodel.ACL {
	return &hwmodel.ACL{
		Name:       name,
		ACLType:    v.Get("acl_type").Str(),
		EntityType: v.Get("entity_type").Str(),
		Values:     c.Refs(v.Get("acl_value")),
		Bind:       c.bindings(v.Get("bind")),
		FieldPos:   c.FieldPositions(v),
		Pos:        c.Pos(v),
	}
}

func (c decoder) plugin(name string, v *compiler.Node) *hwmodel.Plugin {
	p := &hwmodel.Plugin{
		Name:     name,
		Type:     v.Get("plugin_type").Str(),
		Remark:   v.Get("remark").Str(),
		Bind:     c.bindings(v.Get("bind")),
		FieldPos: c.FieldPositions(v),
		Pos:      c.Pos(v),
	}
	if content := v.Get("plugin_content"); content != nil {
		p.Content, _ = content.Plain().(map[string]any)
		if b, err := json.Marshal(p.Content); err == nil {
			p.ContentJSON = string(b) // encoding/json sorts map keys
		}
	}
	return p
}

// bindings decodes a bind list.
func (c decoder) bindings(v *compiler.Node) []hwmodel.Binding {
	if v == nil {
		return nil
	}
	out := make([]hwmodel.Binding, 0, len(v.Elems()))
	for _, e := range v.Elems() {
		api, env := e.Get("api"), e.Get("env")
		out = append(out, hwmodel.Binding{
			API: model.Ref{Name: api.Str(), Pos: c.posOf(api, e)},
			Env: model.Ref{Name: env.Str(), Pos: c.posOf(env, e)},
			Pos: c.Pos(e),
		})
	}
	return out
}

// posOf is n's position, or parent's when n is missing.
func (c decoder) posOf(n, parent *compiler.Node) model.Pos {
	if n == nil {
		return c.Pos(parent)
	}
	return c.Pos(n)
}

// optInt reads an optional integer: nil for a missing node.
func optInt(v *compiler.Node) *int {
	if v == nil {
		return nil
	}
	i := v.Int()
	return &i
}
