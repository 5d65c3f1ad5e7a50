package records

import (
	"strings"
	"testing"
)

// mapStore is a store of documents by kind and ID.
type mapStore map[string]map[string]string

func (m mapStore) Each(kind string, fn func(id string, doc []byte) error) error {
	for id, doc := range m[kind] {
		if err := fn(id, []byte(doc)); err != nil {
			return err
		}
	}
	return nil
}

type rec struct{ Name string }

func TestLoad(t *testing.T) {
	var got map[string]*rec
	st := mapStore{"route": {"r1": `{"Name":"a"}`, "r2": `{"Name":"b"}`}}
	if err := Load(st, "route", &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got["r1"].Name != "a" || got["r2"].Name != "b" {
		t.Errorf("loaded %+v", got)
	}
	var empty map[string]*rec
	if err := Load(st, "service", &empty); err != nil || empty == nil || len(empty) != 0 {
		t.Errorf("no records: %v, %v", empty, err)
	}
}

func TestLoadNamesTheBrokenRecord(t *testing.T) {
	var got map[string]*rec
	err := Load(mapStore{"route": {"r9": `{"Name":`}}, "route", &got)
	if err == nil || !strings.Contains(err.Error(), "route r9 is unreadable") || !strings.Contains(err.Error(), "restore the state file") {
		t.Errorf("error %v", err)
	}
}
