package aliyun

import (
	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/report"
	"github.com/gwsync/gwsync/sync"
)

// DesiredCounts counts an APIG desired state's routes, HTTP APIs,
// domains, services and policies.
func (Kind) DesiredCounts(d *model.Desired) []report.Count {
	return []report.Count{
		{N: len(d.Routes()), Noun: "route"}, {N: len(d.HTTPAPIs), Noun: "HTTP API"}, {N: len(d.Domains), Noun: "domain"},
		{N: len(d.Services), Noun: "service"}, {N: len(d.Policies), Noun: "policy"},
	}
}

// ChangeTitle is "": every APIG change has the common title.
func (Kind) ChangeTitle(*sync.Change) string { return "" }
