package validatetest

// RouteSrc is a snippet for Base declaring one valid route named name
// in orders-http-api, on its own exact path; the route's label is on line 1.
func RouteSrc(name, path string) string {
	return `
httpApis: "orders-http-api": routes: "` + name + `": {
	environment: "prod"
	domains: ["api.example.com"]
	match: path: {type: "Exact", value: "` + path + `"}
	backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
}
`
}

// ProbeSrc declares probe p for domain, with source (omitted when "") on
// line 3 and the given header on line 4: domain is on line 2.
func ProbeSrc(domain, source, header string) string {
	src := `
probes: p: {
	request: {method: "GET", domain: "` + domain + `", path: "/orders/1"}
`
	if source != "" {
		src += "\tsource: " + source + "\n"
	} else {
		src += "\n"
	}
	if header != "" {
		src += "\trequest: headers: " + header + "\n"
	}
	return src + "\texpect: status: 200\n}\n"
}
