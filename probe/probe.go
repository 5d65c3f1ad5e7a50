// Package probe sends the live-traffic probes a desired state declares
// through a gateway's data plane and says which got the answer they
// expect: step 4 of APIG's "verifying changes" (send a request to the
// domain and path, and see that the route forwards it and that policies
// such as an IP whitelist hold), which gwsync apply runs once its changes
// are live.
//
// A probe is one HTTP request to the data plane's address (plain HTTP),
// with the Host header set to the probe's domain and, when the probe has a
// source address, X-Forwarded-For set to it. IpAccessControl policies with
// protocolLayer L7 judge that address; L4 policies judge the connection's
// own address, which a probe cannot choose. A probe with an origin sends
// Origin, one with accessControlRequestMethod sends
// Access-Control-Request-Method (a CORS preflight). A probe with scheme
// https goes over TLS to Options.HTTPS when it is set (server name and
// certificate checked against the probe's domain), and otherwise to the
// plain-HTTP address with X-Forwarded-Proto: https, which the local
// gateways serve as an HTTPS request. Redirects are not followed, so a
// probe can expect a 301 and its Location.
//
// The answer must have the probe's status, and the headers it expects:
// an exact value (compared with the header's lines joined by ", "), or
// present or absent. The local gateways name, in X-Gwsync-Unmodelled, the
// policies that applied to a request which they do not model; a Result
// keeps them as Notes, so that a report can say what a passing probe does
// not prove.
//
// A data plane can take a moment to serve what was just deployed, so a
// probe that gets another answer, or none, is sent again for a few
// seconds (Options.Settle) before it counts as failed.
package probe

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gwsync/gwsync/model"
)

// NotModelledHeader is the response header in which the local gateways'
// data planes name the policies that applied to a request which they do
// not model, one per line (emulator/dataplane.UnmodelledHeader).
const NotModelledHeader = "X-Gwsync-Unmodelled"

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
	// answer is tried again; 0 means DefaultSettle, negative never again.
	Settle time.Duration
	// HTTPS is the host:port that probes with scheme https are sent to
	// over TLS; "" sends them to the data plane's plain-HTTP address with
	// X-Forwarded-Proto: https.
	HTTPS string
	// RootCAs are the authorities trusted for HTTPS's certificates (nil:
	// the system's).
	RootCAs *x509.CertPool
	// https sends the probes that go over TLS (made by withDefaults).
	https *http.Client
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
	if o.HTTPS != "" {
		tc := c
		tc.Transport = tlsTransport(o.HTTPS, o.RootCAs)
		o.https = &tc
	}
	return o
}

// tlsTransport dials addr for every request, so that a URL can name the
// probe's domain (the server name TLS sends and checks) while the
// connection goes to the data plane.
func tlsTransport(addr string, roots *x509.CertPool) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = nil
	t.TLSClientConfig = &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}
	var d net.Dialer
	t.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return d.DialContext(ctx, network, addr)
	}
	return t
}

// Result is what one probe got.
type Result struct {
	Probe *model.Probe
	// Status is the status of the last answer; 0 when none came.
	Status int
	// Mismatches say how the last answer's headers differ from what the
	// probe expects, e.g. `header Access-Control-Allow-Origin is absent,
	// want "*"`; empty when they are as expected.
	Mismatches []string
	// Notes are the policies that applied to the last answer which the
	// data plane does not model (from NotModelledHeader), e.g. "policy
	// orders-waf (class Waf) on the gateway".
	Notes []string
	// Excerpt is the start of the last answer's body, on one line, when
	// the probe failed ("" when it passed).
	Excerpt string
	// Err says why the probe could not be sent, or why no answer came.
	Err error
	// Attempts counts the tries (0 when the probe could not be sent).
	Attempts int
}

// OK reports whether the probe got the answer it expects.
func (r Result) OK() bool {
	return r.Err == nil && r.Status == r.Probe.Status && len(r.Mismatches) == 0
}

// NotProved says, for each note of results (in the order first met), what
// the probes that got it do not prove, e.g. "policy orders-waf (class Waf)
// on the gateway is not modelled by the local data plane; probes cors,
// health do not prove it".
func NotProved(results []Result) []string {
	var notes []string
	who := map[string][]string{}
	for _, r := range results {
		for _, n := range r.Notes {
			if _, seen := who[n]; !seen {
				notes = append(notes, n)
			}
			who[n] = append(who[n], r.Probe.Name)
		}
	}
	out := make([]string, len(notes))
	for i, n := range notes {
		names := who[n]
		subject := "probe " + names[0] + " does"
		if len(names) > 1 {
			subject = "probes " + strings.Join(names, ", ") + " do"
		}
		out[i] = fmt.Sprintf("%s is not modelled by the local data plane; %s not prove it", n, subject)
	}
	return out
}

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
	var problems []string
	if r.Status != r.Probe.Status {
		problems = append(problems, fmt.Sprintf("got %d, want %d", r.Status, r.Probe.Status))
	}
	msg := head + ": " + strings.Join(append(problems, r.Mismatches...), "; ")
	if r.Excerpt != "" {
		msg += ": " + r.Excerpt
	}
	return errors.New(msg)
}

