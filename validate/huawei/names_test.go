package huawei_test

import (
	"strings"
	"testing"

	hwdiag "github.com/gwsync/gwsync/diag/huawei"
	"github.com/gwsync/gwsync/internal/validatetest"
)

func TestHWAPIName(t *testing.T) {
	runHWCases(t, []validatetest.Case{
		{Name: "too short", Src: `
groups: orders: apis: ab: {
	req_method: "GET", req_uri: "/ab", auth_type: "NONE"
	backend_type: "MOCK", mock_info: result_content: "ok"
}
`, Want: []validatetest.Want{{Rule: hwdiag.RuleHWAPIName, Line: 1, Msg: `API name "ab" is 2 characters long (3-255 allowed)`}}},
		{Name: "bad characters and start", Src: `
groups: orders: apis: "_orders list!": {
	req_method: "GET", req_uri: "/ab", auth_type: "NONE"
	backend_type: "MOCK", mock_info: result_content: "ok"
}
`, Want: []validatetest.Want{{Rule: hwdiag.RuleHWAPIName, Line: 1, Msg: `starts with '_' (it must start with a letter, a digit or a Chinese character) and has characters Huawei APIG does not allow (' ' '!'`}}},
		{Name: "used in two groups", Src: `
groups: other: apis: orders_list: {
	req_method: "GET", req_uri: "/ab", auth_type: "NONE"
	backend_type: "MOCK", mock_info: result_content: "ok"
}
`, Want: []validatetest.Want{{Rule: hwdiag.RuleHWAPIName, Line: 1, Related: inBaseHW(13), Msg: `API name "orders_list" is already used in group "orders"`}}},
		{Name: "CJK, full-width punctuation", Src: `
groups: orders: apis: "订单（列表）：v1、2/Api.x": {
	req_method: "GET", req_uri: "/ab", auth_type: "NONE"
	backend_type: "MOCK", mock_info: result_content: "ok"
}
`},
	})
}

// inBaseHW turns a line of hwBase into a line as cases count them.
func inBaseHW(line int) int { return line - strings.Count(hwBase, "\n") }

func TestHWParamName(t *testing.T) {
	runHWCases(t, []validatetest.Case{
		{Name: "bad names", Src: `
groups: orders: apis: items: {
	req_method: "GET", req_uri: "/items", auth_type: "NONE"
	req_params: [
		{name: "1st", location: "QUERY", type: "STRING"},
		{name: "X-Stage", location: "HEADER", type: "STRING"},
		{name: "x-apig-id", location: "QUERY", type: "STRING"},
		{name: "my_header", location: "HEADER", type: "STRING"},
		{name: "Authorization", location: "HEADER", type: "STRING"},
		{name: "this_name_is_far_too_long_for_apig", location: "QUERY", type: "STRING"},
	]
	backend_type: "MOCK", mock_info: result_content: "ok"
	backend_params: [{name: "bad name", location: "HEADER", origin: "CONSTANT", value: "x"}]
}
`, Want: []validatetest.Want{
			{Rule: hwdiag.RuleHWParamName, Line: 4, Msg: `request parameter name "1st" starts with '1' (it must start with a letter); rename it, e.g. "api_1st"`},
			{Rule: hwdiag.RuleHWParamName, Line: 5, Msg: `"X-Stage" is reserved`},
			{Rule: hwdiag.RuleHWParamName, Line: 6, Msg: `prefix the gateway reserves`},
			{Rule: hwdiag.RuleHWParamName, Line: 7, Msg: `use "-" instead: "my-header"`},
			{Rule: hwdiag.RuleHWParamName, Line: 8, Msg: `authentication header`},
			{Rule: hwdiag.RuleHWParamName, Line: 9, Msg: `is 34 characters long (1-32 allowed)`},
			{Rule: hwdiag.RuleHWParamName, Line: 12, Msg: `backend parameter name "bad name"`},
		}},
		{Name: "duplicate, case-insensitive", Src: `
groups: orders: apis: items: {
	req_method: "GET", req_uri: "/items", auth_type: "NONE"
	req_params: [
		{name: "id", location: "QUERY", type: "STRING"},
		{name: "ID", location: "HEADER", type: "STRING"},
	]
	backend_type: "MOCK", mock_info: result_content: "ok"
}
`, Want: []validatetest.Want{{Rule: hwdiag.RuleHWParamName, Line: 5, Related: 4, Msg: `request parameter "ID" is already declared (as "id", QUERY)`}}},
		{Name: "good names", Src: `
groups: orders: apis: items: {
	req_method: "GET", req_uri: "/items", auth_type: "NONE"
	req_params: [
		{name: "query_demo", location: "QUERY", type: "STRING"},
		{name: "header-demo.v2", location: "HEADER", type: "STRING"},
	]
	backend_type: "MOCK", mock_info: result_content: "ok"
}
`},
	})
}

func TestHWTags(t *testing.T) {
	runHWCases(t, []validatetest.Case{
		{Name: "bad tags", Src: `
groups: orders: apis: orders_list: tags: ["webApi", "1st", "web api", "标签-*#%.:_x"]
`, Want: []validatetest.Want{
			{Rule: hwdiag.RuleHWTags, Line: 1, Msg: `tag "1st" starts with '1' (it must start with a letter or a Chinese character)`},
			{Rule: hwdiag.RuleHWTags, Line: 1, Msg: `tag "web api" has characters Huawei APIG does not allow (' '`},
		}},
		{Name: "too long", Src: `
groups: orders: apis: orders_list: tags: ["` + strings.Repeat("t", 129) + `"]
`, Want: []validatetest.Want{{Rule: hwdiag.RuleHWTags, Line: 1, Msg: "is 129 characters long (1-128 allowed)"}}},
		{Name: "over the default quota", Src: `
groups: orders: apis: orders_list: tags: [
	"t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9", "t10",
	"t11",
]
`, Want: []validatetest.Want{{Rule: hwdiag.RuleHWTagQuota, Line: 3, Msg: "API has 11 tags; Huawei APIG allows 10 by default"}}},
		{Name: "ten tags", Src: `
groups: orders: apis: orders_list: tags: ["t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9", "t10"]
`},
	})
}
