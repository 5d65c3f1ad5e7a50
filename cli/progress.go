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
// it prints a line per change and keeps a status line below them, redrawn
// as changes move and every half second (counts, and what is in flight for
// how long); elsewhere (CI) it prints plain timestamped log lines.
type progress struct {
	w     io.Writer
	tty   bool
	total int
	now   func() time.Time

	mu       gosync.Mutex
	ended    int
	inFlight map[*gwsync.Change]time.Time
	stop     chan struct{}
}

// statusEvery is how often the terminal's status line is redrawn.
const statusEvery = 500 * time.Millisecond

func newProgress(w io.Writer, tty bool, total int) *progress {
	p := &progress{w: w, tty: tty, total: total, now: time.Now, inFlight: map[*gwsync.Change]time.Time{}, stop: make(chan struct{})}
	if tty {
		go p.tick()
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
	what := fmt.Sprintf("%s %s", e.Change.Action, e.Change.Label())
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
	if p.tty {
		return fmt.Sprintf("  %s %s%s", mark, what, tail)
	}
	return fmt.Sprintf("%s %-7s %s%s", p.now().UTC().Format("15:04:05.000"), e.Outcome, what, tail)
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// tick redraws the status line until done.
func (p *progress) tick() {
	t := time.NewTicker(statusEvery)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.mu.Lock()
			p.clearStatus()
			p.drawStatus()
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
	if p.tty {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// drawStatus writes the status line (without a newline): how many changes
// ended, and the longest-running ones in flight.
func (p *progress) drawStatus() {
	if !p.tty || p.ended == p.total {
		return
	}
	fmt.Fprint(p.w, p.status())
}

// statusWidth bounds the status line so that it stays on one line.
const statusWidth = 100

func (p *progress) status() string {
	type flight struct {
		c     *gwsync.Change
		since time.Time
	}
	var fs []flight
	for c, t := range p.inFlight {
		fs = append(fs, flight{c, t})
	}
	slices.SortFunc(fs, func(a, b flight) int { return a.since.Compare(b.since) })
	s := fmt.Sprintf("[%d/%d] %d in flight", p.ended, p.total, len(fs))
	var parts []string
	for _, f := range fs {
		parts = append(parts, fmt.Sprintf("%s %s %s", f.c.Action, f.c.Name, p.now().Sub(f.since).Truncate(time.Second)))
	}
	if len(parts) > 0 {
		s += ": " + strings.Join(parts, ", ")
	}
	if r := []rune(s); len(r) > statusWidth {
		s = string(r[:statusWidth-1]) + "…"
	}
	return s
}
