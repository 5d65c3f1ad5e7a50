package dump

import (
	"cmp"
	"slices"
	"strconv"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/token"

	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// The Huawei Cloud APIG dump: a live instance (model.Live with
// State.Huawei) written in the shape of schema/huawei.cue, as
// examples/huawei-orders writes it: the API's own field names, groups
// holding their domains, variables and APIs, publish lists, and policies
// with their bind lists.
//
// What the API fills in when a field is not written is left out, exactly
// the defaults the plan writes out on both sides of a comparison
// (sync/huawei_normalize.go): type 1, req_protocol HTTPS, match_mode
// NORMAL, app_code_auth_type DISABLE, retry_count -1, a function's
// req_protocol HTTPS, a req_param's required
// when it is the one for its location (1 for PATH, 2 otherwise),
// valid_enable 2 and pass_through 1, a url_domain that is the VPC
// channel's ID, vpc_channel_status when it follows
// from vpc_channel_info, a throttle's type 1. Remarks lose the ownership
// marker. IDs the desired state holds as IDs (authorizer_id,
// vpc_channel_id, function URNs) are written as they are. RELEASE is
// always declared (validate wants it declared to be published to; plan
// never changes it).
//
// With SplitPerAPI, each group is written to group-<name>.cue (the Huawei
// analogue of a file per HTTP API: APIs live inside their group), and
// gateway.cue holds the rest.
//
// What the read noted but the desired state cannot say (a throttle's
// special throttles, a binding to an API the read did not find, ...) is
// written as a comment in gateway.cue and listed in Result.LeftOut.

// Huawei counterparts of the plan's normalisation defaults.
const (
	hwDefaultType         = 1
	hwDefaultReqProtocol  = hwmodel.HTTPS
	hwDefaultMatchMode    = hwmodel.MatchNormal
	hwDefaultAppCodeAuth  = "DISABLE"
	hwDefaultRetryCount   = -1
	hwDefaultFuncProtocol = "HTTPS"
	hwDefaultNo           = 2 // valid_enable, required off PATH
	hwDefaultPassThrough  = 1
	hwDefaultThrottleType = 1
	hwVPCChannel          = 1
	hwDirect              = 2
)

// hwReadNote is why a note of the read is left out.
const hwReadNote = "the read found it, and the desired state cannot say it"

func buildHuawei(live *model.Live, opts Options) (*Result, error) {
	h := hwmodel.Of(&live.State)
	if h == nil {
		h = &hwmodel.State{}
	}
	hw := chooseHuawei(h, opts.Gateway.Owner)
	w := &writer{live: live, opts: opts, hw: hw}
	files, err := w.hwFiles(h)
	if err != nil {
		return nil, err
	}
	res := &Result{Files: files, LeftOut: w.leftOut, Notes: w.notes, Owner: hw.owner, Huawei: true}
	res.Environments = 1 // RELEASE, declared even when the read did not list it
	for _, e := range h.Environments {
		if e.Name != hwmodel.ReleaseEnv && !hw.left(hwmodel.EnvironmentPath(e.Name)) {
			res.Environments++
		}
	}
	for _, g := range h.Groups {
		if hw.left(hwmodel.GroupPath(g.Name)) {
			continue
		}
		res.Groups++
		res.Domains += len(g.Domains)
		for _, a := range g.APIs {
			if !hw.left(a.Path()) {
				res.APIs++
			}
		}
	}
	for _, p := range hwPolicyPaths(h) {
		if !hw.left(p) {
			res.Policies++
		}
	}
	return res, nil
}

func hwPolicyPaths(h *hwmodel.State) []string {
	var out []string
	for _, t := range h.Throttles {
		out = append(out, hwmodel.PolicyPath(hwmodel.KindThrottle, t.Name))
	}
	for _, a := range h.ACLs {
		out = append(out, hwmodel.PolicyPath(hwmodel.KindACL, a.Name))
	}
	for _, p := range h.Plugins {
		out = append(out, hwmodel.PolicyPath(hwmodel.KindPlugin, p.Name))
	}
	return out
}

// hwFiles renders gateway.cue and, with SplitPerAPI, a file per group.
func (w *writer) hwFiles(h *hwmodel.State) ([]File, error) {
	var files []File
	add := func(name string, decls []ast.Decl) error {
		data, err := w.format(decls)
		if err != nil {
			return err
		}
		files = append(files, File{Name: name, Data: data})
		return nil
	}
	perGroup := w.opts.Split == SplitPerAPI
	w.file = SharedFile
	decls := []ast.Decl{w.hwGateway()}
	if notes := w.hwReadNotes(); notes != nil {
		decls = append(decls, notes)
	}
	var shared []entry
	type groupFile struct {
		name  string
		group *hwmodel.Group
	}
	var split []groupFile
	taken := map[string]bool{SharedFile: true}
	for _, g := range h.Groups {
		if perGroup && !w.hw.left(hwmodel.GroupPath(g.Name)) {
			split = append(split, groupFile{uniqueFile(taken, "group-", g.Name), g})
			continue
		}
		shared = append(shared, entry{g.Name, w.hwGroup(g)})
	}
	sections := []struct {
		name    string
		entries []entry
	}{
		{"environments", w.hwEnvironments(h)},
		{"groups", shared},
		{"throttles", w.hwThrottles(h)},
		{"acls", w.hwACLs(h)},
		{"plugins", w.hwPlugins(h)},
	}
	for _, s := range sections {
		if len(s.entries) > 0 {
			decls = append(decls, field(s.name, keyed(s.entries)))
		}
	}
	if err := add(SharedFile, decls); err != nil {
		return nil, err
	}
	for _, f := range split {
		w.file = f.name
		if err := add(f.name, []ast.Decl{field("groups", keyed([]entry{{f.group.Name, w.hwGroup(f.group)}}))}); err != nil {
			return nil, err
		}
	}
	slices.SortFunc(files, func(a, b File) int { return cmp.Compare(a.Name, b.Name) })
	slices.SortFunc(w.leftOut, func(a, b LeftOut) int { return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.What, b.What)) })
	return files, nil
}

