package cli

import (
	"context"
	"fmt"

	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/probe"
)

// probeReport is what the desired state's probes found.
type probeReport struct {
	// failures has one error per probe that did not get its answer, each
	// starting with the probe's position.
	failures []error
	// notes say what applied to the probes' requests that the data plane
	// does not model, and so which probes do not prove it.
	notes []string
}

// runProbes sends the probes d declares through tg's data plane, once
// apply's changes are live, and reports the failures, e.g.
//
//	probes.cue:3:2: probe orders-list: GET api.example.com/orders/1 from 10.1.2.3: got 403, want 200: {"code":"Forbidden",...}
//
// and the notes of the local data planes on what they do not model. With
// probes declared but no data plane known (a cloud's gateway without
// --dataplane) it sends nothing and says so on stderr.
func (a *app) runProbes(ctx context.Context, d *model.Desired, tg *target) probeReport {
	var rep probeReport
	if len(d.Probes) == 0 {
		return rep
	}
	if tg.dataplane == "" {
		fmt.Fprintln(a.stderr, "gwsync: probes skipped: no data plane; pass --dataplane HOST:PORT")
		return rep
	}
	res := probe.Run(ctx, tg.dataplane, d.Probes, probe.Options{HTTPS: tg.dataplaneHTTPS})
	for _, r := range res {
		if err := r.Failure(); err != nil {
			rep.failures = append(rep.failures, err)
		}
	}
	rep.notes = probe.NotProved(res)
	return rep
}
