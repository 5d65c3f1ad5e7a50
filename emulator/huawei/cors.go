package huawei

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// What the gateway's answer to a preflight carries when an OPTIONS API
// with CORS on takes it: the seed document's example, header by header.
const (
	preflightAllowHeaders = "X-Stage,X-Sdk-Date,X-Sdk-Nonce,X-Proxy-Signed-Headers,X-Sdk-Content-Sha256," +
		"X-Forwarded-For,Authorization,Content-Type,Accept,Accept-Ranges,Cache-Control,Range"
	preflightExposeHeaders = "X-Request-Id,X-Apig-Latency,X-Apig-Upstream-Latency,X-Apig-RateLimit-Api," +
		"X-Apig-RateLimit-User,X-Apig-RateLimit-App,X-Apig-RateLimit-Ip,X-Apig-RateLimit-Api-Allenv"
	preflightAllowMethods = "GET,POST,PUT,DELETE,HEAD,OPTIONS,PATCH"
	preflightMaxAge       = "172800"
)

// CORS headers.
const (
	hOrigin           = "Origin"
	hRequestMethod    = "Access-Control-Request-Method"
	hAllowOrigin      = "Access-Control-Allow-Origin"
	hAllowHeaders     = "Access-Control-Allow-Headers"
	hExposeHeaders    = "Access-Control-Expose-Headers"
	hAllowMethods     = "Access-Control-Allow-Methods"
	hAllowCredentials = "Access-Control-Allow-Credentials"
	hMaxAge           = "Access-Control-Max-Age"
)

// isPreflight reports whether r is a CORS preflight request.
func isPreflight(r *http.Request) bool {
	return r.Method == http.MethodOptions && r.Header.Get(hOrigin) != "" && r.Header.Get(hRequestMethod) != ""
}

// corsRule is how an API answers cross-origin requests: by the CORS plugin
// bound to it, or else by its own cors: true.
type corsRule struct {
	plugin *corsPlugin
	// options is set for an OPTIONS API with CORS on: its answers are
	// preflight answers.
	options bool
}

// corsPlugin is a CORS plugin's plugin_content.
type corsPlugin struct {
	AllowOrigin      string `json:"allow_origin"`
	AllowMethods     string `json:"allow_methods"`
	AllowHeaders     string `json:"allow_headers"`
	ExposeHeaders    string `json:"expose_headers"`
	MaxAge           *int   `json:"max_age"`
	AllowCredentials bool   `json:"allow_credentials"`
}

// corsOf is an API's CORS rule in env, nil when CORS is off (with s.mu
// held). The plugin wins over the API's cors: true.
func (s *Server) corsOf(apiID, envID string, a apiCore) *corsRule {
	if p := s.corsPluginOf(apiID, envID); p != nil {
		return &corsRule{plugin: p}
	}
	if a.Cors {
		return &corsRule{options: a.ReqMethod == http.MethodOptions}
	}
	return nil
}

// corsPluginOf is the CORS plugin bound to an API in env, if any whose
// content reads (with s.mu held).
func (s *Server) corsPluginOf(apiID, envID string) *corsPlugin {
	for _, b := range s.plugBinds {
		p := s.plugins[b.PluginID]
		if b.APIID != apiID || b.EnvID != envID || p == nil || p.Type != "cors" {
			continue
		}
		var c corsPlugin
		if json.Unmarshal([]byte(p.Content), &c) == nil {
			return &c
		}
	}
	return nil
}

// preflightByPlugin answers a preflight for the API of the method it asks
// about, when the CORS plugin is bound to that API (with s.mu held): the
// plugin needs no OPTIONS API.
func (s *Server) preflightByPlugin(routes []*Route, r *http.Request, envID string) *exchange {
	if !isPreflight(r) {
		return nil
	}
	m, ok := MatchRoute(routes, r.Header.Get(hRequestMethod), r.URL.Path)
	if !ok {
		return nil
	}
	p := s.corsPluginOf(m.Route.APIID, envID)
	if p == nil {
		return nil
	}
	return &exchange{m: m, api: core(m.Route.Spec), preflight: true, cors: &corsRule{plugin: p}}
}

// simple adds the CORS headers to an answer, unless the backend set
// Access-Control-Allow-Origin itself (its headers then win).
func (c *corsRule) simple(h http.Header, r *http.Request) {
	if h.Get(hAllowOrigin) != "" {
		return
	}
	if c.plugin != nil {
		c.plugin.headers(h, r.Header.Get(hOrigin), false)
		return
	}
	h.Set(hAllowOrigin, "*")
	if c.options {
		h.Set(hAllowHeaders, preflightAllowHeaders)
		h.Set(hExposeHeaders, preflightExposeHeaders)
		h.Set(hAllowMethods, preflightAllowMethods)
		h.Set(hMaxAge, preflightMaxAge)
	}
}

// preflight sets the plugin's answer to a preflight.
func (c *corsRule) preflight(h http.Header, r *http.Request) {
	c.plugin.headers(h, r.Header.Get(hOrigin), true)
}

// headers sets the plugin's headers for a request from origin: none when
// the origin is not allowed; the preflight headers too when preflight.
func (p *corsPlugin) headers(h http.Header, origin string, preflight bool) {
	allow, ok := p.allowOrigin(origin)
	if !ok {
		return
	}
	h.Set(hAllowOrigin, allow)
	if allow != "*" {
		h.Add("Vary", hOrigin)
	}
	if p.AllowCredentials {
		h.Set(hAllowCredentials, "true")
	}
	setIf(h, hExposeHeaders, p.ExposeHeaders)
	if !preflight {
		return
	}
	setIf(h, hAllowMethods, p.AllowMethods)
	setIf(h, hAllowHeaders, p.AllowHeaders)
	if p.MaxAge != nil {
		h.Set(hMaxAge, strconv.Itoa(*p.MaxAge))
	}
}

// allowOrigin is the Access-Control-Allow-Origin value for origin: "*"
// when allow_origin is "*", origin when it is one of allow_origin's
// comma-separated origins, the one origin allow_origin names when the
// request sends none; ok is false otherwise.
func (p *corsPlugin) allowOrigin(origin string) (string, bool) {
	var list []string
	for _, o := range strings.Split(p.AllowOrigin, ",") {
		if o = strings.TrimSpace(o); o != "" {
			list = append(list, o)
		}
	}
	for _, o := range list {
		if o == "*" {
			return "*", true
		}
		if origin != "" && strings.EqualFold(o, origin) {
			return origin, true
		}
	}
	if origin == "" && len(list) == 1 {
		return list[0], true
	}
	return "", false
}

func setIf(h http.Header, name, value string) {
	if value != "" {
		h.Set(name, value)
	}
}
