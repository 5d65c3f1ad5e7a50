// Package huawei is the Huawei Cloud APIG (dedicated instance) side of
// package sync: the diff that plans a Huawei desired state against a live
// instance (environments, groups with their domains and variables, APIs
// and their publications, throttles, ACLs, plugins and their bindings),
// the documents and resource kinds of its plans, the keys of its live
// IDs, the order its changes run in and what each of them depends on.
// Planner binds it all into sync's hook.
package huawei
