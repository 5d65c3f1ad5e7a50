package huawei

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/gwsync/gwsync/model"
	gwsync "github.com/gwsync/gwsync/sync"
)

// A domain bound to a group is made in three steps, because APIG refuses
// the HTTP-to-HTTPS redirect on a domain without a certificate: bind the
// domain (AssociateDomainV2), bind its certificate
// (AssociateCertificateV2), then turn the redirect on (UpdateDomainV2).

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
	d, err := after[*gwsync.HuaweiDomainDoc](x)
	if err != nil {
		return "", err
	}
	groupID, err := x.lookup(model.HuaweiGroupPath(d.Group))
	if err != nil {
		return "", err
	}
	body := domainBody{URLDomain: x.c.Name, MinSSLVersion: d.MinSSLVersion, IngressHTTPPort: d.IngressHTTPPort, IngressHTTPSPort: d.IngressHTTPSPort}
	data, err := x.call(ctx, Request{Op: "AssociateDomainV2", Method: "POST", Path: "/api-groups/{group_id}/domains",
		Params: map[string]string{"group_id": groupID}, Body: body}, "")
	if err != nil {
		return "", err
	}
	var made wireDomain
	if err := json.Unmarshal(data, &made); err != nil || made.ID == "" {
		return "", fmt.Errorf("%s: AssociateDomainV2 answered without an id: %s", x.c.Label(), data)
	}
	if err := x.finishDomain(ctx, d, groupID, made.ID, wireDomain{MinSslVersion: made.MinSslVersion}); err != nil {
		return made.ID, fmt.Errorf("%w (the domain was bound as %s without its certificate or redirect)", err, made.ID)
	}
	return made.ID, nil
}

// finishDomain brings a bound domain's certificate and settings to d,
// from what is live: the redirect off first when it must go or the
// certificate changes, then the certificate, then the settings.
func (x *execution) finishDomain(ctx context.Context, d *gwsync.HuaweiDomainDoc, groupID, domainID string, live wireDomain) error {
	minSSL := cmp.Or(d.MinSSLVersion, live.MinSslVersion, "TLSv1.1")
	certChanges := live.SslName != d.Certificate
	if live.Redirect && (certChanges || !d.IsHTTPRedirectToHTTPS) {
		if err := x.putDomain(ctx, groupID, domainID, domainBody{MinSSLVersion: minSSL, Redirect: new(false)}); err != nil {
			return err
		}
		live.Redirect = false
	}
	if certChanges {
		if err := x.swapCertificate(ctx, d, groupID, domainID, live.SslID); err != nil {
			return err
		}
	}
	want := domainBody{MinSSLVersion: minSSL, IngressHTTPPort: d.IngressHTTPPort, IngressHTTPSPort: d.IngressHTTPSPort}
	if d.IsHTTPRedirectToHTTPS || live.Redirect {
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
func (x *execution) swapCertificate(ctx context.Context, d *gwsync.HuaweiDomainDoc, groupID, domainID, oldID string) error {
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
		return fmt.Errorf("%s: %w", x.c.Label(), err)
	}
	_, err = x.call(ctx, Request{Op: "AssociateCertificateV2", Method: "POST", Path: "/api-groups/{group_id}/domains/{domain_id}/certificate",
		Params: domainParams(groupID, domainID), Body: map[string]string{"name": d.Certificate, "cert_content": cert, "private_key": key}}, domainID)
	return err
}

// certificate reads the PEM certificate and key of the certificate name
// from the certificate directory.
func (c *Client) certificate(name string) (cert, key string, err error) {
	if c.certDir == "" {
		return "", "", fmt.Errorf("binding certificate %s needs its PEM files: set %s to a directory holding %s.crt and %s.key", name, EnvCertDir, name, name)
	}
	if strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
		return "", "", fmt.Errorf("certificate name %q cannot name a file", name)
	}
	read := func(ext string) (string, error) {
		b, err := os.ReadFile(filepath.Join(c.certDir, name+ext))
		if err != nil {
			return "", fmt.Errorf("reading certificate %s: %w", name, err)
		}
		return string(b), nil
	}
	if cert, err = read(".crt"); err != nil {
		return "", "", err
	}
	if key, err = read(".key"); err != nil {
		return "", "", err
	}
	return cert, key, nil
}

func updateDomain(ctx context.Context, x *execution, id string) error {
	d, err := after[*gwsync.HuaweiDomainDoc](x)
	if err != nil {
		return err
	}
	groupID, err := x.lookup(model.HuaweiGroupPath(d.Group))
	if err != nil {
		return err
	}
	live, err := x.liveDomain(ctx, groupID, id)
	if err != nil {
		return err
	}
	return x.finishDomain(ctx, d, groupID, id, live)
}

// liveDomain reads a domain of a group (ShowDetailsOfApiGroupV2).
func (x *execution) liveDomain(ctx context.Context, groupID, id string) (wireDomain, error) {
	data, err := x.call(ctx, Request{Op: "ShowDetailsOfApiGroupV2", Method: "GET", Path: "/api-groups/{group_id}",
		Params: map[string]string{"group_id": groupID}}, groupID)
	if err != nil {
		return wireDomain{}, err
	}
	var g wireGroup
	if err := json.Unmarshal(data, &g); err != nil {
		return wireDomain{}, fmt.Errorf("%s: ShowDetailsOfApiGroupV2: %v", x.c.Label(), err)
	}
	for _, d := range g.URLDomains {
		if d.ID == id {
			return d, nil
		}
	}
	return wireDomain{}, fmt.Errorf("%s: domain %s (live ID %s) is not bound to group %s any more", x.c.Label(), x.c.Name, id, g.Name)
}

// deleteDomain unbinds the domain from its group; a domain whose group is
// gone is gone with it.
func deleteDomain(ctx context.Context, x *execution, id string) error {
	d := before[*gwsync.HuaweiDomainDoc](x)
	if d == nil {
		var err error
		if d, err = after[*gwsync.HuaweiDomainDoc](x); err != nil {
			return err
		}
	}
	groupID, err := x.lookup(model.HuaweiGroupPath(d.Group))
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
