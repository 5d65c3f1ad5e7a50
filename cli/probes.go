package cli

import (
	"context"
	"fmt"

	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/probe"
)

// runProbes sends the probes d declares through tg's data plane, once
// apply's changes are live, and returns one error per probe that did not
// get its status, each starting with the probe's position:
//
//	probes.cue:3:2: probe orders-list: GET api.example.com/orders/1 from 10.1.2.3: got 403, want 200: {"code":"Forbidden",...}
//
// With probes declared but no data plane known (provider aliyun without
// --dataplane) it sends nothing and says so on stderr.
func (a *app) runProbes(ctx context.Context, d *model.Desired, tg *target) []error {
	if len(d.Probes) == 0 {
		return nil
	}
	if tg.dataplane == "" {
		fmt.Fprintln(a.stderr, "gwsync: probes skipped: no data plane; pass --dataplane HOST:PORT")
		return nil
	}
	var errs []error
	for _, r := range probe.Run(ctx, tg.dataplane, d.Probes, probe.Options{}) {
		if err := r.Failure(); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}
