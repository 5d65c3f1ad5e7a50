package cli

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	gwsync "github.com/gwsync/gwsync/sync"
)

func TestProgressTerminalKeepsAStatusLine(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b, true, 2)
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p.now = func() time.Time { return clock }
	deploy := &gwsync.Change{Action: gwsync.Deploy, Kind: gwsync.KindRoute, Name: "orders"}
	create := &gwsync.Change{Action: gwsync.Create, Kind: gwsync.KindService, Name: "svc"}
	p.event(gwsync.Event{Change: deploy, Outcome: gwsync.Started})
	clock = clock.Add(3 * time.Second)
	p.event(gwsync.Event{Change: create, Outcome: gwsync.Failed, Err: errors.New("boom")})
	p.done()
	out := b.String()
	for _, want := range []string{
		"  … deploy route orders\n",
		"[0/2] 1 in flight: deploy orders 0s",
		"\r\033[K  ✗ create service svc: boom\n",
		"[1/2] 1 in flight: deploy orders 3s",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("terminal output lacks %q:\n%q", want, out)
		}
	}
	if !strings.HasSuffix(out, "\r\033[K") {
		t.Errorf("the status line is not cleared at the end: %q", out)
	}
}

func TestProgressLogLinesOutsideATerminal(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b, false, 1)
	p.now = func() time.Time { return time.Date(2026, 1, 1, 8, 30, 0, 0, time.UTC) }
	c := &gwsync.Change{Action: gwsync.Create, Kind: gwsync.KindRoute, Name: "orders"}
	p.event(gwsync.Event{Change: c, Outcome: gwsync.Started})
	p.event(gwsync.Event{Change: c, Outcome: gwsync.Adopted, Elapsed: time.Second})
	p.done()
	want := "08:30:00.000 started create route orders\n08:30:00.000 adopted create route orders (found already made; adopted)\n"
	if got := b.String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestProgressStatusIsOneLine(t *testing.T) {
	p := newProgress(&bytes.Buffer{}, false, 100)
	for i := range 30 {
		p.inFlight[&gwsync.Change{Action: gwsync.Deploy, Name: strings.Repeat("x", i)}] = time.Now()
	}
	if s := p.status(); len([]rune(s)) > statusWidth || strings.Contains(s, "\n") {
		t.Errorf("status %q is longer than %d or spans lines", s, statusWidth)
	}
}
