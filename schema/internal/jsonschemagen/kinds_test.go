package jsonschemagen_test

// The generator's tests generate the schema of the kinds gwsync ships.
import _ "github.com/gwsync/gwsync/gatewaykind/builtin"