// hwGateway is the gateway block: the embedded gateway is local: true,
// an instance in Huawei Cloud its id, region and projectId.
func (w *writer) hwGateway() *ast.Field {
	g := w.opts.Gateway
	var o obj
	o.str("provider", "huawei")
	if !g.Local {
		o.str("id", cmp.Or(g.ID, w.live.State.Gateway.ID))
		o.str("region", g.Region)
		o.str("projectId", g.ProjectID)
	}
	o.str("owner", w.hw.owner)
	o.flag("local", g.Local)
	return field("gateway", o.expr())
}

// hwReadNotes writes the read's notes as a comment, each also left out.
func (w *writer) hwReadNotes() ast.Decl {
	if len(w.live.Notes) == 0 {
		return nil
	}
	lines := []string{"gwsync dump: the read found what the desired state cannot say; it is left as it is:"}
	for _, n := range sortedSet(w.live.Notes) {
		lines = append(lines, "- "+n)
		w.leftOut = append(w.leftOut, LeftOut{What: n, Why: hwReadNote, File: w.file})
	}
	return commentGroup(false, lines)
}

// hwResource is a resource's field, or the comment standing for it when
// the selection leaves it out; with WithIDs its live ID is a comment above
// it.
func (w *writer) hwResource(kind, name, path string, f *ast.Field) ast.Decl {
	id := w.live.IDs[path]
	if why, out := w.hw.out[path]; out {
		return w.leave(kind, name, id, why, f)
	}
	if w.opts.WithIDs && id != "" {
		addDoc(f, "id: "+id)
	}
	return f
}

func (w *writer) hwEnvironments(h *hwmodel.State) []entry {
	var out []entry
	release := false
	for _, e := range h.Environments {
		var o obj
		if e.Name == hwmodel.ReleaseEnv {
			release = true // its remark is the instance's and never changes
		} else {
			o.str("remark", description(e.Remark))
		}
		out = append(out, entry{e.Name, w.hwResource("environment", e.Name, hwmodel.EnvironmentPath(e.Name), field(e.Name, o.expr()))})
	}
	if !release {
		out = append(out, entry{hwmodel.ReleaseEnv, field(hwmodel.ReleaseEnv, ast.NewStruct())})
	}
	return out
}

func (w *writer) hwGroup(g *hwmodel.Group) ast.Decl {
	var o obj
	o.str("remark", description(g.Remark))
	var domains []entry
	for _, d := range g.Domains {
		path := hwmodel.DomainPath(g.Name, d.Name)
		domains = append(domains, entry{d.Name, w.hwResource("domain", d.Name, path, field(d.Name, hwDomain(d)))})
	}
	if len(domains) > 0 {
		o.add("domains", keyed(domains))
	}
	if vars := w.hwVariables(g); vars != nil {
		o.add("variables", vars)
	}
	var apis []entry
	for _, a := range g.APIs {
		apis = append(apis, entry{a.Name, w.hwResource("API", a.Name, a.Path(), field(a.Name, hwAPI(a)))})
	}
	if len(apis) > 0 {
		o.add("apis", keyed(apis))
	}
	return w.hwResource("group", g.Name, hwmodel.GroupPath(g.Name), field(g.Name, o.expr()))
}

