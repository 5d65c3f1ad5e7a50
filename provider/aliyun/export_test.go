package aliyun

import "reflect"

// OnDecode has f told of every answer the provider decodes: the action and
// the Go type it decodes into. It returns a function that stops it. Tests
// of this package do not run in parallel, so the hook needs no lock.
func OnDecode(f func(action string, into reflect.Type)) (stop func()) {
	decoded = func(action string, into any) { f(action, reflect.TypeOf(into)) }
	return func() { decoded = nil }
}
