package starter_test

// The starter's tests, internal ones included, write the starters of the
// kinds gwsync ships.
import _ "github.com/gwsync/gwsync/gatewaykind/builtin"
