package model

// Live is a gateway as a provider read it: its resources in the desired
// state's own types (references by name, fields spelled and defaulted the
// way the desired state writes them), so one diff compares the two, plus
// what only the live side has: IDs, deploy states and fingerprints.
type Live struct {
	// State holds the live resources. Positions are empty.
	State Desired
	// IDs maps each resource path (ServicePath, RoutePath, ...) to the
	// resource's live ID; attachments are keyed by AttachmentKey.
	IDs map[string]string
	// Deploys maps each route path to the route's deploy state.
	Deploys map[string]Deploy
	// Fingerprints maps each resource path to a hash of the live document
	// it was read from, so a saved plan can tell when the gateway changed.
	Fingerprints map[string]string
	// Notes lists what the read found but the desired state cannot
	// express (an attachment to a resource type gwsync does not manage,
	// ...): reported, never silently dropped.
	Notes []string
	// Unmanaged lists the policy attachments the read found to resources
	// gwsync does not manage (the gateway, an operation, a service
	// port...), which State.Attachments cannot hold. Each also has a note.
	Unmanaged []UnmanagedAttachment
}

// UnmanagedAttachment is a policy attached to a resource gwsync does not
// manage, as the gateway reports it.
type UnmanagedAttachment struct {
	Policy       string // the policy's name
	ResourceType string // attachResourceType, e.g. Gateway
	ResourceID   string // the resource's live ID
	ID           string // the attachment's live ID
	// Environment is the environment's name, or its ID when the gateway
	// has no such environment ("" for every environment).
	Environment string
}

// Deploy is a route's live deploy state.
type Deploy struct {
	Status       string // NotDeployed, Deploying, Deployed, DeployFailed, ...
	ErrorMessage string
	// Environment is the environment the route is deployed in.
	Environment string
}

// AttachmentKey names one attachment of a policy to a resource, as the
// IDs map keys it: "attachments.<policy>@<resource path>".
func AttachmentKey(policy, resource string) string {
	return "attachments." + policy + "@" + resource
}
