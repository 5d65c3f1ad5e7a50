package compiler

import (
	"fmt"

	"cuelang.org/go/cue"
)

// Identity is the gateway a desired state targets, as its gateway block
// names it.
type Identity struct {
	// Provider is gateway.provider: aliyun, huawei, local, ...
	Provider string
	// ID is gateway.id ("" when the block has none, as a local gateway
	// may).
	ID string
}

// GatewayIdentity evaluates the desired state in dir only as far as its
// gateway block, so that a gateway whose routes or policies are wrong is
// still named. It fails when the inputs do not build or name no provider.
func GatewayIdentity(dir string) (Identity, error) {
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
	return Identity{Provider: provider, ID: id}, nil
}
