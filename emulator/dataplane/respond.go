package dataplane

import (
	"net/http"
)

// note adds one UnmodelledHeader line per note.
func note(w http.ResponseWriter, notes []string) {
	for _, n := range notes {
		w.Header().Add(UnmodelledHeader, n)
	}
}

// redirectTo answers a redirect to location.
func redirectTo(w http.ResponseWriter, code int, location string) {
	w.Header().Set("Location", location)
	w.WriteHeader(code)
}

// requestURI is r's path and query as received.
func requestURI(r *http.Request) string {
	if r.URL == nil {
		return "/"
	}
	return r.URL.RequestURI()
}

// headerHook is a ResponseWriter that lets a function change the headers
// just before they are written, whoever writes them (the gateway's own
// answer, or a backend's through the reverse proxy).
type headerHook struct {
	http.ResponseWriter
	before func(http.Header)
	done   bool
}

// BeforeHeaders wraps w so that before runs once, on the headers about to
// be written (by the gateway's own answer or a backend's through a
// reverse proxy), e.g. to add CORS headers the backend did not set.
func BeforeHeaders(w http.ResponseWriter, before func(http.Header)) http.ResponseWriter {
	return &headerHook{ResponseWriter: w, before: before}
}

// WriteHeader runs the hook, then writes the status.
func (h *headerHook) WriteHeader(code int) {
	h.run()
	h.ResponseWriter.WriteHeader(code)
}

// Write runs the hook (when nothing was written yet), then writes b.
func (h *headerHook) Write(b []byte) (int, error) {
	h.run()
	return h.ResponseWriter.Write(b)
}

// Unwrap gives http.ResponseController (and so the reverse proxy's
// flushes) the writer underneath.
func (h *headerHook) Unwrap() http.ResponseWriter { return h.ResponseWriter }

func (h *headerHook) run() {
	if !h.done {
		h.done = true
		h.before(h.Header())
	}
}
