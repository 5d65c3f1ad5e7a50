package sync_test

import (
	"strings"
	"testing"

	gwsync "github.com/gwsync/gwsync/sync"
)

type idMap map[string]string

func (m idMap) Lookup(path string) (string, bool) { id, ok := m[path]; return id, ok }

func TestTargetAndResolve(t *testing.T) {
	c := &gwsync.Change{Action: gwsync.Update, Kind: gwsync.KindService, Name: "svc", Resource: "services.svc"}
	if _, err := gwsync.Target(idMap{}, c); err == nil || !strings.Contains(err.Error(), "service svc: services.svc is neither live nor created earlier") {
		t.Errorf("no ID: %v", err)
	}
	if id, err := gwsync.Target(idMap{"services.svc": "svc-2"}, c); id != "svc-2" || err != nil {
		t.Errorf("created earlier: %q %v", id, err)
	}
	c.ID = "svc-1"
	if id, err := gwsync.Target(nil, c); id != "svc-1" || err != nil {
		t.Errorf("live: %q %v", id, err)
	}
}

func TestDocumentAs(t *testing.T) {
	c := &gwsync.Change{Action: gwsync.Create, Kind: gwsync.KindService, Name: "svc", After: &gwsync.ServiceDoc{SourceType: "DNS"}}
	if d, err := gwsync.DocumentAs[*gwsync.ServiceDoc](c, c.After, "after"); err != nil || d.SourceType != "DNS" {
		t.Errorf("%v %v", d, err)
	}
	if _, err := gwsync.DocumentAs[*gwsync.DomainDoc](c, c.After, "after"); err == nil || !strings.Contains(err.Error(), "service svc: the change has no after document of type *sync.DomainDoc") {
		t.Errorf("wrong type: %v", err)
	}
	if _, err := gwsync.DocumentAs[*gwsync.ServiceDoc](c, c.Before, "before"); err == nil {
		t.Error("no document: no error")
	}
}
