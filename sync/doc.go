// Package sync turns a desired state and a live gateway into a plan: the
// ordered, typed set of changes that would make the gateway match the
// desired state, built before anything is written.
//
// Both sides are first normalised into documents (ServiceDoc, RouteDoc,
// ...): server defaults filled, read-only fields dropped, sets sorted and
// policy configs made canonical, so that a plan never shows a change the
// gateway would not make. Documents are bound by name. What the desired
// state does not declare is left alone and reported, and deleted only with
// Options.Prune and only when it carries this desired state's ownership
// marker (see Marker).
//
// The order of changes is a table (see Order), not a graph search: creates
// run top down (services and domains, policies, HTTP APIs, routes,
// attachments, deploys), and deletes bottom up.
//
// What is particular to a gateway kind (its diff, its order table, its
// words, documents and the dependencies of its changes) the kind brings
// as a Planner, registered with RegisterHook; this package dispatches by
// gateway.provider, or for a change alone by its resource kind, and
// offers the kinds' diffs their shared part as a library (Differ). Apply
// runs any kind's plan.
package sync
