package aliyun

import (
	"reflect"
	"testing"

	alimodel "github.com/gwsync/gwsync/model/aliyun"
	gwsync "github.com/gwsync/gwsync/sync"
)

// TestIPAccessControlDiffIsElementWise checks that a changed whitelist,
// a comma-joined string on the wire, is one field change whose elements
// are the CIDRs added and removed, whatever order either side lists them in.
func TestIPAccessControlDiffIsElementWise(t *testing.T) {
	policy := func(content string) *gwsync.PolicyDoc {
		return policyDoc(&alimodel.Policy{Name: "ip", ClassName: "IpAccessControl",
			ConfigJSON: `{"ipAccessControlType":"White","ipAccessControlContent":"` + content + `"}`}, "")
	}
	fs := gwsync.FieldChanges(policy(`10.2.0.0/16\n10.0.0.0/8,10.1.0.0/16`), policy("10.3.0.0/16,10.0.0.0/8,10.2.0.0/16"))
	if len(fs) != 1 || fs[0].Path != "/config/ipAccessControlContent" {
		t.Fatalf("field changes %+v, want one at /config/ipAccessControlContent", fs)
	}
	added, removed, ok := fs[0].Elements()
	if !ok || !reflect.DeepEqual(added, []any{"10.3.0.0/16"}) || !reflect.DeepEqual(removed, []any{"10.1.0.0/16"}) {
		t.Errorf("Elements() = %v, %v, %v; want [10.3.0.0/16], [10.1.0.0/16], true", added, removed, ok)
	}
}
