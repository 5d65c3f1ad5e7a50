// Package aliyun is the Alibaba Cloud API Gateway (APIG) side of package
// sync: the diff that plans an APIG desired state against a live gateway
// (environments, services, domains, policies, HTTP APIs, routes and
// their deploys, policy attachments), the normalisation of both sides
// into sync's documents, the check of desired routes against live ones
// this desired state does not manage, the order its changes run in and
// what each of them depends on. Planner binds it all into sync's hook.
package aliyun
