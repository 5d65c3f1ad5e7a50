package aliyun

import (
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	"github.com/gwsync/gwsync/report"
	"github.com/gwsync/gwsync/sync"
)

// DesiredCounts counts an APIG desired state's routes, HTTP APIs,
// domains, services and policies.
func (Kind) DesiredCounts(d *model.Desired) []report.Count {
	s := alimodel.Of(d)
	if s == nil {
		s = &alimodel.State{}
	}
	return []report.Count{
		{N: len(s.Routes()), Noun: "route"}, {N: len(s.HTTPAPIs), Noun: "HTTP API"}, {N: len(s.Domains), Noun: "domain"},
		{N: len(s.Services), Noun: "service"}, {N: len(s.Policies), Noun: "policy"},
	}
}

// ChangeTitle is "": every APIG change has the common title.
func (Kind) ChangeTitle(*sync.Change) string { return "" }
