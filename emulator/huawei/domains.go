package huawei

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"net/http"
	"time"
)

// maxDomains is how many custom domains a group may bind.
const maxDomains = 5

// domainBody is the body of AssociateDomainV2 and UpdateDomainV2.
type domainBody struct {
	URLDomain          string `json:"url_domain"`
	MinSslVersion      string `json:"min_ssl_version"`
	Redirect           *bool  `json:"is_http_redirect_to_https"`
	VerifiedClientCert *bool  `json:"verified_client_certificate_enabled"`
	IngressHTTPPort    *int   `json:"ingress_http_port"`
	IngressHTTPSPort   *int   `json:"ingress_https_port"`
}

func (b domainBody) checkCommon() error {
	if v := b.MinSslVersion; v != "" && v != "TLSv1.1" && v != "TLSv1.2" {
		return invalid("min_ssl_version", "TLSv1.1 or TLSv1.2, got %q", v)
	}
	if (b.IngressHTTPPort == nil) != (b.IngressHTTPSPort == nil) {
		return invalid("ingress_http_port", "set ingress_http_port and ingress_https_port together, or neither")
	}
	if b.IngressHTTPPort != nil && *b.IngressHTTPPort == -1 && *b.IngressHTTPSPort == -1 {
		return invalid("ingress_https_port", "ingress_http_port and ingress_https_port cannot both be -1")
	}
	for field, p := range map[string]*int{"ingress_http_port": b.IngressHTTPPort, "ingress_https_port": b.IngressHTTPSPort} {
		if p != nil && *p != -1 && *p != 80 && *p != 443 && (*p < 1024 || *p > 49151) {
			return invalid(field, "-1, 80, 443 or a custom port from 1024 to 49151, got %d", *p)
		}
	}
	return nil
}

// domainView is a domain as the bind and update calls answer it.
func domainView(d *domainRec) map[string]any {
	return map[string]any{
		"id": d.ID, "url_domain": d.Domain, "status": d.Status, "min_ssl_version": d.MinSslVersion,
		"is_http_redirect_to_https": d.HTTPRedirectToHTTPS, "verified_client_certificate_enabled": d.VerifiedClientCert,
		"ingress_http_port": d.IngressHTTPPort, "ingress_https_port": d.IngressHTTPSPort,
	}
}

func (s *Server) domainTaken(name string) bool {
	for _, g := range s.groups {
		for _, d := range g.URLDomains {
			if d.Domain == name {
				return true
			}
		}
	}
	return false
}

func (s *Server) bindDomain(c *call) (any, error) {
	g, err := s.group(c.path("group_id"))
	if err != nil {
		return nil, err
	}
	var b domainBody
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	if b.URLDomain == "" {
		return nil, missing("url_domain")
	}
	if len(b.URLDomain) > 255 || !domainRe.MatchString(b.URLDomain) {
		return nil, errf(http.StatusBadRequest, "APIG.2024", "Invalid domain name: %s", b.URLDomain)
	}
	if err := b.checkCommon(); err != nil {
		return nil, err
	}
	if s.domainTaken(b.URLDomain) {
		return nil, taken(codeDomainExists, "The domain name already exists: %s", b.URLDomain)
	}
	if len(g.URLDomains) >= maxDomains {
		return nil, errf(http.StatusForbidden, codeDomainQuota, "The API group already has %d domain names bound", maxDomains)
	}
	d := &domainRec{ID: s.newID(), Domain: b.URLDomain, CnameStatus: 3, Status: 3, MinSslVersion: "TLSv1.1",
		IngressHTTPPort: 80, IngressHTTPSPort: 443, SslInfos: []certRec{}}
	if err := s.applyDomain(d, b); err != nil {
		return nil, err
	}
	g.URLDomains = append(g.URLDomains, d)
	return domainView(d), s.put(kindGroup, g.ID, g)
}

