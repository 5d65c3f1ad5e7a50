// Package emulator is the root of gwsync's gateway emulators: local,
// wire-compatible stand-ins for each gateway kind's cloud API, behind
// `gwsync emulator serve`, the embedded gateways a desired state can ask
// for, and gwsync's tests.
//
// Each kind's emulator lives in a subfolder named for the kind, with its
// request signing and anything else particular to it. What they share is
// here and beside it:
//
//   - this package: the [Kind] hook through which gwsync emulator serve
//     and gwsync emulator console reach a kind's emulator without naming
//     it ([RegisterHook], [Lookup], [Kinds]); the state [Store] (bbolt, or
//     memory); what an embedded gateway needs ([LocalStore],
//     [NewLocalKey], [ListenLoopback]); and [CheckEndpoint], which keeps
//     the console on this machine.
//   - dataplane: a data plane that forwards real HTTP traffic for the
//     routes a control plane has deployed.
//   - internal/: serving (listening, shutdown, per-key limits), window
//     (fixed-window counting), records (reading saved state back) and
//     fakeclock (a settable clock for tests).
package emulator
