// Package aliyun is a local Alibaba Cloud API Gateway: a wire-compatible
// emulator of the APIG 2024-03-27 control-plane API (ROA paths, JSON
// envelopes, pagination, ID prefixes, ACS3-HMAC-SHA256 signatures in
// package acs3, the orchestration guide's 409 conflicts, asynchronous
// deploys and injectable faults) and, through package emulator/dataplane,
// a data plane that forwards real HTTP traffic for the routes it has
// deployed. Package console changes a running one from outside, as a
// person at the cloud console would.
//
// It is the gateway behind `gwsync emulator serve` and, through
// [StartLocal], behind `gateway.provider: "local"`, and the stand-in for
// the cloud in gwsync's tests: providers talk to it through the same
// client code they use against Alibaba Cloud.
//
// All state sits behind one mutex in a [Server]; an [emulator.Store]
// writes every change through to disk (bbolt) or keeps it in memory for
// tests.
package aliyun
