package model

// Live is a gateway as a provider read it: its resources in the desired
// state's own types (references by name, fields spelled and defaulted the
// way the desired state writes them), so one diff compares the two, plus
// what only the live side has: IDs, deploy states and fingerprints.
type Live struct {
	// State holds the live resources, in the kind's state (State.State).
	// Positions are empty.
	State Desired
	// IDs maps each resource path (as the kind names its resources) to
	// the resource's live ID.
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
}

// Deploy is a route's live deploy state.
type Deploy struct {
	Status       string // NotDeployed, Deploying, Deployed, DeployFailed, ...
	ErrorMessage string
	// Environment is the environment the route is deployed in.
	Environment string
}
