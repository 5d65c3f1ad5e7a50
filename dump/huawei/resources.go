package huawei

import (
	"cmp"
	"maps"
	"slices"

	"cuelang.org/go/cue/ast"

	"github.com/gwsync/gwsync/dump"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

func (w *writer) environments(h *hwmodel.State) []dump.Entry {
	var out []dump.Entry
	release := false
	for _, e := range h.Environments {
		var o dump.Obj
		if e.Name == hwmodel.ReleaseEnv {
			release = true // its remark is the instance's and never changes
		} else {
			o.Str("remark", dump.Description(e.Remark))
		}
		out = append(out, dump.Entry{Name: e.Name, Decl: w.Resource("environment", e.Name, hwmodel.EnvironmentPath(e.Name), dump.Field(e.Name, o.Expr()))})
	}
	if !release {
		out = append(out, dump.Entry{Name: hwmodel.ReleaseEnv, Decl: dump.Field(hwmodel.ReleaseEnv, ast.NewStruct())})
	}
	return out
}

func (w *writer) group(g *hwmodel.Group) ast.Decl {
	var o dump.Obj
	o.Str("remark", dump.Description(g.Remark))
	var domains []dump.Entry
	for _, d := range g.Domains {
		path := hwmodel.DomainPath(g.Name, d.Name)
		domains = append(domains, dump.Entry{Name: d.Name, Decl: w.Resource("domain", d.Name, path, dump.Field(d.Name, domainExpr(d)))})
	}
	if len(domains) > 0 {
		o.Add("domains", dump.Keyed(domains))
	}
	if vars := w.variables(g); vars != nil {
		o.Add("variables", vars)
	}
	var apis []dump.Entry
	for _, a := range g.APIs {
		apis = append(apis, dump.Entry{Name: a.Name, Decl: w.Resource("API", a.Name, a.Path(), dump.Field(a.Name, apiExpr(a)))})
	}
	if len(apis) > 0 {
		o.Add("apis", dump.Keyed(apis))
	}
	return w.Resource("group", g.Name, hwmodel.GroupPath(g.Name), dump.Field(g.Name, o.Expr()))
}

func domainExpr(d *hwmodel.Domain) ast.Expr {
	var o dump.Obj
	o.Str("certificate", d.Certificate.Name)
	o.Str("min_ssl_version", d.MinSSLVersion)
	o.Flag("is_http_redirect_to_https", d.HTTPSRedirect)
	// The plan compares ports only when they are written; 80 and 443 are
	// what the API fills in.
	if p := d.IngressHTTPPort; p != nil && *p != 80 {
		o.Add("ingress_http_port", dump.IntLit(*p))
	}
	if p := d.IngressHTTPSPort; p != nil && *p != 443 {
		o.Add("ingress_https_port", dump.IntLit(*p))
	}
	return o.Expr()
}

// variables is variables: [env]: [name]: value, or nil for none.
func (w *writer) variables(g *hwmodel.Group) ast.Expr {
	byEnv := map[string][]dump.Entry{}
	for _, v := range g.Variables {
		env := v.Env.Name
		byEnv[env] = append(byEnv[env], dump.Entry{Name: v.Name, Decl: w.Resource("variable", env+"."+v.Name,
			hwmodel.VariablePath(g.Name, env, v.Name), dump.Field(v.Name, ast.NewString(v.Value)))})
	}
	if len(byEnv) == 0 {
		return nil
	}
	var envs []dump.Entry
	for _, env := range slices.Sorted(maps.Keys(byEnv)) {
		envs = append(envs, dump.Entry{Name: env, Decl: dump.Field(env, dump.Keyed(byEnv[env]))})
	}
	return dump.Keyed(envs)
}

func apiExpr(a *hwmodel.API) ast.Expr {
	var o dump.Obj
	o.IntIf("type", a.Type, 0, defaultType)
	o.Str("version", a.Version)
	o.Str("remark", dump.Description(a.Remark))
	if a.ReqProtocol != defaultReqProtocol {
		o.Str("req_protocol", a.ReqProtocol)
	}
	o.Add("req_method", ast.NewString(a.ReqMethod))
	o.Add("req_uri", ast.NewString(a.ReqURI))
	if a.MatchMode != defaultMatchMode {
		o.Str("match_mode", a.MatchMode)
	}
	o.Add("auth_type", ast.NewString(a.AuthType))
	o.Str("authorizer_id", a.AuthorizerID)
	if a.AppCodeAuthType != "" && a.AppCodeAuthType != defaultAppCodeAuth {
		var opt dump.Obj
		opt.Str("app_code_auth_type", a.AppCodeAuthType)
		o.Add("auth_opt", opt.Expr())
	}
	o.Flag("cors", a.CORS)
	o.Str("content_type", a.ContentType)
	o.Str("body_remark", a.BodyRemark)
	o.Str("result_normal_sample", a.ResultNormalSample)
	o.Str("result_failure_sample", a.ResultFailureSample)
	var tags []string
	for _, t := range a.Tags {
		tags = append(tags, t.Name)
	}
	o.Strs("tags", dump.SortedSet(tags))
	if len(a.ReqParams) > 0 {
		var elts []ast.Expr
		for _, p := range a.ReqParams {
			elts = append(elts, reqParam(p))
		}
		o.Add("req_params", ast.NewList(elts...))
	}
	o.Add("backend_type", ast.NewString(a.BackendType))
	if b := a.BackendAPI; b != nil {
		var bo dump.Obj
		backendAPI(&bo, b, true)
		o.Add("backend_api", bo.Expr())
	}
	if f := a.FuncInfo; f != nil {
		var fo dump.Obj
		funcInfo(&fo, f, true)
		o.Add("func_info", fo.Expr())
	}
	if m := a.MockInfo; m != nil {
		var mo dump.Obj
		mockInfo(&mo, m, true)
		o.Add("mock_info", mo.Expr())
	}
	backendParams(&o, a.BackendParams)
	policyBackends(&o, hwmodel.PolicyHTTP, a.PolicyHTTPs)
	policyBackends(&o, hwmodel.PolicyFunction, a.PolicyFunctions)
	policyBackends(&o, hwmodel.PolicyMock, a.PolicyMocks)
	var envs []string
	for _, e := range a.Publish {
		envs = append(envs, e.Name)
	}
	o.Strs("publish", dump.SortedSet(envs))
	return o.Expr()
}

// reqParam leaves out required when it is the location's default, and
// valid_enable and pass_through when 2.
func reqParam(p *hwmodel.ReqParam) ast.Expr {
	var o dump.Obj
	o.Add("name", ast.NewString(p.Name))
	o.Add("location", ast.NewString(p.Location))
	o.Add("type", ast.NewString(p.Type))
	if p.Required != 0 {
		def := defaultNo
		if p.Location == "PATH" {
			def = 1
		}
		o.IntIf("required", p.Required, def)
	}
	o.IntIf("valid_enable", p.ValidEnable, 0, defaultNo)
	o.IntIf("pass_through", p.PassThrough, 0, defaultPassThrough)
	o.Str("default_value", p.DefaultValue)
	o.Str("sample_value", p.SampleValue)
	o.Str("remark", p.Remark)
	o.Str("enumerations", p.Enumerations)
	o.IntPtr("min_num", p.MinNum)
	o.IntPtr("max_num", p.MaxNum)
	o.IntPtr("min_size", p.MinSize)
	o.IntPtr("max_size", p.MaxSize)
	return o.Inline()
}

// backendAPI writes a web or gRPC backend's fields into o; full adds
// those only backend_api has (a policy backend has not).
func backendAPI(o *dump.Obj, b *hwmodel.BackendAPI, full bool) {
	if b.VPCChannelID == "" || b.URLDomain != b.VPCChannelID {
		o.Str("url_domain", b.URLDomain)
	}
	o.Add("req_protocol", ast.NewString(b.ReqProtocol))
	o.Add("req_method", ast.NewString(b.ReqMethod))
	o.Add("req_uri", ast.NewString(b.ReqURI))
	if full || b.Timeout != 0 {
		o.Add("timeout", dump.IntLit(b.Timeout))
	}
	if b.RetryCount != nil && *b.RetryCount != defaultRetryCount {
		o.Add("retry_count", dump.IntLit(*b.RetryCount))
	}
	if full {
		o.Flag("enable_client_ssl", b.EnableClientSSL)
		o.Str("authorizer_id", b.AuthorizerID)
		o.Str("version", b.Version)
		o.Str("remark", b.Remark)
	}
	derived := direct
	if b.VPCChannelID != "" {
		derived = vpcChannel
	}
	o.IntIf("vpc_channel_status", b.VPCChannelStatus, 0, derived)
	if b.VPCChannelID != "" || b.VPCChannelProxyHost != "" {
		var c dump.Obj
		c.Add("vpc_channel_id", ast.NewString(b.VPCChannelID))
		c.Str("vpc_channel_proxy_host", b.VPCChannelProxyHost)
		o.Add("vpc_channel_info", c.Expr())
	}
}

func funcInfo(o *dump.Obj, f *hwmodel.FuncInfo, full bool) {
	o.Add("function_urn", ast.NewString(f.FunctionURN))
	o.Add("invocation_type", ast.NewString(f.InvocationType))
	o.Add("network_type", ast.NewString(f.NetworkType))
	if full || f.Timeout != 0 {
		o.Add("timeout", dump.IntLit(f.Timeout))
	}
	o.Str("version", f.Version)
	o.Str("alias_urn", f.AliasURN)
	if f.ReqProtocol != defaultFuncProtocol {
		o.Str("req_protocol", f.ReqProtocol)
	}
	if full {
		o.Str("authorizer_id", f.AuthorizerID)
		o.Str("remark", f.Remark)
	}
}

func mockInfo(o *dump.Obj, m *hwmodel.MockInfo, full bool) {
	o.Str("result_content", m.ResultContent)
	o.IntIf("status_code", m.StatusCode, 0)
	if full {
		o.Str("version", m.Version)
		o.Str("authorizer_id", m.AuthorizerID)
		o.Str("remark", m.Remark)
	}
}

func backendParams(o *dump.Obj, ps []*hwmodel.BackendParam) {
	if len(ps) == 0 {
		return
	}
	var elts []ast.Expr
	for _, p := range ps {
		var po dump.Obj
		po.Add("name", ast.NewString(p.Name))
		po.Add("value", ast.NewString(p.Value))
		po.Add("location", ast.NewString(p.Location))
		po.Add("origin", ast.NewString(p.Origin))
		po.Str("remark", p.Remark)
		elts = append(elts, po.Inline())
	}
	o.Add("backend_params", ast.NewList(elts...))
}

// policyBackends writes the policy backends of one kind, in the order
// the API gives them.
func policyBackends(o *dump.Obj, kind string, ps []*hwmodel.PolicyBackend) {
	if len(ps) == 0 {
		return
	}
	var elts []ast.Expr
	for _, p := range ps {
		var po dump.Obj
		po.Add("name", ast.NewString(p.Name))
		po.Add("effect_mode", ast.NewString(p.EffectMode))
		po.Str("authorizer_id", p.AuthorizerID)
		switch {
		case p.HTTP != nil:
			backendAPI(&po, p.HTTP, false)
		case p.Function != nil:
			funcInfo(&po, p.Function, false)
		case p.Mock != nil:
			mockInfo(&po, p.Mock, false)
		}
		var conds []ast.Expr
		for _, c := range p.Conditions {
			var co dump.Obj
			co.Add("condition_origin", ast.NewString(c.Origin))
			co.Str("condition_type", c.Type)
			co.Add("condition_value", ast.NewString(c.Value))
			co.Str("req_param_name", c.ReqParamName)
			co.Str("sys_param_name", c.SysParamName)
			co.Str("cookie_param_name", c.CookieParamName)
			co.Str("frontend_authorizer_param_name", c.FrontendAuthorizerParamName)
			conds = append(conds, co.Inline())
		}
		po.Add("conditions", ast.NewList(conds...))
		backendParams(&po, p.BackendParams)
		elts = append(elts, po.Expr())
	}
	o.Add(kind, ast.NewList(elts...))
}

// bind is a policy's bind list, sorted by API then environment.
func bind(bs []hwmodel.Binding) ast.Expr {
	bs = slices.Clone(bs)
	slices.SortFunc(bs, func(x, y hwmodel.Binding) int {
		return cmp.Or(cmp.Compare(x.API.Name, y.API.Name), cmp.Compare(x.Env.Name, y.Env.Name))
	})
	var elts []ast.Expr
	for _, b := range bs {
		var o dump.Obj
		o.Add("api", ast.NewString(b.API.Name))
		o.Add("env", ast.NewString(b.Env.Name))
		elts = append(elts, o.Inline())
	}
	return ast.NewList(elts...)
}

func (w *writer) throttles(h *hwmodel.State) []dump.Entry {
	var out []dump.Entry
	for _, t := range h.Throttles {
		var o dump.Obj
		o.Add("api_call_limits", dump.IntLit(t.APICallLimits))
		o.IntPtr("user_call_limits", t.UserCallLimits)
		o.IntPtr("app_call_limits", t.AppCallLimits)
		o.IntPtr("ip_call_limits", t.IPCallLimits)
		o.Add("time_interval", dump.IntLit(t.TimeInterval))
		o.Add("time_unit", ast.NewString(t.TimeUnit))
		o.IntIf("type", t.Type, 0, defaultThrottleType)
		o.Str("remark", dump.Description(t.Remark))
		if len(t.Bind) > 0 {
			o.Add("bind", bind(t.Bind))
		}
		path := hwmodel.PolicyPath(hwmodel.KindThrottle, t.Name)
		out = append(out, dump.Entry{Name: t.Name, Decl: w.Resource("throttle", t.Name, path, dump.Field(t.Name, o.Expr()))})
	}
	return out
}

func (w *writer) acls(h *hwmodel.State) []dump.Entry {
	var out []dump.Entry
	for _, a := range h.ACLs {
		var o dump.Obj
		o.Add("acl_type", ast.NewString(a.ACLType))
		o.Add("entity_type", ast.NewString(a.EntityType))
		var values []string
		for _, v := range a.Values {
			values = append(values, v.Name)
		}
		o.Add("acl_value", dump.StringList(dump.SortedSet(values)))
		if len(a.Bind) > 0 {
			o.Add("bind", bind(a.Bind))
		}
		path := hwmodel.PolicyPath(hwmodel.KindACL, a.Name)
		out = append(out, dump.Entry{Name: a.Name, Decl: w.Resource("ACL", a.Name, path, dump.Field(a.Name, o.Expr()))})
	}
	return out
}

func (w *writer) plugins(h *hwmodel.State) []dump.Entry {
	var out []dump.Entry
	for _, p := range h.Plugins {
		var o dump.Obj
		o.Add("plugin_type", ast.NewString(p.Type))
		o.Str("remark", dump.Description(p.Remark))
		if p.Content != nil {
			o.Add("plugin_content", dump.ValueExpr(p.Content))
		} else {
			o.Add("plugin_content", ast.NewString(p.ContentJSON)) // only ever in a left-out plugin's comment
		}
		if len(p.Bind) > 0 {
			o.Add("bind", bind(p.Bind))
		}
		path := hwmodel.PolicyPath(hwmodel.KindPlugin, p.Name)
		out = append(out, dump.Entry{Name: p.Name, Decl: w.Resource("plugin", p.Name, path, dump.Field(p.Name, o.Expr()))})
	}
	return out
}
