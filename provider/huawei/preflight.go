package huawei

import (
	"fmt"
	"time"

	"github.com/gwsync/gwsync/diag"
	hwdiag "github.com/gwsync/gwsync/diag/huawei"
	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
	gwsync "github.com/gwsync/gwsync/sync"
	hwsync "github.com/gwsync/gwsync/sync/huawei"
)

var _ gwsync.Preflighter = (*Gateway)(nil)

// Preflight checks the certificate files of every domain whose
// certificate plan p binds (a domain created with a certificate, or
// whose certificate changes) with CheckCertificate, at the time now, so
// that what the last change of an apply would fail on is an error of the
// plan instead. Each finding is at the line of d that names the
// certificate (rule hw-certificate). A certificate already bound is not
// read: a plan that binds none needs no certificate directory.
func (g *Gateway) Preflight(d *model.Desired, p *gwsync.Plan) []diag.Finding {
	declared := declaredDomains(d)
	var out []diag.Finding
	for _, c := range p.Changes {
		doc := bindsCertificate(c)
		if doc == nil {
			continue
		}
		if err := CheckCertificate(g.c.certDir, doc.Certificate, c.Name, time.Now()); err != nil {
			out = append(out, certificateFinding(c, declared[c.Resource], doc.Certificate, err))
		}
	}
	return out
}

// bindsCertificate is the desired document of a domain change that binds
// a certificate, or nil: a create of a domain with one, or a change of a
// domain's certificate to another.
func bindsCertificate(c *gwsync.Change) *hwsync.DomainDoc {
	after, ok := c.After.(*hwsync.DomainDoc)
	if c.Kind != gwsync.KindDomain || !ok || after == nil || after.Certificate == "" {
		return nil
	}
	if before, ok := c.Before.(*hwsync.DomainDoc); ok && before != nil && before.Certificate == after.Certificate {
		return nil
	}
	return after
}

// declaredDomains maps the resource path of each domain d declares to it.
func declaredDomains(d *model.Desired) map[string]*hwmodel.Domain {
	out := map[string]*hwmodel.Domain{}
	if d == nil || hwmodel.Of(d) == nil {
		return out
	}
	for _, g := range hwmodel.Of(d).Groups {
		for _, dom := range g.Domains {
			out[hwmodel.DomainPath(g.Name, dom.Name)] = dom
		}
	}
	return out
}

// certificateFinding is the error that domain change c cannot bind its
// certificate (named cert), at the line naming the certificate when d
// declares it there, else at the domain.
func certificateFinding(c *gwsync.Change, d *hwmodel.Domain, cert string, err error) diag.Finding {
	pos := c.Pos
	if d != nil && d.Certificate.Pos.IsValid() {
		pos = d.Certificate.Pos
	}
	msg := fmt.Sprintf("domain %s: certificate %q cannot be bound: %v", c.Name, cert, err)
	return diag.Errorf(hwdiag.RuleHWCertificate, c.Resource, pos, msg)
}
