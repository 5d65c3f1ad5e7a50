package validate_test

import "testing"

// TestHWProbes: a Huawei probe names a domain bound to a declared group.
func TestHWProbes(t *testing.T) {
	t.Parallel()
	runHWCases(t, []tcase{
		{Name: "bound domain", Src: probeSrc("api.example.com", "", `{"X-Stage": "TEST"}`)},
		{Name: "domain no group binds", Src: probeSrc("shop.example.com", "", ""), Want: []want{
			{Rule: "reference", Line: 2, Msg: `domain "shop.example.com" is not declared in the groups' domains`},
		}},
	})
}
