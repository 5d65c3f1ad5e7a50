package dump_test

// The tests plan and apply through the gateway kinds gwsync ships.
import _ "github.com/gwsync/gwsync/gatewaykind/builtin"
