package sync

// Chains exposes chains to the external tests.
var Chains = chains