func hwDomain(d *hwmodel.Domain) ast.Expr {
	var o obj
	o.str("certificate", d.Certificate.Name)
	o.str("min_ssl_version", d.MinSSLVersion)
	o.flag("is_http_redirect_to_https", d.HTTPSRedirect)
	// The plan compares ports only when they are written; 80 and 443 are
	// what the API fills in.
	if p := d.IngressHTTPPort; p != nil && *p != 80 {
		o.add("ingress_http_port", intLit(*p))
	}
	if p := d.IngressHTTPSPort; p != nil && *p != 443 {
		o.add("ingress_https_port", intLit(*p))
	}
	return o.expr()
}

// hwVariables is variables: [env]: [name]: value, or nil for none.
func (w *writer) hwVariables(g *hwmodel.Group) ast.Expr {
	byEnv := map[string][]entry{}
	for _, v := range g.Variables {
		env := v.Env.Name
		byEnv[env] = append(byEnv[env], entry{v.Name, w.hwResource("variable", env+"."+v.Name,
			hwmodel.VariablePath(g.Name, env, v.Name), field(v.Name, ast.NewString(v.Value)))})
	}
	if len(byEnv) == 0 {
		return nil
	}
	var envs []entry
	for _, env := range sortedKeys(byEnv) {
		envs = append(envs, entry{env, field(env, keyed(byEnv[env]))})
	}
	return keyed(envs)
}

func intLit(n int) ast.Expr { return ast.NewLit(token.INT, strconv.Itoa(n)) }

// intIf adds an integer field unless v is one of the defaults left out.
func (o *obj) intIf(name string, v int, defaults ...int) {
	if !slices.Contains(defaults, v) {
		o.add(name, intLit(v))
	}
}

// intPtr adds an integer field when v is set.
func (o *obj) intPtr(name string, v *int) {
	if v != nil {
		o.add(name, intLit(*v))
	}
}

func hwAPI(a *hwmodel.API) ast.Expr {
	var o obj
	o.intIf("type", a.Type, 0, hwDefaultType)
	o.str("version", a.Version)
	o.str("remark", description(a.Remark))
	if a.ReqProtocol != hwDefaultReqProtocol {
		o.str("req_protocol", a.ReqProtocol)
	}
	o.add("req_method", ast.NewString(a.ReqMethod))
	o.add("req_uri", ast.NewString(a.ReqURI))
	if a.MatchMode != hwDefaultMatchMode {
		o.str("match_mode", a.MatchMode)
	}
	o.add("auth_type", ast.NewString(a.AuthType))
	o.str("authorizer_id", a.AuthorizerID)
	if a.AppCodeAuthType != "" && a.AppCodeAuthType != hwDefaultAppCodeAuth {
		var opt obj
		opt.str("app_code_auth_type", a.AppCodeAuthType)
		o.add("auth_opt", opt.expr())
	}
	o.flag("cors", a.CORS)
	o.str("content_type", a.ContentType)
	o.str("body_remark", a.BodyRemark)
	o.str("result_normal_sample", a.ResultNormalSample)
	o.str("result_failure_sample", a.ResultFailureSample)
	var tags []string
	for _, t := range a.Tags {
		tags = append(tags, t.Name)
	}
	o.strs("tags", sortedSet(tags))
	if len(a.ReqParams) > 0 {
		var elts []ast.Expr
		for _, p := range a.ReqParams {
			elts = append(elts, hwReqParam(p))
		}
		o.add("req_params", ast.NewList(elts...))
	}
	o.add("backend_type", ast.NewString(a.BackendType))
	if b := a.BackendAPI; b != nil {
		var bo obj
		hwBackendAPI(&bo, b, true)
		o.add("backend_api", bo.expr())
	}
	if f := a.FuncInfo; f != nil {
		var fo obj
		hwFuncInfo(&fo, f, true)
		o.add("func_info", fo.expr())
	}
	if m := a.MockInfo; m != nil {
		var mo obj
		hwMockInfo(&mo, m, true)
		o.add("mock_info", mo.expr())
	}
	hwBackendParams(&o, a.BackendParams)
	hwPolicyBackends(&o, hwmodel.PolicyHTTP, a.PolicyHTTPs)
	hwPolicyBackends(&o, hwmodel.PolicyFunction, a.PolicyFunctions)
	hwPolicyBackends(&o, hwmodel.PolicyMock, a.PolicyMocks)
	var envs []string
	for _, e := range a.Publish {
		envs = append(envs, e.Name)
	}
	o.strs("publish", sortedSet(envs))
	return o.expr()
}

