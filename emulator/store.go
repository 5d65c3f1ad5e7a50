package emulator

import (
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Store persists an emulator's resources, one JSON document per resource,
// grouped by resource kind. Writes happen one at a time, under the
// server's lock.
type Store interface {
	// Put writes the document of one resource.
	Put(kind, id string, doc []byte) error
	// Delete removes one resource; a missing one is not an error.
	Delete(kind, id string) error
	// Each calls fn for every stored resource of a kind.
	Each(kind string, fn func(id string, doc []byte) error) error
	// Close releases the store.
	Close() error
}

// errTimeout bounds the wait for another process holding the state file.
const errTimeout = time.Second

// MemoryStore keeps nothing: state lives only in the server, for tests.
type MemoryStore struct{}

// Put implements Store.
func (MemoryStore) Put(string, string, []byte) error { return nil }

// Delete implements Store.
func (MemoryStore) Delete(string, string) error { return nil }

// Each implements Store.
func (MemoryStore) Each(string, func(string, []byte) error) error { return nil }

// Close implements Store.
func (MemoryStore) Close() error { return nil }

// BoltStore keeps state in a bbolt file, so it survives restarts and
// crashes: every change is a synced transaction.
type BoltStore struct{ db *bolt.DB }

// ErrStateInUse is OpenBolt's error when another process holds the
// state file open (the file's lock is how one process at a time serves a
// gateway's state).
var ErrStateInUse = errors.New("in use by another process")

// OpenBolt opens (or creates) the state file at path.
func OpenBolt(path string) (*BoltStore, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: errTimeout})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("state file %s: %w", path, ErrStateInUse)
	}
	if err != nil {
		return nil, fmt.Errorf("open state file %s: %w", path, err)
	}
	return &BoltStore{db: db}, nil
}

// Put implements Store.
func (b *BoltStore) Put(kind, id string, doc []byte) error {
	return b.db.Update(func(tx *bolt.Tx) error {
		bk, err := tx.CreateBucketIfNotExists([]byte(kind))
		if err != nil {
			return err
		}
		return bk.Put([]byte(id), doc)
	})
}

// Delete implements Store.
func (b *BoltStore) Delete(kind, id string) error {
	return b.db.Update(func(tx *bolt.Tx) error {
		if bk := tx.Bucket([]byte(kind)); bk != nil {
			return bk.Delete([]byte(id))
		}
		return nil
	})
}

// Each implements Store.
func (b *BoltStore) Each(kind string, fn func(string, []byte) error) error {
	return b.db.View(func(tx *bolt.Tx) error {
		bk := tx.Bucket([]byte(kind))
		if bk == nil {
			return nil
		}
		return bk.ForEach(func(k, v []byte) error { return fn(string(k), v) })
	})
}

// Close implements Store.
func (b *BoltStore) Close() error { return b.db.Close() }
