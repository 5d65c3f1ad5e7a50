// Package conflicts decides what validation cannot see one resource at a
// time: routes that catch the same requests (route-conflict, route-shadowed,
// route-overlap, each with a witness request) and the constraints on policy
// attachments (policy-attach-target, policy-attach-type,
// policy-attach-duplicate, policy-singleton), keyed by resource and
// className as the orchestration guide advises.
//
// Route paths come from pull-request content and run in CI, so every
// overlap analysis runs within a Budget of automaton states, route pairs
// and time, and says where it stopped rather than run on.
package conflicts
