// Package probe sends the live-traffic probes a desired state declares
// through a gateway's data plane and says which got the status they
// expect: step 4 of APIG's "verifying changes" (send a request to the
// domain and path, and see that the route forwards it and that policies
// such as an IP whitelist hold), which gwsync apply runs once its changes
// are live.
//
// A probe is one HTTP request to the data plane's address (plain HTTP),
// with the Host header set to the probe's domain and, when the probe has a
// source address, X-Forwarded-For set to it. IpAccessControl policies with
// protocolLayer L7 judge that address; L4 policies judge the connection's
// own address, which a probe cannot choose. Redirects are not followed, so
// a probe can expect a 301.
//
// A data plane can take a moment to serve what was just deployed, so a
// probe that gets another status, or no answer, is sent again for a few
// seconds (Options.Settle) before it counts as failed.
package probe

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gwsync/gwsync/model"
)

// Defaults for Options.
const (
	DefaultTimeout     = 10 * time.Second
	DefaultSettle      = 3 * time.Second
	DefaultParallelism = 8
)

// ExcerptLen is the most characters of a response body a Result keeps.
const ExcerptLen = 200

// firstRetry and lastRetry bound the wait between two tries of a probe;
// it doubles from one to the other.
const (
	firstRetry = 100 * time.Millisecond
	lastRetry  = time.Second
)

// Options configure Run. The zero value uses the defaults.
type Options struct {
	// Client sends the requests; nil means a client of Run's own. Run
	// never follows redirects and keeps no cookies, whichever client.
	Client *http.Client
	// Parallelism bounds the probes in flight at once.
	Parallelism int
	// Timeout bounds one request, answer included.
	Timeout time.Duration
	// Settle is how long after its first try a probe that did not get its
	// status is tried again; 0 means DefaultSettle, negative never again.
	Settle time.Duration
}

// withDefaults fills what o leaves zero.
func (o Options) withDefaults() Options {
	if o.Parallelism <= 0 {
		o.Parallelism = DefaultParallelism
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Settle == 0 {
		o.Settle = DefaultSettle
	}
	c := http.Client{}
	if o.Client != nil {
		c = *o.Client
	}
	c.Jar = nil
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	o.Client = &c
	return o
}

// Result is what one probe got.
type Result struct {
	Probe *model.Probe
	// Status is the status of the last answer; 0 when none came.
	Status int
	// Excerpt is the start of the last answer's body, on one line, when
	// the probe failed ("" when it passed).
	Excerpt string
	// Err says why the probe could not be sent, or why no answer came.
	Err error
	// Attempts counts the tries (0 when the probe could not be sent).
	Attempts int
}

// OK reports whether the probe got the status it expects.
func (r Result) OK() bool { return r.Err == nil && r.Status == r.Probe.Status }

// Failure is nil when the probe passed, and otherwise an error that names
// the probe by its position and says what it sent, what it got and what
// it wanted, e.g.
//
//	probes.cue:3:2: probe orders-list: GET api.example.com/orders/1 from 10.1.2.3: got 403, want 200: {"code":"Forbidden",...}
func (r Result) Failure() error {
	if r.OK() {
		return nil
	}
	head := fmt.Sprintf("probe %s: %s", r.Probe.Name, Describe(r.Probe))
	if r.Probe.Pos.IsValid() {
		head = r.Probe.Pos.String() + ": " + head
	}
	switch {
	case r.Err != nil && r.Attempts == 0:
		return fmt.Errorf("%s: not sent: %w", head, r.Err)
	case r.Err != nil:
		return fmt.Errorf("%s: no answer, want %d: %w", head, r.Probe.Status, r.Err)
	}
	msg := fmt.Sprintf("%s: got %d, want %d", head, r.Status, r.Probe.Status)
	if r.Excerpt != "" {
		msg += ": " + r.Excerpt
	}
	return errors.New(msg)
}

// Describe renders the request a probe sends, as messages name it:
// "GET api.example.com/orders/1?page=2 from 10.1.2.3".
func Describe(p *model.Probe) string {
	s := p.Method + " " + p.Domain.Name + p.Path
	if q := encodeQuery(p.Query); q != "" {
		s += "?" + q
	}
	if p.Source != "" {
		s += " from " + p.Source
	}
	return s
}

// Run sends each probe to the data plane at dataplane (host:port, plain
// HTTP), up to Parallelism at once, and returns a Result per probe in the
// order given. Cancelling ctx stops the probes still running; they fail
// with the context's error.
func Run(ctx context.Context, dataplane string, probes []*model.Probe, opts Options) []Result {
	opts = opts.withDefaults()
	out := make([]Result, len(probes))
	slots := make(chan struct{}, opts.Parallelism)
	var wg sync.WaitGroup
	for i, p := range probes {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			out[i] = try(ctx, dataplane, p, opts)
		})
	}
	wg.Wait()
	return out
}

