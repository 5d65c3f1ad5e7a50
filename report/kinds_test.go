package report_test

// The gateway kinds gwsync ships are registered for every test of the
// package.
import _ "github.com/gwsync/gwsync/gatewaykind/builtin"