// applyDomain sets the optional settings of b on d. The HTTP-to-HTTPS
// redirect needs a certificate on the domain.
func (s *Server) applyDomain(d *domainRec, b domainBody) error {
	if b.MinSslVersion != "" {
		d.MinSslVersion = b.MinSslVersion
	}
	if b.Redirect != nil {
		if *b.Redirect && d.SslID == "" {
			return invalid("is_http_redirect_to_https", "the domain %s has no certificate: bind one before redirecting HTTP to HTTPS", d.Domain)
		}
		d.HTTPRedirectToHTTPS = *b.Redirect
	}
	if b.VerifiedClientCert != nil {
		d.VerifiedClientCert = *b.VerifiedClientCert
	}
	if b.IngressHTTPPort != nil {
		d.IngressHTTPPort, d.IngressHTTPSPort = *b.IngressHTTPPort, *b.IngressHTTPSPort
	}
	return nil
}

// groupDomain finds a domain of a group: 404 APIG.3020 when it exists
// nowhere, 400 APIG.3474 when it is another group's.
func (s *Server) groupDomain(c *call) (*groupRec, *domainRec, error) {
	g, err := s.group(c.path("group_id"))
	if err != nil {
		return nil, nil, err
	}
	id := c.path("domain_id")
	for _, d := range g.URLDomains {
		if d.ID == id {
			return g, d, nil
		}
	}
	for _, o := range s.groups {
		for _, d := range o.URLDomains {
			if d.ID == id {
				return nil, nil, errf(http.StatusBadRequest, codeDomainNotInGroup, "The domain name %s does not belong to the API group %s", d.Domain, g.Name)
			}
		}
	}
	return nil, nil, notFound(codeDomainNotFound, "The domain name does not exist: %s", id)
}

func (s *Server) updateDomain(c *call) (any, error) {
	g, d, err := s.groupDomain(c)
	if err != nil {
		return nil, err
	}
	var b domainBody
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	if b.MinSslVersion == "" {
		return nil, missing("min_ssl_version")
	}
	if err := b.checkCommon(); err != nil {
		return nil, err
	}
	if err := s.applyDomain(d, b); err != nil {
		return nil, err
	}
	return domainView(d), s.put(kindGroup, g.ID, g)
}

func (s *Server) unbindDomain(c *call) (any, error) {
	g, d, err := s.groupDomain(c)
	if err != nil {
		return nil, err
	}
	for i, o := range g.URLDomains {
		if o == d {
			g.URLDomains = append(g.URLDomains[:i:i], g.URLDomains[i+1:]...)
			break
		}
	}
	return nil, s.put(kindGroup, g.ID, g)
}

// certBody is the body of AssociateCertificateV2.
type certBody struct {
	Name        string `json:"name"`
	CertContent string `json:"cert_content"`
	PrivateKey  string `json:"private_key"`
}

func (s *Server) bindCertificate(c *call) (any, error) {
	g, d, err := s.groupDomain(c)
	if err != nil {
		return nil, err
	}
	var b certBody
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	algorithm, err := checkCert(b, d.Domain, s.cfg.Now())
	if err != nil {
		return nil, err
	}
	d.SslID, d.SslName = s.newID(), b.Name
	d.SslInfos = []certRec{{SslID: d.SslID, SslName: b.Name, AlgorithmType: algorithm, Type: certInstance}}
	if err := s.put(kindGroup, g.ID, g); err != nil {
		return nil, err
	}
	return s.attachedDomainView(g, d), nil
}

// certInstance is SslInfo's type of a certificate of the instance (2 is
// a global one).
const certInstance = 1

// checkCert checks a certificate as APIG does: name 4-50, a PEM
// certificate and key that match (APIG.2101), valid now (APIG.2102), and
// covering the domain (APIG.2103). It returns the key's algorithm as
// SslInfo's algorithm_type spells it (RSA, ECC).
func checkCert(b certBody, domain string, now time.Time) (string, error) {
	if n := len([]rune(b.Name)); n < 4 || n > 50 {
		return "", invalid("name", "4-50 characters, got %d", n)
	}
	if b.CertContent == "" {
		return "", missing("cert_content")
	}
	if b.PrivateKey == "" {
		return "", missing("private_key")
	}
	block, _ := pem.Decode([]byte(b.CertContent))
	if block == nil {
		return "", invalid("cert_content", "not a PEM certificate")
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return "", invalid("cert_content", "not a certificate: %v", err)
	}
	if _, err := tls.X509KeyPair([]byte(b.CertContent), []byte(b.PrivateKey)); err != nil {
		return "", errf(http.StatusBadRequest, "APIG.2101", "The certificate does not match the private key: %v", err)
	}
	if now.After(cert.NotAfter) || now.Before(cert.NotBefore) {
		return "", errf(http.StatusBadRequest, "APIG.2102", "The certificate is expired or not yet valid")
	}
	if err := cert.VerifyHostname(domain); err != nil {
		return "", errf(http.StatusBadRequest, "APIG.2103", "The certificate does not cover the domain name %s", domain)
	}
	if cert.PublicKeyAlgorithm == x509.ECDSA {
		return "ECC", nil
	}
	return "RSA", nil
}

