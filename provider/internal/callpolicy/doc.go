// Package callpolicy holds the rules gwsync's cloud providers share for
// calling a cloud API: where a call may go (an endpoint override reaches a
// loopback address over plain HTTP, anything else only over HTTPS), how
// long one HTTP call may take, and when and how long to wait before trying
// a failed call again (exponential backoff with full jitter from a seeded
// generator, never shorter than the server's Retry-After, under an
// optional rate limit).
//
// Which failures are worth another attempt, and how errors read, stay with
// each provider: Do asks the provider's Transient and hands back a
// [Failure] for the provider to word.
package callpolicy
