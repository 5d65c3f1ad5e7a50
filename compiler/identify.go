package compiler

import (
	"os"

	"cuelang.org/go/cue"
)

// Identity is the gateway a desired state names, read without compiling
// the desired state: enough to find two desired states that name one
// gateway before anything runs.
type Identity struct {
	Provider string
	// ID is gateway.id (the gateway's or instance's ID, as the kind
	// names it); "" when not set.
	ID string
	// Local marks an embedded gateway (as its kind tells it, from the
	// provider and gateway.local): its state is kept beside its desired
	// state, so two of them never name one gateway, whatever their IDs.
	Local bool
}

// Identify reads the gateway block of the desired state at path (a
// directory as GatewayDirs lists them, or a file): its provider, ID and
// whether it is embedded. When the gateway block is written out in
// literals it reads them from the source (literalIdentity); otherwise it
// evaluates as much as the gateway block needs. It reports false when
// that cannot be read (Compile then says why, with positions).
func Identify(path string) (id Identity, ok bool) {
	c := newCompilation(Options{})
	defer c.recoverAs(path, &ok)
	in := c.collect([]string{path})
	if in.empty() {
		return Identity{}, false
	}
	if dirs := sortedKeys(in.cue); len(in.data) == 0 && len(dirs) == 1 {
		if id, ok := literalIdentity(in.cue[dirs[0]]); ok {
			return id, true
		}
	}
	return c.evalIdentity(in)
}

// evalIdentity reads the identity from the inputs' evaluated gateway
// block.
func (c *compilation) evalIdentity(in inputs) (Identity, bool) {
	v, ok := c.gatewayValue(in)
	if !ok {
		return Identity{}, false
	}
	return identityOf(v)
}

// gatewayValue is the gateway field of the unified inputs, unevaluated
// beyond what looking it up takes.
func (c *compilation) gatewayValue(in inputs) (cue.Value, bool) {
	var vals []cue.Value
	for _, dir := range sortedKeys(in.cue) {
		v, ok := c.buildCUE(dir, in.cue[dir])
		if !ok {
			return cue.Value{}, false
		}
		vals = append(vals, v)
	}
	for _, f := range in.data {
		v, ok := c.buildData(f)
		if !ok {
			return cue.Value{}, false
		}
		vals = append(vals, v)
	}
	v := vals[0]
	for _, w := range vals[1:] {
		v = v.Unify(w)
	}
	g := v.LookupPath(cue.MakePath(cue.Str("gateway")))
	return g, g.Exists()
}

// buildCUE builds the .cue files of one directory as a package instance,
// without asking for its errors (which would evaluate all of it).
func (c *compilation) buildCUE(dir string, files []string) (cue.Value, bool) {
	insts, ok := c.instances(dir, files)
	if !ok || len(insts) == 0 || insts[0].Err != nil {
		return cue.Value{}, false
	}
	return c.ctx.BuildInstance(insts[0]), true
}

// buildData reads one JSON or YAML file as a value.
func (c *compilation) buildData(file string) (cue.Value, bool) {
	src, err := os.ReadFile(file)
	if err != nil {
		return cue.Value{}, false
	}
	expr, err := c.parseData(file, src)
	if err != nil || documents(expr) > 1 {
		return cue.Value{}, false
	}
	return c.ctx.BuildExpr(expr, cue.Filename(file)), true
}

// identityOf reads provider, id and local from a gateway block.
func identityOf(g cue.Value) (Identity, bool) {
	field := func(name string) cue.Value { return g.LookupPath(cue.MakePath(cue.Str(name))) }
	provider, err := field("provider").String()
	if err != nil {
		return Identity{}, false
	}
	id := Identity{Provider: provider}
	if v := field("id"); v.Exists() {
		if id.ID, err = v.String(); err != nil {
			return Identity{}, false
		}
	}
	local, _ := field("local").Bool()
	id.Local = isLocal(provider, local)
	return id, true
}
