package gh

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/google/go-github/v60/github"
)

// Rate-limit policy: a call refused for a rate limit waits until the limit
// resets (plus resetMargin, for clocks that disagree) when that is within
// MaxWait, and is tried again, at most maxRateWaits times; otherwise it
// fails saying when the limit resets. GitHub's primary limit says when it
// resets (X-RateLimit-Reset); a secondary limit says how long to wait
// (Retry-After), or, if it does not, at least a minute.
const (
	resetMargin       = time.Second
	maxRateWaits      = 3
	secondaryFallback = time.Minute
)

// do runs one API call, waiting out rate limits as the policy says.
func (c *Client) do(ctx context.Context, o op, call func() (*github.Response, error)) error {
	waits, retries := 0, 0
	for {
		_, err := call()
		if err == nil {
			return nil
		}
		until, status, limited := rateLimit(err, time.Now())
		switch {
		case limited:
			err = c.waitReset(ctx, o, until, status, waits)
			waits++
		case retries < maxServerRetries && serverTrouble(o, err):
			err = c.pause(ctx, o, time.Duration(1<<retries)*serverRetryWait)
			retries++
		default:
			return c.apiError(o, err)
		}
		if err != nil {
			return err
		}
	}
}

// Server errors: a call safe to repeat (not a POST, which could make a
// second comment or issue) is tried again after 1 s, then 2 s.
const (
	maxServerRetries = 2
	serverRetryWait  = time.Second
)

// serverTrouble reports whether err is GitHub's 500, 502, 503 or 504 to a
// call that is safe to repeat.
func serverTrouble(o op, err error) bool {
	var resp *github.ErrorResponse
	if o.method == http.MethodPost || !errors.As(err, &resp) || resp.Response == nil {
		return false
	}
	switch resp.Response.StatusCode {
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// pause waits d before a retry, unless ctx ends first.
func (c *Client) pause(ctx context.Context, o op, d time.Duration) error {
	if c.log != nil {
		c.log.Info("GitHub server error: retrying", "call", o.method+" "+o.path, "wait", d)
	}
	select {
	case <-ctx.Done():
		return &Error{Method: o.method, Path: o.path, Message: "waiting to retry: " + ctx.Err().Error(), Err: ctx.Err()}
	case <-c.sleep(d):
		return nil
	}
}

// waitReset waits until a rate limit resets, or says why it will not.
func (c *Client) waitReset(ctx context.Context, o op, until time.Time, status, waits int) error {
	wait := time.Until(until) + c.margin()
	e := &Error{Method: o.method, Path: o.path, Status: status, Message: "API rate limit exceeded", Reset: until}
	switch {
	case waits >= maxRateWaits:
		e.Hint = fmt.Sprintf("still limited after %d waits; it resets at %s; rerun the job after then", waits, clock(until))
		return e
	case wait > c.maxWait:
		e.Hint = fmt.Sprintf("the limit resets at %s (in %s), later than gwsync waits (%s); rerun the job after then",
			clock(until), time.Until(until).Round(time.Second), c.maxWait)
		return e
	}
	if c.log != nil {
		c.log.Info("GitHub rate limit: waiting", "call", o.method+" "+o.path, "wait", wait.Round(time.Millisecond), "until", clock(until))
	}
	select {
	case <-ctx.Done():
		e.Message, e.Hint, e.Err = "waiting for the rate limit to reset: "+ctx.Err().Error(), "", ctx.Err()
		return e
	case <-c.sleep(wait):
		return nil
	}
}

// margin is how long past a reset to wait.
func (c *Client) margin() time.Duration {
	if c.resetMargin > 0 {
		return c.resetMargin
	}
	return resetMargin
}

// clock prints a reset time in UTC, as Actions logs are.
func clock(t time.Time) string { return t.UTC().Format("15:04:05 MST") }

// rateLimit reports whether err is a rate limit, when it resets and the
// status GitHub answered. go-github v60 types 403s only; a 429 (which
// GitHub also documents for both limits) comes as an ErrorResponse and is
// read from its headers here.
func rateLimit(err error, now time.Time) (until time.Time, status int, ok bool) {
	var primary *github.RateLimitError
	var secondary *github.AbuseRateLimitError
	var resp *github.ErrorResponse
	switch {
	case errors.As(err, &primary):
		return primaryReset(primary.Rate.Reset.Time, now), statusOf(primary.Response), true
	case errors.As(err, &secondary):
		return now.Add(retryAfter(secondary.RetryAfter)), statusOf(secondary.Response), true
	case errors.As(err, &resp) && resp.Response != nil && resp.Response.StatusCode == http.StatusTooManyRequests:
		return tooMany(resp.Response.Header, now), http.StatusTooManyRequests, true
	}
	return time.Time{}, 0, false
}

func primaryReset(reset, now time.Time) time.Time {
	if reset.IsZero() {
		return now.Add(secondaryFallback)
	}
	return reset
}

func retryAfter(d *time.Duration) time.Duration {
	if d == nil || *d < 0 {
		return secondaryFallback
	}
	return *d
}

// tooMany reads when a 429 may be retried: Retry-After seconds, else
// X-RateLimit-Reset when none remain, else a minute.
func tooMany(h http.Header, now time.Time) time.Time {
	if s, err := strconv.Atoi(h.Get("Retry-After")); err == nil && s >= 0 {
		return now.Add(time.Duration(s) * time.Second)
	}
	if reset, err := strconv.ParseInt(h.Get("X-RateLimit-Reset"), 10, 64); err == nil && h.Get("X-RateLimit-Remaining") == "0" {
		return time.Unix(reset, 0)
	}
	return now.Add(secondaryFallback)
}

func statusOf(r *http.Response) int {
	if r == nil {
		return 0
	}
	return r.StatusCode
}
