package sync

import (
	"context"
	"errors"
	"fmt"
	gosync "sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/gwsync/gwsync/model"
)

// ApplyOptions shape an apply.
type ApplyOptions struct {
	// Parallelism bounds the changes in flight (0: DefaultParallelism).
	Parallelism int
	// DeployTimeout bounds the wait for one deploy or undeploy to settle
	// (0: DefaultDeployTimeout).
	DeployTimeout time.Duration
	// PollInterval is the first wait between deploy status reads; it
	// doubles up to MaxPollInterval (0: the defaults).
	PollInterval, MaxPollInterval time.Duration
	// Progress, if set, hears of every change as it starts and ends. It
	// is called from one goroutine at a time.
	Progress func(Event)
}

// Apply defaults.
const (
	DefaultParallelism     = 10
	DefaultDeployTimeout   = 10 * time.Minute
	DefaultPollInterval    = 200 * time.Millisecond
	DefaultMaxPollInterval = 5 * time.Second
)

// Outcome is how a change ended.
type Outcome string

// Outcomes.
const (
	Started Outcome = "started"
	Applied Outcome = "applied"
	Failed  Outcome = "failed"
	Skipped Outcome = "skipped"
)

// Event is one step of one change in an apply.
type Event struct {
	Change  *Change
	Outcome Outcome
	// Err says why a change failed or was skipped.
	Err     error
	Elapsed time.Duration
}

// Result is what an apply did.
type Result struct {
	Applied, Failed, Skipped int
	// Errors are the failures, each naming its change (and, where known,
	// the desired state's position).
	Errors []error
}

// OK reports whether every change was applied.
func (r *Result) OK() bool { return r.Failed == 0 && r.Skipped == 0 }

// Apply makes the plan's changes on gw, step by step in the plan's order.
// Within a step, changes run concurrently up to the parallelism, except
// that changes to one resource run one at a time; a deploy waits for its
// route to settle without holding a worker. A change that fails skips the
// later changes that need it; the others go on. live gives the IDs the
// plan refers to.
func Apply(ctx context.Context, gw Gateway, p *Plan, live *model.Live, opts ApplyOptions) *Result {
	r := newRun(gw, live, opts)
	for _, step := range groupBySteps(p.Changes) {
		if ctx.Err() != nil {
			r.skipAll(step, fmt.Errorf("not started: %w", ctx.Err()))
			continue
		}
		r.runStep(ctx, step)
	}
	return r.result
}

// groupBySteps splits ordered changes into runs of the same step.
func groupBySteps(cs []*Change) [][]*Change {
	var out [][]*Change
	for i, c := range cs {
		if i == 0 || cs[i-1].Step != c.Step {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], c)
	}
	return out
}

// run is the state of one Apply: one owner (mu) for the IDs, the failure
// marks and the result.
type run struct {
	gw     Gateway
	opts   ApplyOptions
	mu     gosync.Mutex
	ids    map[string]string
	failed map[string]error
	result *Result
}

func newRun(gw Gateway, live *model.Live, opts ApplyOptions) *run {
	if opts.Parallelism <= 0 {
		opts.Parallelism = DefaultParallelism
	}
	opts.DeployTimeout = orDuration(opts.DeployTimeout, DefaultDeployTimeout)
	opts.PollInterval = orDuration(opts.PollInterval, DefaultPollInterval)
	opts.MaxPollInterval = orDuration(opts.MaxPollInterval, DefaultMaxPollInterval)
	ids := make(map[string]string, len(live.IDs))
	for k, v := range live.IDs {
		ids[k] = v
	}
	return &run{gw: gw, opts: opts, ids: ids, failed: map[string]error{}, result: &Result{}}
}

func orDuration(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// Lookup resolves a resource path to its live ID (sync.IDs).
func (r *run) Lookup(path string) (string, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	id, ok := r.ids[path]
	return id, ok
}

// runStep runs one step's changes: one goroutine per resource (its
// changes in order), at most Parallelism calls at a time.
func (r *run) runStep(ctx context.Context, step []*Change) {
	sem := make(chan struct{}, r.opts.Parallelism)
	var g errgroup.Group
	for _, chain := range chainsByResource(step) {
		g.Go(func() error {
			for _, c := range chain {
				r.runChange(ctx, c, sem)
			}
			return nil
		})
	}
	_ = g.Wait()
}

// chainsByResource groups a step's changes by the resource they act on
// (an attachment by the resource it attaches to), keeping their order.
func chainsByResource(step []*Change) [][]*Change {
	idx := map[string]int{}
	var out [][]*Change
	for _, c := range step {
		key := serialKey(c)
		i, ok := idx[key]
		if !ok {
			i = len(out)
			idx[key] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], c)
	}
	return out
}

