package validate_test

import (
	"strings"
	"testing"

	"github.com/gwsync/gwsync/diag"
)

func TestHWAPIName(t *testing.T) {
	runHWCases(t, []tcase{
		{name: "too short", src: `
groups: orders: apis: ab: {
	req_method: "GET", req_uri: "/ab", auth_type: "NONE"
	backend_type: "MOCK", mock_info: result_content: "ok"
}
`, want: []want{{rule: diag.RuleHWAPIName, line: 1, msg: `API name "ab" is 2 characters long (3-255 allowed)`}}},
		{name: "bad characters and start", src: `
groups: orders: apis: "_orders list!": {
	req_method: "GET", req_uri: "/ab", auth_type: "NONE"
	backend_type: "MOCK", mock_info: result_content: "ok"
}
`, want: []want{{rule: diag.RuleHWAPIName, line: 1, msg: `starts with '_' (it must start with a letter, a digit or a Chinese character) and has characters Huawei APIG does not allow (' ' '!'`}}},
		{name: "used in two groups", src: `
groups: other: apis: orders_list: {
	req_method: "GET", req_uri: "/ab", auth_type: "NONE"
	backend_type: "MOCK", mock_info: result_content: "ok"
}
`, want: []want{{rule: diag.RuleHWAPIName, line: 1, related: inBaseHW(13), msg: `API name "orders_list" is already used in group "orders"`}}},
		{name: "CJK, full-width punctuation", src: `
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
	runHWCases(t, []tcase{
		{name: "bad names", src: `
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
`, want: []want{
			{rule: diag.RuleHWParamName, line: 4, msg: `request parameter name "1st" starts with '1' (it must start with a letter); rename it, e.g. "api_1st"`},
			{rule: diag.RuleHWParamName, line: 5, msg: `"X-Stage" is reserved`},
			{rule: diag.RuleHWParamName, line: 6, msg: `prefix the gateway reserves`},
			{rule: diag.RuleHWParamName, line: 7, msg: `use "-" instead: "my-header"`},
			{rule: diag.RuleHWParamName, line: 8, msg: `authentication header`},
			{rule: diag.RuleHWParamName, line: 9, msg: `is 34 characters long (1-32 allowed)`},
			{rule: diag.RuleHWParamName, line: 12, msg: `backend parameter name "bad name"`},
		}},
		{name: "duplicate, case-insensitive", src: `
groups: orders: apis: items: {
	req_method: "GET", req_uri: "/items", auth_type: "NONE"
	req_params: [
		{name: "id", location: "QUERY", type: "STRING"},
		{name: "ID", location: "HEADER", type: "STRING"},
	]
	backend_type: "MOCK", mock_info: result_content: "ok"
}
`, want: []want{{rule: diag.RuleHWParamName, line: 5, related: 4, msg: `request parameter "ID" is already declared (as "id", QUERY)`}}},
		{name: "good names", src: `
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
	runHWCases(t, []tcase{
		{name: "bad tags", src: `
groups: orders: apis: orders_list: tags: ["webApi", "1st", "web api", "标签-*#%.:_x"]
`, want: []want{
			{rule: diag.RuleHWTags, line: 1, msg: `tag "1st" starts with '1' (it must start with a letter or a Chinese character)`},
			{rule: diag.RuleHWTags, line: 1, msg: `tag "web api" has characters Huawei APIG does not allow (' '`},
		}},
		{name: "too long", src: `
groups: orders: apis: orders_list: tags: ["` + strings.Repeat("t", 129) + `"]
`, want: []want{{rule: diag.RuleHWTags, line: 1, msg: "is 129 characters long (1-128 allowed)"}}},
		{name: "over the default quota", src: `
groups: orders: apis: orders_list: tags: [
	"t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9", "t10",
	"t11",
]
`, want: []want{{rule: diag.RuleHWTagQuota, line: 3, msg: "API has 11 tags; Huawei APIG allows 10 by default"}}},
		{name: "ten tags", src: `
groups: orders: apis: orders_list: tags: ["t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9", "t10"]
`},
	})
}
