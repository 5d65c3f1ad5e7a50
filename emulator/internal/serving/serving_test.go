package serving

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"
)

func TestServeUntilCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	hello := func(s string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, s) })
	}
	got := make(chan Addrs, 1)
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, "127.0.0.1:0", "127.0.0.1:0", hello("control"), hello("data"), func(a Addrs) { got <- a })
	}()
	a := <-got
	for addr, want := range map[string]string{a.ControlPlane: "control", a.DataPlane: "data"} {
		resp, err := http.Get("http://" + addr)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(b) != want {
			t.Errorf("%s answered %q, want %q", addr, b, want)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve after cancel: %v", err)
	}
}

func TestServeRefusesATakenAddress(t *testing.T) {
	got := make(chan Addrs, 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go Serve(ctx, "127.0.0.1:0", "127.0.0.1:0", http.NotFoundHandler(), http.NotFoundHandler(), func(a Addrs) { got <- a })
	a := <-got
	err := Serve(context.Background(), a.ControlPlane, "127.0.0.1:0", http.NotFoundHandler(), http.NotFoundHandler(), func(Addrs) {})
	if err == nil {
		t.Fatal("Serve on a taken address succeeded")
	}
}

func TestLimitersPerKey(t *testing.T) {
	l := NewLimiters(2)
	first, second, third := l.Allow("a"), l.Allow("a"), l.Allow("a")
	if !first || !second || third {
		t.Error("key a: want two calls allowed at once, the third refused")
	}
	if !l.Allow("b") {
		t.Error("key b is limited by key a's calls")
	}
	none := NewLimiters(0)
	for range 100 {
		if !none.Allow("a") {
			t.Fatal("no limit refused a call")
		}
	}
}

func TestSnapshotJSONIsTakenNow(t *testing.T) {
	rec := map[string]int{"unitNum": 3}
	snap := SnapshotJSON(rec)
	rec["unitNum"] = 30
	if got, _ := json.Marshal(snap); string(got) != `{"unitNum":3}` {
		t.Errorf("the snapshot saw a later change: %s", got)
	}
	if SnapshotJSON(nil) != nil {
		t.Error("nil did not stay nil")
	}
	ch := make(chan int)
	if got := SnapshotJSON(ch); got != any(ch) {
		t.Errorf("a value that does not encode was not left as it is: %v", got)
	}
}
