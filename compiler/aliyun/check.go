package aliyun

import (
	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/schema"
)

// An APIG desired state's routes are checked one at a time against
// #Route, and the rest against #Desired with each HTTP API's routes left
// out: the two checks split the routes between them and run beside the
// decode (see decodeDesired).

// checkTop checks the desired state without its routes, returning a
// finding at the offending field for each violation.
func checkTop(dc *compiler.Decoding, root *compiler.Node) []diag.Finding {
	s, err := schema.DesiredValidator()
	if err != nil {
		return []diag.Finding{compiler.SchemaBroken(err)}
	}
	return dc.Check(s, root, plainWithoutRoutes(root), nil, isRoutesAt)
}

// checkRoutes checks routes against #Route, one at a time.
func checkRoutes(dc *compiler.Decoding, routes []routeNode) []diag.Finding {
	s, err := schema.RouteValidator()
	if err != nil {
		return []diag.Finding{compiler.SchemaBroken(err)}
	}
	var out []diag.Finding
	for _, r := range routes {
		out = append(out, dc.Check(s, r.n, r.n.Plain(), []string{"httpApis", r.api, "routes", r.name}, nil)...)
	}
	return out
}

// isRoutes reports whether a field of an HTTP API is its struct of routes,
// whose members are checked one by one.
func isRoutes(f compiler.Field) bool { return f.Name == "routes" && f.Value.IsStruct() }

// isRoutesAt reports whether the value at path is an HTTP API's struct of
// routes, which checkTop leaves to checkRoutes.
func isRoutesAt(path []string, n *compiler.Node) bool {
	return len(path) == 3 && path[0] == "httpApis" && isRoutes(compiler.Field{Name: path[2], Value: n})
}

// routeNode is one route of an HTTP API's struct of routes.
type routeNode struct {
	api, name string
	n         *compiler.Node
}

// routes lists the routes of every HTTP API that has a struct of routes.
func routes(root *compiler.Node) []routeNode {
	var out []routeNode
	apis := root.Get("httpApis")
	if !apis.IsStruct() {
		return nil
	}
	for _, a := range apis.Fields() {
		for _, af := range a.Value.Fields() {
			if !isRoutes(af) {
				continue
			}
			for _, r := range af.Value.Fields() {
				out = append(out, routeNode{a.Name, r.Name, r.Value})
			}
		}
	}
	return out
}

// plainWithoutRoutes is the root as plain JSON with every HTTP API's struct
// of routes left empty: the routes are checked one by one.
func plainWithoutRoutes(root *compiler.Node) any {
	return plainFields(root, func(f compiler.Field) any {
		if f.Name != "httpApis" {
			return f.Value.Plain()
		}
		return plainFields(f.Value, func(api compiler.Field) any {
			return plainFields(api.Value, func(af compiler.Field) any {
				if isRoutes(af) {
					return map[string]any{}
				}
				return af.Value.Plain()
			})
		})
	})
}

// plainFields renders a struct's fields each through render; other nodes
// render plainly.
func plainFields(n *compiler.Node, render func(compiler.Field) any) any {
	if !n.IsStruct() {
		return n.Plain()
	}
	m := make(map[string]any, len(n.Fields()))
	for _, f := range n.Fields() {
		m[f.Name] = render(f)
	}
	return m
}