// Describe renders the request a probe sends, as messages name it:
// "GET api.example.com/orders/1?page=2 from 10.1.2.3", "OPTIONS
// https://api.example.com/orders with Origin https://shop.example.com,
// preflight for PUT".
func Describe(p *model.Probe) string {
	s := p.Method + " "
	if p.Scheme == "https" {
		s += "https://"
	}
	s += p.Domain.Name + p.Path
	if q := encodeQuery(p.Query); q != "" {
		s += "?" + q
	}
	if p.Source != "" {
		s += " from " + p.Source
	}
	if p.Origin != "" {
		s += " with Origin " + p.Origin
	}
	if p.PreflightMethod != "" {
		s += ", preflight for " + p.PreflightMethod
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
	target, client, err := route(dataplane, p, opts)
	if err != nil {
		res.Err = err
		return res
	}
	giveUp := time.Now().Add(opts.Settle)
	wait := firstRetry
	for {
		res.Attempts++
		res.answer(send(ctx, client, opts.Timeout, target, p))
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

// answered is one answer, or why none came.
type answered struct {
	status  int
	header  http.Header
	excerpt string
	err     error
}

// answer records an answer in r: its status, how it differs from what the
// probe expects, its notes and the start of its body.
func (r *Result) answer(a answered) {
	r.Status, r.Excerpt, r.Err = a.status, a.excerpt, a.err
	r.Mismatches, r.Notes = nil, nil
	if a.err == nil {
		r.Mismatches = mismatches(r.Probe, a.header)
		r.Notes = slices.Compact(a.header.Values(NotModelledHeader))
	}
}

// send makes one request to target and returns the answer, or why none
// came.
func send(ctx context.Context, client *http.Client, timeout time.Duration, target string, p *model.Probe) answered {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := newRequest(ctx, target, p)
	if err != nil {
		return answered{err: err}
	}
	resp, err := client.Do(req)
	if err != nil {
		return answered{err: transportError(err, timeout)}
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4*ExcerptLen))
	return answered{status: resp.StatusCode, header: resp.Header, excerpt: excerpt(body)}
}

// mismatches says how header differs from what p expects.
func mismatches(p *model.Probe, header http.Header) []string {
	var out []string
	for _, e := range p.ExpectHeaders {
		if m := headerMismatch(e.Name, header.Values(e.Name), e); m != "" {
			out = append(out, m)
		}
	}
	if p.HasLocation {
		want := model.HeaderExpectation{Name: "Location", Exact: true, Value: p.Location}
		if m := headerMismatch("Location", header.Values("Location"), want); m != "" {
			out = append(out, m)
		}
	}
	return out
}

// headerMismatch says how the lines of a header differ from e, or "".
func headerMismatch(name string, lines []string, e model.HeaderExpectation) string {
	got := strings.Join(lines, ", ")
	switch {
	case e.Exact && len(lines) == 0:
		return fmt.Sprintf("header %s is absent, want %q", name, e.Value)
	case e.Exact && got != e.Value:
		return fmt.Sprintf("header %s is %q, want %q", name, got, e.Value)
	case !e.Exact && e.Present && len(lines) == 0:
		return fmt.Sprintf("header %s is absent, want it present", name)
	case !e.Exact && !e.Present && len(lines) > 0:
		return fmt.Sprintf("header %s is %q, want it absent", name, got)
	}
	return ""
}

// route is the URL a probe is sent to (its path and query at the data
// plane's address, or at its domain over TLS) and the client that sends
// it.
func route(dataplane string, p *model.Probe, opts Options) (string, *http.Client, error) {
	u, err := url.Parse(p.Path)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return "", nil, fmt.Errorf("path %q is not a request path: write it as /segment/... with %%XX escapes only where meant", p.Path)
	}
	u.Scheme, u.Host, u.RawQuery = "http", dataplane, encodeQuery(p.Query)
	if p.Scheme == "https" && opts.https != nil {
		u.Scheme, u.Host = "https", p.Domain.Name
		return u.String(), opts.https, nil
	}
	return u.String(), opts.Client, nil
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
	if p.Scheme == "https" && req.URL.Scheme == "http" {
		req.Header.Set("X-Forwarded-Proto", "https")
	}
	if p.Origin != "" {
		req.Header.Set("Origin", p.Origin)
	}
	if p.PreflightMethod != "" {
		req.Header.Set("Access-Control-Request-Method", p.PreflightMethod)
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