func (s *Server) unbindCertificate(c *call) (any, error) {
	g, d, err := s.groupDomain(c)
	if err != nil {
		return nil, err
	}
	if d.SslID == "" || d.SslID != c.path("certificate_id") {
		return nil, notFound(codeCertNotFound, "The certificate does not exist: %s", c.path("certificate_id"))
	}
	d.SslID, d.SslName, d.SslInfos, d.HTTPRedirectToHTTPS = "", "", []certRec{}, false
	return nil, s.put(kindGroup, g.ID, g)
}

// urlDomain is a bound domain as a group's answer lists it (UrlDomain):
// without its status or its redirect setting, which only the answers
// about the domain itself give (domainView, attachedDomainView).
type urlDomain struct {
	ID                 string    `json:"id"`
	Domain             string    `json:"domain"`
	CnameStatus        int       `json:"cname_status"`
	SslID              string    `json:"ssl_id"`
	SslName            string    `json:"ssl_name"`
	MinSslVersion      string    `json:"min_ssl_version"`
	VerifiedClientCert bool      `json:"verified_client_certificate_enabled"`
	IsHasTrustedRootCA bool      `json:"is_has_trusted_root_ca"`
	IngressHTTPPort    int       `json:"ingress_http_port"`
	IngressHTTPSPort   int       `json:"ingress_https_port"`
	SslInfos           []certRec `json:"ssl_infos"`
}

func urlDomains(ds []*domainRec) []urlDomain {
	out := []urlDomain{}
	for _, d := range ds {
		out = append(out, urlDomain{ID: d.ID, Domain: d.Domain, CnameStatus: d.CnameStatus, SslID: d.SslID, SslName: d.SslName,
			MinSslVersion: d.MinSslVersion, VerifiedClientCert: d.VerifiedClientCert, IsHasTrustedRootCA: d.IsHasTrustedRootCA,
			IngressHTTPPort: d.IngressHTTPPort, IngressHTTPSPort: d.IngressHTTPSPort, SslInfos: d.SslInfos})
	}
	return out
}

// attachedDomainView is a domain as the list of a certificate's domains
// answers it (UrlDomainRefInfo).
func (s *Server) attachedDomainView(g *groupRec, d *domainRec) map[string]any {
	v := domainView(d)
	v["ssl_id"], v["ssl_name"], v["api_group_id"], v["api_group_name"], v["instance_id"] = d.SslID, d.SslName, g.ID, g.Name, s.inst.ID
	return v
}

// certificateDomains is ListAttachedDomainsV2: the domains the
// certificate certificate_id is bound to, filtered by url_domain. A
// certificate bound with its content to a domain (AssociateCertificateV2)
// is the instance's and is bound to that domain alone.
func (s *Server) certificateDomains(c *call) (any, error) {
	id := c.path("certificate_id")
	out := []map[string]any{}
	found := false
	for _, g := range sorted(s.groups, func(g *groupRec) string { return g.RegisterTime }) {
		for _, d := range g.URLDomains {
			if d.SslID != id {
				continue
			}
			found = true
			if exact(c, "url_domain", d.Domain) {
				out = append(out, s.attachedDomainView(g, d))
			}
		}
	}
	if !found {
		return nil, notFound(codeCertNotFound, "The certificate does not exist: %s", id)
	}
	return paginate(c, "bound_domains", out)
}
