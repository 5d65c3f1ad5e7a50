package huawei

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	gosync "sync"

	"golang.org/x/sync/errgroup"

	hwmodel "github.com/gwsync/gwsync/model/huawei"
	hwsync "github.com/gwsync/gwsync/sync/huawei"
)

// A domain bound to a group is made in three steps, because APIG refuses
// the HTTP-to-HTTPS redirect on a domain without a certificate: bind the
// domain (AssociateDomainV2), bind its certificate
// (AssociateCertificateV2), then turn the redirect on (UpdateDomainV2).
//
// A group's answer lists its domains (UrlDomain) without saying whether
// they redirect HTTP to HTTPS; of the SDK's reads only
// ListAttachedDomainsV2, the domains a certificate is bound to
// (UrlDomainRefInfo), says so. A domain without a certificate cannot
// redirect, so it is read as not redirecting.

// certificatesPath is where the project's certificates are: outside the
// instance.
const certificatesPath = "/v2/{project_id}/apigw/certificates"

// liveDomain is a domain as the read and an update see it: the group's
// answer and whether it redirects.
type liveDomain struct {
	wireDomain
	redirect bool
}

// unreadable is a redirect setting APIG did not tell: the certificate's
// domains could not be listed or do not include the domain.
type unreadable struct{ err error }

func (u *unreadable) Error() string { return u.err.Error() }
func (u *unreadable) Unwrap() error { return u.err }

// redirect reads whether domain d, bound with the certificate certID,
// redirects HTTP to HTTPS: its entry among the domains the certificate is
// bound to (ListAttachedDomainsV2). An *unreadable error says APIG
// answered without telling.
func (g *Gateway) redirect(ctx context.Context, d wireDomain, certID string) (bool, error) {
	var items []item[wireDomainSettings]
	err := listAllAt(ctx, g, "ListAttachedDomainsV2", certificatesPath+"/{certificate_id}/attached-domains",
		map[string]string{"certificate_id": certID}, map[string]string{"url_domain": d.Domain}, "bound_domains", &items)
	var ae *APIError
	if errors.As(err, &ae) && ae.Status < 500 {
		return false, &unreadable{err}
	}
	if err != nil {
		return false, err
	}
	for _, it := range items {
		if it.v.ID == d.ID {
			return it.v.Redirect, nil
		}
	}
	return false, &unreadable{fmt.Errorf("ListAttachedDomainsV2: certificate %s does not list domain %s (%s) among the domains it is bound to", certID, d.Domain, d.ID)}
}

// redirectReads collects what the read learns of the domains' redirects.
type redirectReads struct {
	mu    gosync.Mutex
	on    map[string]bool // domain ID -> redirects
	notes []string
}

// readRedirects adds to eg a read of the redirect of every domain with a
// certificate. A read APIG refuses is a note, and the domain is read as
// not redirecting.
func (g *Gateway) readRedirects(ctx context.Context, eg *errgroup.Group, groups []item[wireGroup]) *redirectReads {
	r := &redirectReads{on: map[string]bool{}}
	for _, grp := range groups {
		for _, d := range grp.v.URLDomains {
			certID, _ := d.certificate()
			if certID == "" {
				continue
			}
			eg.Go(func() error { return r.read(ctx, g, grp.v.Name, d, certID) })
		}
	}
	return r
}

