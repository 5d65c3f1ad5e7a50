// Package huawei is a local Huawei Cloud API Gateway (APIG, dedicated
// instance, API v2): the control-plane API at its real paths
// (/v2/{project_id}/apigw/instances/{instance_id}/...), signed with
// SDK-HMAC-SHA256 (package sdkhmac), with offset/limit pagination, the
// documented APIG.xxxx error codes and statuses, publish and offline per
// environment, and a data plane that serves the published APIs (NORMAL and
// SWA matching, {param} segments, ANY, the X-Stage header, MOCK backends
// answering their result_content, HTTP backends forwarded) as the seed
// document describes: CORS for simple requests and preflights (an OPTIONS
// API or the CORS plugin), the HTTP-to-HTTPS redirect of a domain, and the
// access control and request throttling policies bound to an API, with
// Huawei's error codes. What it does not model (authentication, policy
// backends, other plugins, ...) it names on each answer in
// X-Gwsync-Unmodelled.
//
// The Huawei Cloud Go SDK (services/apig/v2) works against it unmodified,
// with an endpoint override and AK/SK/project credentials.
//
// It is the gateway behind `gwsync emulator serve --provider huawei` and,
// through [StartLocal], behind a desired state with gateway.local.
//
// All state sits behind one mutex in a [Server]; an [emulator.Store]
// writes every change through (bbolt), or state stays in memory. Choices where Huawei's documentation is silent or contradicts
// itself are listed on the error codes in errors.go and in the README.
package huawei
