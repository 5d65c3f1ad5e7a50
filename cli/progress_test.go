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
	p := newProgress(&b, progressStyle{tty: true, width: 120}, 2)
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
	p := newProgress(&b, progressStyle{}, 1)
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

func TestProgressStatusFitsTheTerminal(t *testing.T) {
	for _, width := range []int{40, 80, 200} {
		p := newProgress(&bytes.Buffer{}, progressStyle{tty: true, width: width}, 100)
		for i := range 30 {
			p.inFlight[&gwsync.Change{Action: gwsync.Deploy, Name: strings.Repeat("x", i)}] = time.Now()
		}
		s := p.status()
		p.done()
		if n := len([]rune(s)); n > width-1 || strings.Contains(s, "\n") {
			t.Errorf("width %d: status is %d columns (must be under the width, on one line): %q", width, n, s)
		}
		if !strings.HasSuffix(s, "…") {
			t.Errorf("width %d: a cut status does not end with …: %q", width, s)
		}
	}
}

func TestProgressHeartbeatOutsideATerminal(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b, progressStyle{heartbeat: heartbeatEvery}, 6)
	p.done()
	clock := time.Date(2026, 1, 1, 8, 30, 0, 0, time.UTC)
	p.now = func() time.Time { return clock }
	p.heartbeat()
	if b.Len() != 0 {
		t.Fatalf("a heartbeat with nothing in flight printed %q", b.String())
	}
	for i, name := range []string{"a", "b", "c", "d", "e"} {
		p.event(gwsync.Event{Change: &gwsync.Change{Action: gwsync.Deploy, Kind: gwsync.KindRoute, Name: name}, Outcome: gwsync.Started})
		clock = clock.Add(time.Duration(10-i) * time.Second)
	}
	b.Reset()
	p.heartbeat()
	want := "08:30:40.000 waiting [0/6 done] 5 in flight: deploy route a (40s), deploy route b (30s), deploy route c (21s), and 2 more\n"
	if got := b.String(); got != want {
		t.Errorf("heartbeat\n got %q\nwant %q", got, want)
	}
}