// hwReqParam leaves out required when it is the location's default, and
// valid_enable and pass_through when 2.
func hwReqParam(p *hwmodel.ReqParam) ast.Expr {
	var o obj
	o.add("name", ast.NewString(p.Name))
	o.add("location", ast.NewString(p.Location))
	o.add("type", ast.NewString(p.Type))
	if p.Required != 0 {
		def := hwDefaultNo
		if p.Location == "PATH" {
			def = 1
		}
		o.intIf("required", p.Required, def)
	}
	o.intIf("valid_enable", p.ValidEnable, 0, hwDefaultNo)
	o.intIf("pass_through", p.PassThrough, 0, hwDefaultPassThrough)
	o.str("default_value", p.DefaultValue)
	o.str("sample_value", p.SampleValue)
	o.str("remark", p.Remark)
	o.str("enumerations", p.Enumerations)
	o.intPtr("min_num", p.MinNum)
	o.intPtr("max_num", p.MaxNum)
	o.intPtr("min_size", p.MinSize)
	o.intPtr("max_size", p.MaxSize)
	return o.inline()
}

// hwBackendAPI writes a web or gRPC backend's fields into o; full adds
// those only backend_api has (a policy backend has not).
func hwBackendAPI(o *obj, b *hwmodel.BackendAPI, full bool) {
	if b.VPCChannelID == "" || b.URLDomain != b.VPCChannelID {
		o.str("url_domain", b.URLDomain)
	}
	o.add("req_protocol", ast.NewString(b.ReqProtocol))
	o.add("req_method", ast.NewString(b.ReqMethod))
	o.add("req_uri", ast.NewString(b.ReqURI))
	if full || b.Timeout != 0 {
		o.add("timeout", intLit(b.Timeout))
	}
	if b.RetryCount != nil && *b.RetryCount != hwDefaultRetryCount {
		o.add("retry_count", intLit(*b.RetryCount))
	}
	if full {
		o.flag("enable_client_ssl", b.EnableClientSSL)
		o.str("authorizer_id", b.AuthorizerID)
		o.str("version", b.Version)
		o.str("remark", b.Remark)
	}
	derived := hwDirect
	if b.VPCChannelID != "" {
		derived = hwVPCChannel
	}
	o.intIf("vpc_channel_status", b.VPCChannelStatus, 0, derived)
	if b.VPCChannelID != "" || b.VPCChannelProxyHost != "" {
		var c obj
		c.add("vpc_channel_id", ast.NewString(b.VPCChannelID))
		c.str("vpc_channel_proxy_host", b.VPCChannelProxyHost)
		o.add("vpc_channel_info", c.expr())
	}
}

func hwFuncInfo(o *obj, f *hwmodel.FuncInfo, full bool) {
	o.add("function_urn", ast.NewString(f.FunctionURN))
	o.add("invocation_type", ast.NewString(f.InvocationType))
	o.add("network_type", ast.NewString(f.NetworkType))
	if full || f.Timeout != 0 {
		o.add("timeout", intLit(f.Timeout))
	}
	o.str("version", f.Version)
	o.str("alias_urn", f.AliasURN)
	if f.ReqProtocol != hwDefaultFuncProtocol {
		o.str("req_protocol", f.ReqProtocol)
	}
	if full {
		o.str("authorizer_id", f.AuthorizerID)
		o.str("remark", f.Remark)
	}
}

func hwMockInfo(o *obj, m *hwmodel.MockInfo, full bool) {
	o.str("result_content", m.ResultContent)
	o.intIf("status_code", m.StatusCode, 0)
	if full {
		o.str("version", m.Version)
		o.str("authorizer_id", m.AuthorizerID)
		o.str("remark", m.Remark)
	}
}

func hwBackendParams(o *obj, ps []*hwmodel.BackendParam) {
	if len(ps) == 0 {
		return
	}
	var elts []ast.Expr
	for _, p := range ps {
		var po obj
		po.add("name", ast.NewString(p.Name))
		po.add("value", ast.NewString(p.Value))
		po.add("location", ast.NewString(p.Location))
		po.add("origin", ast.NewString(p.Origin))
		po.str("remark", p.Remark)
		elts = append(elts, po.inline())
	}
	o.add("backend_params", ast.NewList(elts...))
}

