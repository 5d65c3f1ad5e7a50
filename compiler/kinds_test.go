package compiler_test

// The compiler's tests, internal ones included, compile desired states of
// the kinds gwsync ships.
import _ "github.com/gwsync/gwsync/gatewaykind/builtin"
