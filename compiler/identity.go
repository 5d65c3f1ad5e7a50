package compiler

import (
	"fmt"

	"cuelang.org/go/cue"
)

// GatewayIdentity is Identify for a gateway directory, with an error that
// says why when its gateway block cannot be read: a gateway whose routes
// or policies are wrong is still named, one whose inputs do not build or
// name no provider is not.
func GatewayIdentity(dir string) (Identity, error) {
	if id, ok := Identify(dir); ok {
		return id, nil
	}
	c := newCompilation(Options{Dir: dir})
	v, _, ok := c.unify([]string{"."})
	if !ok {
		if len(c.findings) > 0 {
			f := c.findings[0]
			return Identity{}, fmt.Errorf("%s: %s", f.Pos, f.Message)
		}
		return Identity{}, fmt.Errorf("%s holds no desired state", dir)
	}
	provider, err := v.LookupPath(cue.ParsePath("gateway.provider")).String()
	if err != nil {
		return Identity{}, fmt.Errorf("gateway.provider: %v", err)
	}
	// An ID that is not a concrete string is left out, as an ID that is
	// not given is: the caller names the gateway otherwise.
	id, _ := v.LookupPath(cue.ParsePath("gateway.id")).String()
	local, _ := v.LookupPath(cue.ParsePath("gateway.local")).Bool()
	return Identity{Provider: provider, ID: id, Local: isLocal(provider, local)}, nil
}
