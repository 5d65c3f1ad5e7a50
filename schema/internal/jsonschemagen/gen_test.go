package jsonschemagen

import (
	"bytes"
	"testing"

	"github.com/gwsync/gwsync/schema"
)

// TestJSONSchemaCurrent fails when gwsync.schema.json no longer matches
// gateway.cue; run `go generate ./schema` to refresh it.
func TestJSONSchemaCurrent(t *testing.T) {
	got, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, schema.JSONSchema) {
		t.Fatalf("schema/gwsync.schema.json is stale: run `go generate ./schema` and commit the result")
	}
}
