package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"
	gosync "sync"
	"time"

	gwsync "github.com/gwsync/gwsync/sync"
)

// progress shows an apply's changes as they start and end. On a terminal
// it prints a line per change and keeps a status line below them, as wide
// as the terminal, redrawn as changes move and every half second (counts,
// and what is in flight for how long); elsewhere (CI) it prints plain
// timestamped log lines, and every ten seconds while changes are in flight
// a heartbeat saying what is still running, so that a long deploy is not a
// silent log.
type progress struct {
	w     io.Writer
	style progressStyle
	total int
	now   func() time.Time

	mu       gosync.Mutex
	ended    int
	inFlight map[*gwsync.Change]time.Time
	stop     chan struct{}
}

// progressStyle is where progress is shown: on a terminal of some width,
// or (tty false) in a log, with a heartbeat every so often (0: none).
type progressStyle struct {
	tty       bool
	width     int
	heartbeat time.Duration
}

// progressStyle reads how stderr shows progress; heartbeat is for a log.
func (a *app) progressStyle(heartbeat time.Duration) progressStyle {
	if !isTerminal(a.stderr) {
		return progressStyle{heartbeat: heartbeat}
	}
	return progressStyle{tty: true, width: terminalWidth(a.stderr)}
}

// statusEvery is how often the terminal's status line is redrawn, and
// heartbeatEvery how often a log says what is still in flight by default
// (apply --heartbeat).
const (
	statusEvery    = 500 * time.Millisecond
	heartbeatEvery = 10 * time.Second
)

// heartbeatShown is how many in-flight changes a heartbeat names.
const heartbeatShown = 3

func newProgress(w io.Writer, style progressStyle, total int) *progress {
	p := &progress{w: w, style: style, total: total, now: time.Now, inFlight: map[*gwsync.Change]time.Time{}, stop: make(chan struct{})}
	every := style.heartbeat
	if style.tty {
		every = statusEvery
	}
	if every > 0 {
		go p.tick(every)
	}
	return p
}

// event records one change starting or ending (gwsync.ApplyOptions.Progress).
func (p *progress) event(e gwsync.Event) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if e.Outcome == gwsync.Started {
		p.inFlight[e.Change] = p.now()
	} else {
		delete(p.inFlight, e.Change)
		p.ended++
	}
	p.clearStatus()
	fmt.Fprintln(p.w, p.line(e))
	p.drawStatus()
}

// line renders an event: with a mark on a terminal, with a timestamp and
// a word elsewhere.
func (p *progress) line(e gwsync.Event) string {
	what := fmt.Sprintf("%s %s", e.Change.Term().Verb, e.Change.Label())
	var mark, tail string
	switch e.Outcome {
	case gwsync.Started:
		mark = "…"
	case gwsync.Applied, gwsync.Adopted:
		mark, tail = "✓", fmt.Sprintf(" (%s)", e.Elapsed.Round(time.Millisecond))
		if e.Outcome == gwsync.Adopted {
			tail = " (found already made; adopted)"
		}
	case gwsync.Failed:
		mark, tail = "✗", ": "+errText(e.Err)
	case gwsync.Skipped:
		mark, tail = "-", ": "+errText(e.Err)
	}
	if p.style.tty {
		return fmt.Sprintf("  %s %s%s", mark, what, tail)
	}
	return fmt.Sprintf("%s %-7s %s%s", p.stamp(), e.Outcome, what, tail)
}

func (p *progress) stamp() string { return p.now().UTC().Format("15:04:05.000") }

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// tick redraws the status line, or writes a heartbeat, until done.
func (p *progress) tick(every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.mu.Lock()
			if p.style.tty {
				p.clearStatus()
				p.drawStatus()
			} else {
				p.heartbeat()
			}
			p.mu.Unlock()
		}
	}
}

// done stops redrawing and clears the status line.
func (p *progress) done() {
	close(p.stop)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clearStatus()
}

func (p *progress) clearStatus() {
	if p.style.tty {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// drawStatus writes the status line (without a newline): how many changes
// ended, and the longest-running ones in flight.
func (p *progress) drawStatus() {
	if !p.style.tty || p.ended == p.total {
		return
	}
	fmt.Fprint(p.w, p.status())
}

// heartbeat writes a log line naming the changes still in flight, the
// longest-running first, with how long each has run, once one has run for
// a heartbeat or longer:
// "12:00:30.000 waiting [12/14 done] 2 in flight: deploy route orders (30s), ...".
func (p *progress) heartbeat() {
	fs := p.flights()
	if len(fs) == 0 || p.now().Sub(fs[0].since) < p.style.heartbeat {
		return
	}
	var parts []string
	for _, f := range fs[:min(len(fs), heartbeatShown)] {
		parts = append(parts, fmt.Sprintf("%s %s (%s)", f.c.Term().Verb, f.c.Label(), p.now().Sub(f.since).Truncate(time.Second)))
	}
	if more := len(fs) - heartbeatShown; more > 0 {
		parts = append(parts, fmt.Sprintf("and %d more", more))
	}
	fmt.Fprintf(p.w, "%s waiting [%d/%d done] %d in flight: %s\n", p.stamp(), p.ended, p.total, len(fs), strings.Join(parts, ", "))
}

// flight is a change in flight and when it started.
type flight struct {
	c     *gwsync.Change
	since time.Time
}

// flights lists the changes in flight, the longest-running first.
func (p *progress) flights() []flight {
	var fs []flight
	for c, t := range p.inFlight {
		fs = append(fs, flight{c, t})
	}
	slices.SortFunc(fs, func(a, b flight) int {
		if c := a.since.Compare(b.since); c != 0 {
			return c
		}
		return strings.Compare(a.c.Label(), b.c.Label())
	})
	return fs
}

// status is the terminal's status line, cut to one column less than the
// terminal's width so that it never wraps (a wrapped line is not erased
// by the next redraw).
func (p *progress) status() string {
	fs := p.flights()
	s := fmt.Sprintf("[%d/%d] %d in flight", p.ended, p.total, len(fs))
	var parts []string
	for _, f := range fs {
		parts = append(parts, fmt.Sprintf("%s %s %s", f.c.Term().Verb, f.c.Name, p.now().Sub(f.since).Truncate(time.Second)))
	}
	if len(parts) > 0 {
		s += ": " + strings.Join(parts, ", ")
	}
	width := max(p.style.width-1, 20)
	if r := []rune(s); len(r) > width {
		s = string(r[:width-1]) + "…"
	}
	return s
}
