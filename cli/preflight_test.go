package cli

import (
	"strings"
	"testing"

	"github.com/gwsync/gwsync/diag"
	hwdiag "github.com/gwsync/gwsync/diag/huawei"
	"github.com/gwsync/gwsync/model"
	gwsync "github.com/gwsync/gwsync/sync"
)

// preflightGateway is a gateway whose preflight checks find findings.
type preflightGateway struct {
	gwsync.Gateway
	findings []diag.Finding
}

func (g preflightGateway) Preflight(*model.Desired, *gwsync.Plan) []diag.Finding { return g.findings }

func TestPreflight(t *testing.T) {
	at := func(line int) model.Pos { return model.Pos{File: "orders.cue", Line: line, Column: 3} }
	certErr := diag.Errorf(hwdiag.RuleHWCertificate, "groups.g.domains.a", at(36), "certificate \"c_cert\" cannot be bound: c_cert.crt does not exist")
	warning := diag.Warnf(hwdiag.RuleHWTagQuota, "groups.g.apis.a", at(10), "11 tags")
	p := &planned{label: "huawei instance i-1", plan: &gwsync.Plan{}, findings: []diag.Finding{warning},
		target: &target{gw: preflightGateway{findings: []diag.Finding{certErr}}}}

	p.preflight()
	if len(p.findings) != 2 || p.findings[0].Rule != hwdiag.RuleHWTagQuota || p.findings[1].Rule != hwdiag.RuleHWCertificate {
		t.Errorf("preflight findings are added to the plan's, sorted: %v", p.findings)
	}

	err := preflightError(p, &gwsync.Plan{})
	if err == nil || !strings.Contains(err.Error(), "orders.cue:36:3: certificate \"c_cert\" cannot be bound") || !strings.Contains(err.Error(), "nothing was changed") {
		t.Errorf("preflightError = %v, want the error finding at its position, and that nothing was changed", err)
	}
	p.target.gw = preflightGateway{findings: []diag.Finding{warning}}
	if err := preflightError(p, &gwsync.Plan{}); err != nil {
		t.Errorf("preflightError with warnings only = %v, want nil", err)
	}
	p.target.gw = nil
	if err := preflightError(p, &gwsync.Plan{}); err != nil {
		t.Errorf("preflightError on a gateway without preflight checks = %v, want nil", err)
	}
}
