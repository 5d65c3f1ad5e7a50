package huawei_test

import (
	"testing"

	"github.com/gwsync/gwsync/internal/validatetest"
)

// TestHWProbes: a Huawei probe names a domain bound to a declared group.
func TestHWProbes(t *testing.T) {
	t.Parallel()
	runHWCases(t, []validatetest.Case{
		{Name: "bound domain", Src: validatetest.ProbeSrc("api.example.com", "", `{"X-Stage": "TEST"}`)},
		{Name: "domain no group binds", Src: validatetest.ProbeSrc("shop.example.com", "", ""), Want: []validatetest.Want{
			{Rule: "reference", Line: 2, Msg: `domain "shop.example.com" is not declared in the groups' domains`},
		}},
	})
}