// try sends a probe until it gets its status or Settle has passed since
// the first try, waiting longer between tries each time.
func try(ctx context.Context, dataplane string, p *model.Probe, opts Options) Result {
	res := Result{Probe: p}
	target, err := requestURL(dataplane, p)
	if err != nil {
		res.Err = err
		return res
	}
	giveUp := time.Now().Add(opts.Settle)
	wait := firstRetry
	for {
		res.Attempts++
		res.Status, res.Excerpt, res.Err = send(ctx, opts, target, p)
		if res.OK() {
			res.Excerpt = ""
			return res
		}
		if time.Now().Add(wait).After(giveUp) || !sleep(ctx, wait) {
			return res
		}
		wait = min(2*wait, lastRetry)
	}
}

// sleep waits for d, or until ctx is done (reporting false).
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// send makes one request to target and returns the status and an excerpt
// of the body, or why no answer came.
func send(ctx context.Context, opts Options, target string, p *model.Probe) (int, string, error) {
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	req, err := newRequest(ctx, target, p)
	if err != nil {
		return 0, "", err
	}
	resp, err := opts.Client.Do(req)
	if err != nil {
		return 0, "", transportError(err, opts.Timeout)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4*ExcerptLen))
	return resp.StatusCode, excerpt(body), nil
}

// requestURL is the URL a probe is sent to: its path and query at the
// data plane's address.
func requestURL(dataplane string, p *model.Probe) (string, error) {
	u, err := url.Parse(p.Path)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return "", fmt.Errorf("path %q is not a request path: write it as /segment/... with %%XX escapes only where meant", p.Path)
	}
	u.Scheme, u.Host, u.RawQuery = "http", dataplane, encodeQuery(p.Query)
	return u.String(), nil
}

// newRequest builds a probe's request to target.
func newRequest(ctx context.Context, target string, p *model.Probe) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, p.Method, target, nil)
	if err != nil {
		return nil, err
	}
	req.Host = p.Domain.Name
	req.Header.Set("User-Agent", "gwsync-probe")
	for _, h := range p.Headers {
		req.Header.Set(h.Name, h.Value)
	}
	if p.Source != "" {
		req.Header.Set("X-Forwarded-For", p.Source)
	}
	return req, nil
}

// encodeQuery encodes query parameters in the order they were written.
func encodeQuery(params []model.Param) string {
	parts := make([]string, len(params))
	for i, q := range params {
		parts[i] = url.QueryEscape(q.Name) + "=" + url.QueryEscape(q.Value)
	}
	return strings.Join(parts, "&")
}

// transportError shortens the client's error to its cause.
func transportError(err error, timeout time.Duration) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("no answer within %s", timeout)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// excerpt is the start of a body on one line: control characters and runs
// of white space become one space, invalid UTF-8 is replaced, and at most
// ExcerptLen characters are kept ("..." marks a cut).
func excerpt(body []byte) string {
	s := strings.ToValidUTF8(string(body), "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= ExcerptLen {
		return s
	}
	return string([]rune(s)[:ExcerptLen]) + "..."
}
