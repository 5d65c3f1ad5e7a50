package huawei_test

import (
	"fmt"
	"strings"
	"testing"

	hwdiag "github.com/gwsync/gwsync/diag/huawei"
	"github.com/gwsync/gwsync/internal/validatetest"
)

// mockAPI writes one line declaring a MOCK API of group orders; extra
// holds more fields (e.g. req_params), publish the environments.
func mockAPI(name, method, mode, uri, extra string, publish ...string) string {
	envs := make([]string, len(publish))
	for i, e := range publish {
		envs[i] = fmt.Sprintf("%q", e)
	}
	return fmt.Sprintf(`groups: orders: apis: %s: {req_method: %q, match_mode: %q, req_uri: %q, auth_type: "NONE", backend_type: "MOCK", mock_info: result_content: "ok", publish: [%s]%s}`+"\n",
		name, method, mode, uri, strings.Join(envs, ", "), extra)
}

// pathParam declares the PATH parameter a template needs.
func pathParam(name string) string {
	return fmt.Sprintf(`, req_params: [{name: %q, location: "PATH", type: "STRING"}]`, name)
}

// baseReqURILine is the line of hwBase that writes orders_list's req_uri.
const baseReqURILine = 16

func TestHWAPIConflict(t *testing.T) {
	runHWCases(t, []validatetest.Case{
		{Name: "same method, path and match mode", Src: "\n" + mockAPI("orders_z", "GET", "NORMAL", "/orders", ""),
			Want: []validatetest.Want{{Rule: hwdiag.RuleHWAPIConflict, Line: 1, Related: inBaseHW(baseReqURILine), Witness: "GET orders /orders",
				Msg: `API conflicts with API "orders_list" of group "orders": both are GET "/orders" with match_mode NORMAL; Huawei APIG rejects the second (APIG.3301`}}},
		{Name: "paths that differ in parameter names", Src: "\n" +
			mockAPI("item_a", "DELETE", "NORMAL", "/items/{id}", pathParam("id")) +
			mockAPI("item_b", "DELETE", "NORMAL", "/items/{item_id}", pathParam("item_id")),
			Want: []validatetest.Want{{Rule: hwdiag.RuleHWAPIConflict, Line: 2, Related: 1, Witness: "DELETE orders /items/item_id",
				Msg: `on paths that differ only in parameter names ("/items/{id}" and "/items/{item_id}")`}}},
		{Name: "another match mode, method or group", Src: "\n" +
			mockAPI("orders_swa", "POST", "SWA", "/orders", "") +
			mockAPI("orders_post", "POST", "NORMAL", "/orders", "") +
			`groups: other: apis: other_orders: {req_method: "GET", req_uri: "/orders", auth_type: "NONE", backend_type: "MOCK", mock_info: result_content: "ok", publish: ["RELEASE"]}`},
	})
}

func TestHWAPIOverlap(t *testing.T) {
	runHWCases(t, []validatetest.Case{
		{Name: "SWA under NORMAL", Src: "\n" + mockAPI("prefix_api", "GET", "SWA", "/orders", "", "RELEASE"),
			Want: []validatetest.Want{{Rule: hwdiag.RuleHWAPIOverlap, Line: 1, Related: inBaseHW(baseReqURILine), Witness: "GET orders /orders",
				Msg: `API overlaps API "orders_list" (GET NORMAL "/orders") in group "orders" (environment "RELEASE"): both match GET orders /orders, which "orders_list" takes (NORMAL before SWA)`}}},
		{Name: "ANY beside GET", Src: "\n" + mockAPI("any_orders", "ANY", "NORMAL", "/orders", "", "RELEASE", "TEST"),
			Want: []validatetest.Want{{Rule: hwdiag.RuleHWAPIOverlap, Line: inBaseHW(baseReqURILine), Related: 1, Witness: "GET orders /orders",
				Msg: `(environments "RELEASE" and "TEST"): both match GET orders /orders, and Huawei's documentation does not say whether ANY or a named method takes it`}}},
		{Name: "template beside a literal", Src: "\n" +
			mockAPI("order_by_id", "GET", "NORMAL", "/orders/{id}", pathParam("id"), "RELEASE") +
			mockAPI("orders_export", "GET", "NORMAL", "/orders/export", "", "RELEASE"),
			Want: []validatetest.Want{{Rule: hwdiag.RuleHWAPIOverlap, Line: 2, Related: 1, Witness: "GET orders /orders/export",
				Msg: `does not say how {param} templates rank against other paths`}}},
		{Name: "greedy template", Src: "\n" +
			mockAPI("files", "GET", "NORMAL", "/files/{path+}", pathParam("path"), "TEST") +
			mockAPI("file_meta", "GET", "NORMAL", "/files/a/meta", "", "TEST"),
			Want: []validatetest.Want{{Rule: hwdiag.RuleHWAPIOverlap, Line: 1, Related: 2, Witness: "GET orders /files/a/meta"}}},
		{Name: "longest SWA prefix", Src: "\n" +
			mockAPI("swa_api", "GET", "SWA", "/api", "", "RELEASE") +
			mockAPI("swa_v1", "GET", "SWA", "/api/v1", "", "RELEASE"),
			Want: []validatetest.Want{{Rule: hwdiag.RuleHWAPIOverlap, Line: 1, Related: 2, Witness: "GET orders /api/v1",
				Msg: `which "swa_v1" takes (the longest SWA prefix first)`}}},
		{Name: "SWA on segment boundaries", Src: "\n" +
			mockAPI("test_aa", "GET", "SWA", "/test/AA", "", "RELEASE") +
			mockAPI("test_aacc", "GET", "NORMAL", "/test/AACC", "", "RELEASE")},
		{Name: "published to different environments", Src: "\n" +
			mockAPI("x_prefix", "GET", "SWA", "/x", "", "RELEASE") +
			mockAPI("x_y", "GET", "NORMAL", "/x/y", "", "TEST") +
			mockAPI("x_unpublished", "GET", "NORMAL", "/x/z", "")},
	})
}

