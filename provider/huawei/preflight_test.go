package huawei

import (
	"strings"
	"testing"

	"github.com/gwsync/gwsync/diag"
	hwdiag "github.com/gwsync/gwsync/diag/huawei"
	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
	gwsync "github.com/gwsync/gwsync/sync"
	hwsync "github.com/gwsync/gwsync/sync/huawei"
)

// TestPreflightCertificates checks the files of exactly the certificates
// a plan binds, and reports each at the line naming the certificate.
func TestPreflightCertificates(t *testing.T) {
	dir := t.TempDir()
	writeCert(t, dir, "good_cert", "good.example.com")
	at := func(line int) model.Pos { return model.Pos{File: "orders.cue", Line: line, Column: 3} }
	domain := func(name, cert string, line int) *hwmodel.Domain {
		return &hwmodel.Domain{Name: name, Group: "g", Certificate: model.Ref{Name: cert, Pos: at(line + 1)}, Pos: at(line)}
	}
	d := &model.Desired{Gateway: model.Gateway{Provider: "huawei"}, State: &hwmodel.State{Groups: []*hwmodel.Group{{Name: "g",
		Domains: []*hwmodel.Domain{
			domain("good.example.com", "good_cert", 10),
			domain("new.example.com", "missing_cert", 20),
			domain("kept.example.com", "kept_cert", 30),
			domain("swapped.example.com", "other_cert", 40),
			domain("plain.example.com", "", 50),
		}}}}}
	doc := func(cert string) *hwsync.DomainDoc {
		return &hwsync.DomainDoc{Group: "g", Certificate: cert}
	}
	change := func(a gwsync.Action, name string, before, after *hwsync.DomainDoc, line int) *gwsync.Change {
		c := &gwsync.Change{Action: a, Kind: gwsync.KindDomain, Name: name, Resource: hwmodel.DomainPath("g", name), Pos: at(line)}
		if before != nil {
			c.Before = before
		}
		if after != nil {
			c.After = after
		}
		return c
	}
	plan := &gwsync.Plan{Gateway: d.Gateway, Changes: []*gwsync.Change{
		change(gwsync.Create, "good.example.com", nil, doc("good_cert"), 10),
		change(gwsync.Create, "new.example.com", nil, doc("missing_cert"), 20),
		// Its certificate is bound already: its files are not needed.
		change(gwsync.Update, "kept.example.com", doc("kept_cert"), &hwsync.DomainDoc{Group: "g", Certificate: "kept_cert", IsHTTPRedirectToHTTPS: true}, 30),
		change(gwsync.Update, "swapped.example.com", doc("old_cert"), doc("other_cert"), 40),
		change(gwsync.Create, "plain.example.com", nil, doc(""), 50),
		change(gwsync.Delete, "gone.example.com", doc("gone_cert"), nil, 0),
	}}
	g := &Gateway{c: &Client{certDir: dir}}
	got := g.Preflight(d, plan)
	want := []struct {
		line     int
		resource string
		msg      string
	}{
		{21, "groups.g.domains.new.example.com", `domain new.example.com: certificate "missing_cert" cannot be bound: ` + dir + `/missing_cert.crt does not exist`},
		{41, "groups.g.domains.swapped.example.com", `domain swapped.example.com: certificate "other_cert" cannot be bound: ` + dir + `/other_cert.crt does not exist`},
	}
	if len(got) != len(want) {
		t.Fatalf("Preflight found %d findings, want %d: %v", len(got), len(want), got)
	}
	for i, w := range want {
		f := got[i]
		if f.Rule != hwdiag.RuleHWCertificate || f.Severity != diag.Error || f.Pos.Line != w.line || f.Resource != w.resource || !strings.Contains(f.Message, w.msg) {
			t.Errorf("finding %d: %s %s at line %d on %s: %s\nwant %s error at line %d on %s: %s", i, f.Rule, f.Severity, f.Pos.Line, f.Resource, f.Message,
				hwdiag.RuleHWCertificate, w.line, w.resource, w.msg)
		}
	}
	if fs := (&Gateway{c: &Client{}}).Preflight(d, &gwsync.Plan{Changes: plan.Changes[2:3]}); len(fs) != 0 {
		t.Errorf("a plan that binds no certificate needs no certificate directory, got %v", fs)
	}
}