// hwPolicyBackends writes the policy backends of one kind, in the order
// the API gives them.
func hwPolicyBackends(o *obj, kind string, ps []*hwmodel.PolicyBackend) {
	if len(ps) == 0 {
		return
	}
	var elts []ast.Expr
	for _, p := range ps {
		var po obj
		po.add("name", ast.NewString(p.Name))
		po.add("effect_mode", ast.NewString(p.EffectMode))
		po.str("authorizer_id", p.AuthorizerID)
		switch {
		case p.HTTP != nil:
			hwBackendAPI(&po, p.HTTP, false)
		case p.Function != nil:
			hwFuncInfo(&po, p.Function, false)
		case p.Mock != nil:
			hwMockInfo(&po, p.Mock, false)
		}
		var conds []ast.Expr
		for _, c := range p.Conditions {
			var co obj
			co.add("condition_origin", ast.NewString(c.Origin))
			co.str("condition_type", c.Type)
			co.add("condition_value", ast.NewString(c.Value))
			co.str("req_param_name", c.ReqParamName)
			co.str("sys_param_name", c.SysParamName)
			co.str("cookie_param_name", c.CookieParamName)
			co.str("frontend_authorizer_param_name", c.FrontendAuthorizerParamName)
			conds = append(conds, co.inline())
		}
		po.add("conditions", ast.NewList(conds...))
		hwBackendParams(&po, p.BackendParams)
		elts = append(elts, po.expr())
	}
	o.add(kind, ast.NewList(elts...))
}

// bind is a policy's bind list, sorted by API then environment.
func bind(bs []hwmodel.Binding) ast.Expr {
	bs = slices.Clone(bs)
	slices.SortFunc(bs, func(x, y hwmodel.Binding) int {
		return cmp.Or(cmp.Compare(x.API.Name, y.API.Name), cmp.Compare(x.Env.Name, y.Env.Name))
	})
	var elts []ast.Expr
	for _, b := range bs {
		var o obj
		o.add("api", ast.NewString(b.API.Name))
		o.add("env", ast.NewString(b.Env.Name))
		elts = append(elts, o.inline())
	}
	return ast.NewList(elts...)
}

func (w *writer) hwThrottles(h *hwmodel.State) []entry {
	var out []entry
	for _, t := range h.Throttles {
		var o obj
		o.add("api_call_limits", intLit(t.APICallLimits))
		o.intPtr("user_call_limits", t.UserCallLimits)
		o.intPtr("app_call_limits", t.AppCallLimits)
		o.intPtr("ip_call_limits", t.IPCallLimits)
		o.add("time_interval", intLit(t.TimeInterval))
		o.add("time_unit", ast.NewString(t.TimeUnit))
		o.intIf("type", t.Type, 0, hwDefaultThrottleType)
		o.str("remark", description(t.Remark))
		if len(t.Bind) > 0 {
			o.add("bind", bind(t.Bind))
		}
		path := hwmodel.PolicyPath(hwmodel.KindThrottle, t.Name)
		out = append(out, entry{t.Name, w.hwResource("throttle", t.Name, path, field(t.Name, o.expr()))})
	}
	return out
}

func (w *writer) hwACLs(h *hwmodel.State) []entry {
	var out []entry
	for _, a := range h.ACLs {
		var o obj
		o.add("acl_type", ast.NewString(a.ACLType))
		o.add("entity_type", ast.NewString(a.EntityType))
		var values []string
		for _, v := range a.Values {
			values = append(values, v.Name)
		}
		o.add("acl_value", stringList(sortedSet(values)))
		if len(a.Bind) > 0 {
			o.add("bind", bind(a.Bind))
		}
		path := hwmodel.PolicyPath(hwmodel.KindACL, a.Name)
		out = append(out, entry{a.Name, w.hwResource("ACL", a.Name, path, field(a.Name, o.expr()))})
	}
	return out
}

func (w *writer) hwPlugins(h *hwmodel.State) []entry {
	var out []entry
	for _, p := range h.Plugins {
		var o obj
		o.add("plugin_type", ast.NewString(p.Type))
		o.str("remark", description(p.Remark))
		if p.Content != nil {
			o.add("plugin_content", valueExpr(p.Content))
		} else {
			o.add("plugin_content", ast.NewString(p.ContentJSON)) // only ever in a left-out plugin's comment
		}
		if len(p.Bind) > 0 {
			o.add("bind", bind(p.Bind))
		}
		path := hwmodel.PolicyPath(hwmodel.KindPlugin, p.Name)
		out = append(out, entry{p.Name, w.hwResource("plugin", p.Name, path, field(p.Name, o.expr()))})
	}
	return out
}