func TestHWAPIShadowed(t *testing.T) {
	runHWCases(t, []validatetest.Case{
		{Name: "SWA taken by NORMAL and a longer SWA", Src: "\n" +
			mockAPI("swa_a", "GET", "SWA", "/a", "", "RELEASE") +
			mockAPI("swa_a_slash", "GET", "SWA", "/a/", "", "RELEASE") +
			mockAPI("normal_a", "GET", "NORMAL", "/a", "", "RELEASE"),
			Want: []validatetest.Want{{Rule: hwdiag.RuleHWAPIShadowed, Line: 1, Related: 3,
				Msg: `no request reaches this API (GET SWA "/a") in environment "RELEASE"`}}},
		{Name: "SWA with its own paths left", Src: "\n" +
			mockAPI("swa_a", "GET", "SWA", "/a", "", "RELEASE") +
			mockAPI("normal_a", "GET", "NORMAL", "/a", "", "RELEASE"),
			Want: []validatetest.Want{{Rule: hwdiag.RuleHWAPIOverlap, Line: 1, Related: 2, Witness: "GET orders /a"}}},
	})
}

// An API that more than conflicts.GroupAbove (5) others overlap gets one
// finding with their count and the first three; one that more than five
// shadow names five of them and counts the rest.
func TestHWAPIGrouped(t *testing.T) {
	normals := ""
	for i := range 7 {
		normals += mockAPI(fmt.Sprintf("nn%d", i), "GET", "NORMAL", fmt.Sprintf("/a/%d", i), "", "RELEASE")
	}
	seven := `overlaps 7 other APIs; the first 3: "nn0" (GET NORMAL "/a/0") in environment "RELEASE" takes GET orders /a/0 first (NORMAL before SWA); "nn1"`
	runHWCases(t, []validatetest.Case{
		{Name: "seven overlaps", Src: "\n" + mockAPI("swa_a", "GET", "SWA", "/a", "", "RELEASE") + normals,
			Want: []validatetest.Want{{Rule: hwdiag.RuleHWAPIOverlap, Line: 1, Related: 2, Witness: "GET orders /a/0", Msg: `API (GET SWA "/a") ` + seven}}},
		{Name: "shadowed by nine", Src: "\n" + mockAPI("swa_a", "GET", "SWA", "/a", "", "RELEASE") + normals +
			mockAPI("normal_a", "GET", "NORMAL", "/a", "", "RELEASE") +
			mockAPI("swa_a_slash", "GET", "SWA", "/a/", "", "RELEASE"),
			Want: []validatetest.Want{
				{Rule: hwdiag.RuleHWAPIShadowed, Line: 1, Related: 2, Witness: "GET orders /a/0",
					Msg: `is taken first by APIs "nn0", "nn1", "nn2", "nn3", "nn4" and 4 more (NORMAL before SWA`},
				{Rule: hwdiag.RuleHWAPIOverlap, Line: 10, Related: 2, Witness: "GET orders /a/0", Msg: `API (GET SWA "/a/") ` + seven},
			}},
	})
}
