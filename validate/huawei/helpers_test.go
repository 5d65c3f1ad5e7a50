package huawei_test

import (
	"testing"

	"github.com/gwsync/gwsync/internal/validatetest"
)

// hwBase is a small valid Huawei desired state. Cases add to it with CUE
// snippets that CUE unifies into it.
//
// Declared names: environments RELEASE and TEST; group orders with domain
// api.example.com (certificate example_cert, no redirect), variable
// backend_host in RELEASE and TEST, and API orders_list (GET NORMAL
// /orders over HTTPS, an HTTP backend at #backend_host#, published to
// RELEASE and TEST).
const hwBase = `package gateway

gateway: {provider: "huawei", id: "inst-1", region: "cn-north-4", projectId: "p1"}

environments: {RELEASE: {}, TEST: {}}

groups: orders: {
	domains: "api.example.com": certificate: "example_cert"
	variables: {
		RELEASE: backend_host: "10.0.0.1:8080"
		TEST: backend_host:    "10.0.0.2:8080"
	}
	apis: orders_list: {
		req_protocol: "HTTPS"
		req_method:   "GET"
		req_uri:      "/orders"
		auth_type:    "NONE"
		backend_type: "HTTP"
		backend_api: {req_protocol: "HTTP", req_method: "GET", req_uri: "/orders", url_domain: "#backend_host#", timeout: 5000}
		publish: ["RELEASE", "TEST"]
	}
}
`

// runHWCases runs cases unified into hwBase.
func runHWCases(t *testing.T, cases []validatetest.Case) {
	t.Helper()
	for i := range cases {
		if !cases[i].Whole {
			cases[i].Base = hwBase
		}
	}
	validatetest.Run(t, cases)
}

// The base itself is valid.
func TestHWBaseValid(t *testing.T) {
	runHWCases(t, []validatetest.Case{{Name: "base", Src: ""}})
}
