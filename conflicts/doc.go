// Package conflicts decides what validation cannot see one route at a
// time: routes that catch the same requests (route-conflict, route-shadowed,
// route-overlap, each with a witness request). A kind whose APIs overlap
// as routes do hands them to the same engine, with its own precedence.
//
// Route paths come from pull-request content and run in CI, so every
// overlap analysis runs within a Budget of automaton states, route pairs
// and time, and says where it stopped rather than run on.
package conflicts
