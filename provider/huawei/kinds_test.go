package huawei_test

// These tests compile desired states of the kinds gwsync ships.
import _ "github.com/gwsync/gwsync/gatewaykind/builtin"
