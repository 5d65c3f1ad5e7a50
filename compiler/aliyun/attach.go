package aliyun

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	alimodel "github.com/gwsync/gwsync/model/aliyun"
)

// compileAttachments derives the policy attachments from the policies lists
// of domains, HTTP APIs and routes, then compiles each policy's config
// string.
func compileAttachments(s *alimodel.State) {
	for _, dom := range s.Domains {
		for _, ref := range dom.Policies {
			s.Attachments = append(s.Attachments, &alimodel.Attachment{
				Policy: ref, ResourceType: alimodel.AttachDomain,
				Resource: alimodel.DomainPath(dom.Name), ResourceName: dom.Name, ResourcePos: dom.Pos,
			})
		}
	}
	for _, api := range s.HTTPAPIs {
		for _, ref := range api.Policies {
			s.Attachments = append(s.Attachments, &alimodel.Attachment{
				Policy: ref, ResourceType: alimodel.AttachHTTPAPI,
				Resource: alimodel.HTTPAPIPath(api.Name), ResourceName: api.Name, ResourcePos: api.Pos,
			})
		}
		for _, r := range api.Routes {
			for _, ref := range r.Policies {
				s.Attachments = append(s.Attachments, &alimodel.Attachment{
					Policy: ref, ResourceType: alimodel.AttachRoute,
					Resource: r.Path(), ResourceName: r.Name, ResourcePos: r.Pos,
					Environment: r.Environment.Name,
				})
			}
		}
	}
	byPolicy := map[string][]*alimodel.Attachment{}
	for _, a := range s.Attachments {
		byPolicy[a.Policy.Name] = append(byPolicy[a.Policy.Name], a)
	}
	for _, p := range s.Policies {
		p.ConfigJSON = configJSON(p, byPolicy[p.Name])
	}
}

// configJSON renders the config string the API wants for a policy.
func configJSON(p *alimodel.Policy, atts []*alimodel.Attachment) string {
	cfg := maps.Clone(p.Config)
	if cfg == nil {
		cfg = map[string]any{}
	}
	if p.ClassName == "IpAccessControl" {
		fillIPAccessControl(p.Name, cfg, atts)
	}
	return canonicalJSON(cfg)
}

// fillIPAccessControl sets the fields of an IpAccessControl config that
// follow from where it is attached, and joins its CIDR list as the API
// wants ("10.0.0.0/8,192.168.0.0/16"). A value the user wrote wins. The
// resource name is filled only for a policy attached to one resource: the
// field names a single resource, and joining thousands of route names into
// it would only make the config unreadable.
func fillIPAccessControl(name string, cfg map[string]any, atts []*alimodel.Attachment) {
	setDefault(cfg, "name", name)
	if len(atts) == 1 {
		setDefault(cfg, "ipAccessControlResourceName", atts[0].ResourceName)
	}
	if types := uniqueSorted(attachTypes(atts)); len(types) == 1 {
		setDefault(cfg, "ipAccessControlResourceType", types[0])
	}
	if list, ok := cfg["ipAccessControlContent"].([]any); ok {
		parts := make([]string, 0, len(list))
		for _, e := range list {
			parts = append(parts, fmt.Sprint(e))
		}
		cfg["ipAccessControlContent"] = strings.Join(parts, ",")
	}
}

func attachTypes(atts []*alimodel.Attachment) []string {
	out := make([]string, len(atts))
	for i, a := range atts {
		out[i] = a.ResourceType
	}
	return out
}

func setDefault(m map[string]any, k string, v any) {
	if _, ok := m[k]; !ok {
		m[k] = v
	}
}

func uniqueSorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}

// canonicalJSON renders v as JSON with sorted keys and no HTML escaping.
func canonicalJSON(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "{}"
	}
	return strings.TrimSuffix(buf.String(), "\n")
}
