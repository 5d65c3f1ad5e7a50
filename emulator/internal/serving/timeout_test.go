package serving

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"testing"
	"time"
)

// TestSlowBodyIsCut: a client that sends its headers and then stalls in
// its body does not hold the handler (and the emulator's lock) for ever.
func TestSlowBodyIsCut(t *testing.T) {
	read := make(chan error, 1)
	srv := newServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, err := io.ReadAll(r.Body)
		read <- err
	}), 200*time.Millisecond)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	defer srv.Close()
	conn, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /v1/services HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"a\":")
	select {
	case err := <-read:
		if err == nil {
			t.Error("the handler read a body that never came")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a stalled body held the handler for 10 s")
	}
}