// serialKey names what a change must not touch concurrently with others.
func serialKey(c *Change) string {
	if c.Kind == KindAttachment {
		return "attach:" + attachTarget(c)
	}
	return c.Resource
}

// runChange runs one change unless something it needs failed.
func (r *run) runChange(ctx context.Context, c *Change, sem chan struct{}) {
	if err := r.blocked(c); err != nil {
		r.finish(c, Skipped, err, 0)
		return
	}
	if ctx.Err() != nil {
		r.finish(c, Skipped, fmt.Errorf("not started: %w", ctx.Err()), 0)
		return
	}
	start := time.Now()
	r.emit(Event{Change: c, Outcome: Started})
	sem <- struct{}{}
	id, err := r.gw.Execute(ctx, c, r)
	<-sem
	if err == nil && id != "" {
		r.recordID(c, id)
	}
	if err == nil && (c.Action == Deploy || c.Action == Undeploy) {
		err = r.settle(ctx, c)
	}
	if err != nil {
		r.finish(c, Failed, r.located(c, err), time.Since(start))
		return
	}
	r.finish(c, Applied, nil, time.Since(start))
}

// located adds the desired state's position to a change's error.
func (r *run) located(c *Change, err error) error {
	if c.Pos.IsValid() {
		return fmt.Errorf("%s: %s: %w", c.Pos, c.Label(), err)
	}
	return fmt.Errorf("%s: %w", c.Label(), err)
}

func (r *run) recordID(c *Change, id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ids[c.Resource] = id
}

// finish records how a change ended, marking what it leaves unusable.
func (r *run) finish(c *Change, o Outcome, err error, elapsed time.Duration) {
	r.mu.Lock()
	switch o {
	case Applied:
		r.result.Applied++
	case Failed:
		r.result.Failed++
		r.result.Errors = append(r.result.Errors, err)
	case Skipped:
		r.result.Skipped++
	}
	if o != Applied {
		for _, mark := range marks(c) {
			r.failed[mark] = fmt.Errorf("%s was not %s", c.Label(), pastTense(c.Action))
		}
	}
	r.mu.Unlock()
	r.emit(Event{Change: c, Outcome: o, Err: err, Elapsed: elapsed})
}

func (r *run) emit(e Event) {
	if r.opts.Progress == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.opts.Progress(e)
}

func (r *run) skipAll(step []*Change, err error) {
	for _, c := range step {
		r.finish(c, Skipped, err, 0)
	}
}

// blocked returns why a change cannot run: a change it needs failed.
func (r *run) blocked(c *Change) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, need := range needs(c) {
		if err := r.failed[need]; err != nil {
			return fmt.Errorf("skipped: %w", err)
		}
	}
	return nil
}

// settle polls a route until its deploy or undeploy is done, without
// holding a worker slot.
func (r *run) settle(ctx context.Context, c *Change) error {
	apiID, _ := r.Lookup(model.HTTPAPIPath(c.API))
	routeID := c.ID
	if id, ok := r.Lookup(c.Resource); ok && c.Action == Deploy {
		routeID = id
	}
	ctx, cancel := context.WithTimeout(ctx, r.opts.DeployTimeout)
	defer cancel()
	wait := r.opts.PollInterval
	for {
		d, err := r.gw.DeployStatus(ctx, apiID, routeID)
		if err != nil {
			return err
		}
		if done, err := settled(c.Action, d); done {
			return err
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("still %s after %s: %w", d.Status, r.opts.DeployTimeout, errors.Join(ctx.Err()))
		case <-time.After(wait):
		}
		wait = min(2*wait, r.opts.MaxPollInterval)
	}
}

// settled says whether a route's deploy state ends a deploy or undeploy,
// and with what error.
func settled(a Action, d model.Deploy) (bool, error) {
	switch {
	case a == Deploy && d.Status == statusDeployed:
		return true, nil
	case a == Undeploy && (d.Status == statusNotDeployed || d.Status == ""):
		return true, nil
	case d.Status == "DeployFailed" || d.Status == "UndeployFailed":
		msg := d.ErrorMessage
		if msg == "" {
			msg = "no error message"
		}
		return true, fmt.Errorf("deploy status %s: %s", d.Status, msg)
	}
	return false, nil
}

func pastTense(a Action) string {
	switch a {
	case Create, Update, Delete, Replace:
		return string(a) + "d"
	}
	return string(a) + "ed"
}
