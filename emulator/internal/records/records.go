// Package records holds how both emulators read their saved state back:
// each kind of record is a JSON document per ID in a store.
package records

import (
	"encoding/json"
	"fmt"
)

// Store is what a state store offers for reading back: each saved
// document of a kind, by ID.
type Store interface {
	Each(kind string, fn func(id string, doc []byte) error) error
}

// Load decodes every record of kind in st into *into (made if nil), by
// ID. A record that does not decode is an error naming it and saying what
// to do.
func Load[T any](st Store, kind string, into *map[string]*T) error {
	if *into == nil {
		*into = map[string]*T{}
	}
	return st.Each(kind, func(id string, doc []byte) error {
		v := new(T)
		if err := json.Unmarshal(doc, v); err != nil {
			return fmt.Errorf("state: %s %s is unreadable (%v); restore the state file or start with a new one", kind, id, err)
		}
		(*into)[id] = v
		return nil
	})
}