func (r *redirectReads) read(ctx context.Context, g *Gateway, group string, d wireDomain, certID string) error {
	on, err := g.redirect(ctx, d, certID)
	var u *unreadable
	switch {
	case errors.As(err, &u):
		r.mu.Lock()
		defer r.mu.Unlock()
		r.notes = append(r.notes, fmt.Sprintf("domain %s of group %s: whether it redirects HTTP to HTTPS could not be read (%v); read as not redirecting", d.Domain, group, err))
		return nil
	case err != nil:
		return fmt.Errorf("reading the redirect of domain %s: %w", d.Domain, err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.on[d.ID] = on
	return nil
}

// collect is what the reads found: the redirects by domain ID and the
// notes, sorted.
func (r *redirectReads) collect() (map[string]bool, []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	slices.Sort(r.notes)
	return r.on, r.notes
}

// domainBody is the body of AssociateDomainV2 and UpdateDomainV2.
type domainBody struct {
	URLDomain        string `json:"url_domain,omitempty"`
	MinSSLVersion    string `json:"min_ssl_version,omitempty"`
	Redirect         *bool  `json:"is_http_redirect_to_https,omitempty"`
	IngressHTTPPort  *int   `json:"ingress_http_port,omitempty"`
	IngressHTTPSPort *int   `json:"ingress_https_port,omitempty"`
}

func domainParams(groupID, domainID string) map[string]string {
	return map[string]string{"group_id": groupID, "domain_id": domainID}
}

func createDomain(ctx context.Context, x *execution) (string, error) {
	d, err := after[*hwsync.DomainDoc](x)
	if err != nil {
		return "", err
	}
	groupID, err := x.lookup(hwmodel.GroupPath(d.Group))
	if err != nil {
		return "", err
	}
	body := domainBody{URLDomain: x.c.Name, MinSSLVersion: d.MinSSLVersion, IngressHTTPPort: d.IngressHTTPPort, IngressHTTPSPort: d.IngressHTTPSPort}
	data, err := x.call(ctx, Request{Op: "AssociateDomainV2", Method: "POST", Path: "/api-groups/{group_id}/domains",
		Params: map[string]string{"group_id": groupID}, Body: body}, "")
	if err != nil {
		return "", err
	}
	var made wireDomainSettings
	if err := json.Unmarshal(data, &made); err != nil || made.ID == "" {
		return "", fmt.Errorf("%s: AssociateDomainV2 answered without an id: %s", x.c.Label(), data)
	}
	live := liveDomain{wireDomain: wireDomain{ID: made.ID, Domain: made.URLDomain, MinSslVersion: made.MinSslVersion}, redirect: made.Redirect}
	if err := x.finishDomain(ctx, d, groupID, live); err != nil {
		return made.ID, fmt.Errorf("%w (the domain was bound as %s without its certificate or redirect)", err, made.ID)
	}
	return made.ID, nil
}

// finishDomain brings a bound domain's certificate and settings to d,
// from what is live: the redirect off first when it must go or the
// certificate changes, then the certificate, then the settings.
func (x *execution) finishDomain(ctx context.Context, d *hwsync.DomainDoc, groupID string, live liveDomain) error {
	domainID := live.ID
	minSSL := cmp.Or(d.MinSSLVersion, live.MinSslVersion, "TLSv1.1")
	certID, certName := live.certificate()
	certChanges := certName != d.Certificate
	if live.redirect && (certChanges || !d.IsHTTPRedirectToHTTPS) {
		if err := x.putDomain(ctx, groupID, domainID, domainBody{MinSSLVersion: minSSL, Redirect: new(false)}); err != nil {
			return err
		}
		live.redirect = false
	}
	if certChanges {
		if err := x.swapCertificate(ctx, d, groupID, domainID, certID); err != nil {
			return err
		}
	}
	want := domainBody{MinSSLVersion: minSSL, IngressHTTPPort: d.IngressHTTPPort, IngressHTTPSPort: d.IngressHTTPSPort}
	if d.IsHTTPRedirectToHTTPS || live.redirect {
		want.Redirect = new(d.IsHTTPRedirectToHTTPS)
	}
	if want.Redirect == nil && want.IngressHTTPPort == nil && minSSL == live.MinSslVersion {
		return nil
	}
	return x.putDomain(ctx, groupID, domainID, want)
}

func (x *execution) putDomain(ctx context.Context, groupID, domainID string, body domainBody) error {
	_, err := x.call(ctx, Request{Op: "UpdateDomainV2", Method: "PUT", Path: "/api-groups/{group_id}/domains/{domain_id}",
		Params: domainParams(groupID, domainID), Body: body}, domainID)
	return err
}

// swapCertificate unbinds the domain's certificate (oldID, if any) and
// binds the one d names (if any).
func (x *execution) swapCertificate(ctx context.Context, d *hwsync.DomainDoc, groupID, domainID, oldID string) error {
	if oldID != "" {
		p := domainParams(groupID, domainID)
		p["certificate_id"] = oldID
		_, err := x.call(ctx, Request{Op: "DisassociateCertificateV2", Method: "DELETE",
			Path: "/api-groups/{group_id}/domains/{domain_id}/certificate/{certificate_id}", Params: p}, domainID)
		if err != nil && !IsNotFound(err) {
			return err
		}
	}
	if d.Certificate == "" {
		return nil
	}
	cert, key, err := x.g.c.certificate(d.Certificate)
	if err != nil {
		return fmt.Errorf("%s: certificate %q cannot be bound: %w", x.c.Label(), d.Certificate, err)
	}
	_, err = x.call(ctx, Request{Op: "AssociateCertificateV2", Method: "POST", Path: "/api-groups/{group_id}/domains/{domain_id}/certificate",
		Params: domainParams(groupID, domainID), Body: map[string]string{"name": d.Certificate, "cert_content": cert, "private_key": key}}, domainID)
	return err
}

// certificate reads the PEM certificate and key of the certificate name
// from the certificate directory.
func (c *Client) certificate(name string) (cert, key string, err error) {
	crt, k, err := readCertificate(c.certDir, name)
	return string(crt), string(k), err
}

func updateDomain(ctx context.Context, x *execution, id string) error {
	d, err := after[*hwsync.DomainDoc](x)
	if err != nil {
		return err
	}
	groupID, err := x.lookup(hwmodel.GroupPath(d.Group))
	if err != nil {
		return err
	}
	live, err := x.liveDomain(ctx, groupID, id)
	if err != nil {
		return err
	}
	return x.finishDomain(ctx, d, groupID, live)
}

// liveDomain reads a domain of a group (ShowDetailsOfApiGroupV2) and,
// when it has a certificate, whether it redirects (ListAttachedDomainsV2).
func (x *execution) liveDomain(ctx context.Context, groupID, id string) (liveDomain, error) {
	data, err := x.call(ctx, Request{Op: "ShowDetailsOfApiGroupV2", Method: "GET", Path: "/api-groups/{group_id}",
		Params: map[string]string{"group_id": groupID}}, groupID)
	if err != nil {
		return liveDomain{}, err
	}
	var g wireGroup
	if err := json.Unmarshal(data, &g); err != nil {
		return liveDomain{}, fmt.Errorf("%s: ShowDetailsOfApiGroupV2: %v", x.c.Label(), err)
	}
	i := slices.IndexFunc(g.URLDomains, func(d wireDomain) bool { return d.ID == id })
	if i < 0 {
		return liveDomain{}, fmt.Errorf("%s: domain %s (live ID %s) is not bound to group %s any more", x.c.Label(), x.c.Name, id, g.Name)
	}
	live := liveDomain{wireDomain: g.URLDomains[i]}
	if certID, _ := live.certificate(); certID != "" {
		if live.redirect, err = x.g.redirect(ctx, live.wireDomain, certID); err != nil {
			return liveDomain{}, fmt.Errorf("%s: %w", x.c.Label(), err)
		}
	}
	return live, nil
}

// deleteDomain unbinds the domain from its group; a domain whose group is
// gone is gone with it.
func deleteDomain(ctx context.Context, x *execution, id string) error {
	d := before[*hwsync.DomainDoc](x)
	if d == nil {
		var err error
		if d, err = after[*hwsync.DomainDoc](x); err != nil {
			return err
		}
	}
	groupID, err := x.lookup(hwmodel.GroupPath(d.Group))
	if err != nil {
		return nil
	}
	_, err = x.call(ctx, Request{Op: "DisassociateDomainV2", Method: "DELETE", Path: "/api-groups/{group_id}/domains/{domain_id}",
		Params: domainParams(groupID, id)}, id)
	return err
}

// findDomain finds the ID of the domain the change names, in whichever
// group holds it.
func findDomain(ctx context.Context, x *execution) (string, error) {
	var groups []item[wireGroup]
	if err := listAll(ctx, x.g, "ListApiGroupsV2", "/api-groups", nil, "groups", &groups); err != nil {
		return "", err
	}
	for _, g := range groups {
		for _, d := range g.v.URLDomains {
			if strings.EqualFold(d.Domain, x.c.Name) {
				return d.ID, nil
			}
		}
	}
	return "", nil
}
