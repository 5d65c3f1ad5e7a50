package window

import (
	"testing"
	"time"
)

// clock is a settable time source.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func TestTake(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 59, 0, time.UTC) // a second before a minute boundary
	minute := Limit{Key: "api", Max: 2, Period: time.Minute}
	cases := []struct {
		name    string
		at      time.Duration // after start
		limits  []Limit
		refused int
	}{
		{"first opens the window", 0, []Limit{minute}, -1},
		{"second fits", time.Second, []Limit{minute}, -1},
		{"third is over, across the calendar minute", 2 * time.Second, []Limit{minute}, 0},
		{"still over just before the window closes", time.Minute - time.Nanosecond, []Limit{minute}, 0},
		{"a new window opens when the old one closed", time.Minute, []Limit{minute}, -1},
		{"another key has its own window", time.Minute, []Limit{{Key: "ip", Max: 1, Period: time.Second}}, -1},
		{"a full second limit refuses and counts nothing", time.Minute, []Limit{minute, {Key: "ip", Max: 1, Period: time.Second}}, 1},
		{"so the first limit still has room", time.Minute, []Limit{minute}, -1},
		{"zero admits nothing", 0, []Limit{{Key: "none", Max: 0, Period: time.Hour}}, 0},
	}
	c := &clock{}
	w := New(c.now)
	for _, tc := range cases {
		c.t = start.Add(tc.at)
		if got, _ := w.Take(tc.limits...); got != tc.refused {
			t.Errorf("%s: Take = %d, want %d", tc.name, got, tc.refused)
		}
	}
}

func TestTakeSaysWhenTheWindowCloses(t *testing.T) {
	c := &clock{t: time.Unix(1000, 0)}
	w := New(c.now)
	l := Limit{Key: "k", Max: 1, Period: 10 * time.Second}
	w.Take(l)
	c.t = c.t.Add(3 * time.Second)
	if i, end := w.Take(l); i != 0 || !end.Equal(time.Unix(1010, 0)) {
		t.Errorf("Take = %d, %v; want 0, %v", i, end, time.Unix(1010, 0))
	}
}

func TestPruneKeepsOpenWindows(t *testing.T) {
	c := &clock{t: time.Unix(0, 0)}
	w := New(c.now)
	long := Limit{Key: "long", Max: 1, Period: time.Hour}
	w.Take(long)
	for i := range maxKeys {
		w.Take(Limit{Key: string(rune('a'+i%26)) + time.Duration(i).String(), Max: 1, Period: time.Second})
	}
	c.t = c.t.Add(time.Minute)
	w.Take(Limit{Key: "trigger", Max: 1, Period: time.Second})
	if i, _ := w.Take(long); i != 0 {
		t.Errorf("the hour-long window was dropped with the closed ones")
	}
	if len(w.wins) > 3 {
		t.Errorf("%d windows kept, want the closed ones dropped", len(w.wins))
	}
}
