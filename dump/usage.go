package dump

// Usage is what gwsync dump's help and flag checks say of a kind. The
// command assembles its help from the registered kinds' Usage, in the
// order they are registered: each field is a fragment of one sentence or
// list, as the field says.
type Usage struct {
	// Naming says how flags name a gateway of the kind, in the help's
	// sentence "The gateway is the one named by --gateway-id and --region
	// (Naming; Naming ...)".
	Naming string
	// PathNote, when set, adds to naming the gateway by the gateway block
	// of the desired state at PATH.
	PathNote string
	// Paragraphs are the kind's own paragraphs of the help (how its
	// gateways are written), each one line: the help wraps them.
	Paragraphs []string
	// LeftOut is what the kind's dump leaves out, in the help's sentence
	// "What the desired state cannot express (LeftOut; LeftOut ...) is
	// written as a comment".
	LeftOut string
	// Examples are command lines for the help's examples.
	Examples []string
	// GatewayID describes the kind's gateway IDs in --gateway-id's help.
	GatewayID string
	// Region is an example region, in --region's help.
	Region string
	// Split is what --split per-api writes for the kind, in --split's
	// help.
	Split string
	// WithIDs, when set, is what --with-ids writes for the kind beyond
	// an id comment above each resource, in --with-ids' help.
	WithIDs string
	// Providers says, for each of the kind's providers, how flags name
	// one of its gateways.
	Providers map[string]Target
}

// Target is how gwsync dump's flags name a gateway of one provider.
type Target struct {
	// Help, when set, describes the provider in --provider's help.
	Help string
	// IDMissing, when set, says the gateway is named by --gateway-id: it
	// is the usage error when --gateway-id is not given.
	IDMissing string
	// NoID, for a provider whose gateway is not named by --gateway-id,
	// says which gateway it is instead, in the usage error when
	// --gateway-id is given.
	NoID string
	// ProjectID, when set, says the provider's gateway is named with
	// --project-id too, and describes the project ID in its help.
	ProjectID string
}
