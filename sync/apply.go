package sync

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strings"
	gosync "sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/gwsync/gwsync/model"
)

// ApplyOptions shape an apply.
type ApplyOptions struct {
	// Parallelism bounds the calls in flight (0: DefaultParallelism).
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
	// Adopted: the create found what it wanted to make already there
	// (made by an earlier, interrupted apply) and took it over.
	Adopted Outcome = "adopted"
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
	// Applied counts the changes made, Adopted those of them whose
	// resource was found already made.
	Applied, Adopted, Failed, Skipped int
	// Interrupted is set when the apply stopped starting changes because
	// its context was cancelled.
	Interrupted bool
	// Errors are the failures, each naming its change (and, where known,
	// the desired state's position).
	Errors []error
	// IDs maps resource paths to live IDs after the apply: those read
	// before it and those it created.
	IDs map[string]string
	// Routes holds, by route path, the state read that ended each
	// deploy's wait (for Verification.Routes).
	Routes map[string]RouteState
}

// OK reports whether every change was applied.
func (r *Result) OK() bool { return r.Failed == 0 && r.Skipped == 0 }

// Lookup resolves a resource path to its live ID after the apply
// (sync.IDs).
func (r *Result) Lookup(path string) (string, bool) {
	id, ok := r.IDs[path]
	return id, ok
}

// Apply makes the plan's changes on gw, step by step in the plan's order.
// Within a step, changes run concurrently up to the parallelism, except
// that changes to one resource, and creates of routes whose paths nest,
// run one at a time; a deploy waits for its route to settle without
// holding a worker. A change that fails skips the later changes that need
// it; the others go on. live gives the IDs the plan refers to.
//
// Cancelling ctx stops starting changes: calls already made are let
// finish (they do not see the cancellation), waits for deploys end, and
// the changes not started are counted as skipped.
func Apply(ctx context.Context, gw Gateway, p *Plan, live *model.Live, opts ApplyOptions) *Result {
	r := newRun(ctx, gw, p, live, opts)
	for _, step := range groupBySteps(p.Changes) {
		r.runStep(step)
	}
	r.result.IDs = r.ids
	r.result.Routes = r.routes
	r.result.Interrupted = ctx.Err() != nil
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
	gw   Gateway
	opts ApplyOptions
	// stop is cancelled to stop starting changes; calls is what calls
	// run under, never cancelled by stop.
	stop, calls context.Context
	sem         chan struct{}
	adopt       *adopter

	// routeAPI is the HTTP API of each route the run may change or
	// attach to, by route path.
	routeAPI map[string]string

	mu     gosync.Mutex
	ids    map[string]string
	routes map[string]RouteState
	failed map[string]error
	result *Result
}

func newRun(ctx context.Context, gw Gateway, p *Plan, live *model.Live, opts ApplyOptions) *run {
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
	return &run{gw: gw, opts: opts, stop: ctx, calls: context.WithoutCancel(ctx), sem: make(chan struct{}, opts.Parallelism),
		adopt: &adopter{gw: gw}, routeAPI: routeAPIs(p, live), ids: ids, routes: map[string]RouteState{}, failed: map[string]error{}, result: &Result{}}
}

// routeAPIs maps the path of each live route (as each gateway kind reads
// its live state) and of each route the plan makes to its HTTP API's
// name.
func routeAPIs(p *Plan, live *model.Live) map[string]string {
	out := map[string]string{}
	for _, k := range planners() {
		maps.Copy(out, k.LiveRouteAPIs(live))
	}
	for _, c := range p.Changes {
		if c.Kind == KindRoute && c.API != "" {
			out[c.Resource] = c.API
		}
	}
	return out
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

// runStep runs one step's changes: one goroutine per chain (its changes
// in order), at most Parallelism calls at a time.
func (r *run) runStep(step []*Change) {
	var g errgroup.Group
	for _, chain := range chains(step) {
		g.Go(func() error {
			for _, c := range chain {
				r.runChange(c)
			}
			return nil
		})
	}
	_ = g.Wait()
}

// runChange runs one change unless something it needs failed or the
// apply was interrupted.
func (r *run) runChange(c *Change) {
	if err := r.blocked(c); err != nil {
		r.finish(c, Skipped, err, 0)
		return
	}
	start := time.Now()
	adopted, err := r.execute(c, gosync.OnceFunc(func() { r.emit(Event{Change: c, Outcome: Started}) }))
	switch {
	case errors.Is(err, errNotStarted):
		r.finish(c, Skipped, err, 0)
	case err != nil:
		r.finish(c, Failed, r.located(c, err), time.Since(start))
	case adopted:
		r.finish(c, Adopted, nil, time.Since(start))
	default:
		r.finish(c, Applied, nil, time.Since(start))
	}
}

// errNotStarted is why a change was not started.
var errNotStarted = errors.New("not started: apply was interrupted")

// call runs one gateway call in a worker slot.
func call[T any](r *run, f func(ctx context.Context) (T, error)) (T, error) {
	r.sem <- struct{}{}
	defer func() { <-r.sem }()
	return f(r.calls)
}

// located adds the desired state's position and the change's label to
// its error (once: a provider's errors may start with the label).
func (r *run) located(c *Change, err error) error {
	msg := c.Label() + ": " + unlabelled(c, err)
	if c.Pos.IsValid() {
		msg = c.Pos.String() + ": " + msg
	}
	return &changeError{msg: msg, err: err}
}

// changeError is a change's error with its position and label.
type changeError struct {
	msg string
	err error
}

func (e *changeError) Error() string { return e.msg }
func (e *changeError) Unwrap() error { return e.err }

// unlabelled is err's message without the change's label in front.
func unlabelled(c *Change, err error) string {
	return strings.TrimPrefix(err.Error(), c.Label()+": ")
}

func (r *run) recordID(path, id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ids[path] = id
}

func (r *run) recordRoute(path string, st RouteState) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.routes[path] = st
}

// finish records how a change ended, marking what it leaves unusable.
func (r *run) finish(c *Change, o Outcome, err error, elapsed time.Duration) {
	r.mu.Lock()
	switch o {
	case Applied:
		r.result.Applied++
	case Adopted:
		r.result.Applied++
		r.result.Adopted++
	case Failed:
		r.result.Failed++
		r.result.Errors = append(r.result.Errors, err)
	case Skipped:
		r.result.Skipped++
	}
	if o == Failed || o == Skipped {
		for _, mark := range marks(c) {
			r.failed[mark] = fmt.Errorf("%s was not %s", c.Label(), c.Term().Past)
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

// blocked returns why a change cannot run: a change it needs failed.
func (r *run) blocked(c *Change) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, need := range needs(c) {
		if err := r.failed[need]; err != nil {
			return fmt.Errorf("not started: %w", err)
		}
	}
	return nil
}
