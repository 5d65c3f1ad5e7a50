// Command genjsonschema writes gwsync.schema.json: the JSON Schema of a
// desired state, generated from the CUE definition #Desired in gateway.cue
// and the shapes of the gateway kinds gwsync ships.
//
//	go generate ./schema
package main

import (
	"flag"
	"fmt"
	"os"

	_ "github.com/gwsync/gwsync/gatewaykind/builtin"
	"github.com/gwsync/gwsync/schema/internal/jsonschemagen"
)

func main() {
	out := flag.String("out", "gwsync.schema.json", "file to write")
	flag.Parse()
	b, err := jsonschemagen.Generate()
	if err == nil {
		err = os.WriteFile(*out, b, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genjsonschema:", err)
		os.Exit(1)
	}
}
