package aliyun_test

// The tests see field changes as the gateway kinds gwsync ships
// register their documents.
import _ "github.com/gwsync/gwsync/gatewaykind/builtin"
