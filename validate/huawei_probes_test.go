package validate_test

import "testing"

// TestHWProbes: a Huawei probe names a domain bound to a declared group.
func TestHWProbes(t *testing.T) {
	t.Parallel()
	runHWCases(t, []tcase{
		{name: "bound domain", src: probeSrc("api.example.com", "", `{"X-Stage": "TEST"}`)},
		{name: "domain no group binds", src: probeSrc("shop.example.com", "", ""), want: []want{
			{rule: "reference", line: 2, msg: `domain "shop.example.com" is not declared in the groups' domains`},
		}},
	})
}
