package report

import (
	"strings"
	"testing"
)

func TestChangedText(t *testing.T) {
	var b strings.Builder
	err := ChangedText(&b, []ChangedGateway{{Path: "gw/prod"}, {Path: "gw/old", Deleted: true}, {Path: "gw/new\nline"}})
	want := "gw/prod\ngw/old (deleted)\n\"gw/new\\nline\"\n"
	if err != nil || b.String() != want {
		t.Errorf("ChangedText = %q, %v; want %q", b.String(), err, want)
	}
}

func TestChangedJSON(t *testing.T) {
	for _, tc := range []struct {
		gs   []ChangedGateway
		want string
	}{
		{nil, `{"include":[]}` + "\n"},
		{[]ChangedGateway{{Path: "gw/a&b", Gateway: "gw-1", Provider: "aliyun", Deleted: true}},
			`{"include":[{"path":"gw/a&b","gateway":"gw-1","provider":"aliyun","deleted":true}]}` + "\n"},
	} {
		var b strings.Builder
		if err := ChangedJSON(&b, tc.gs); err != nil || b.String() != tc.want {
			t.Errorf("ChangedJSON(%v) = %q, %v; want %q", tc.gs, b.String(), err, tc.want)
		}
	}
}
