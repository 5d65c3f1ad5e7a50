package validate_test

import "testing"

// serviceSrc declares one service with the given sourceType and addresses
// list (CUE text); its label is on line 1 and its addresses on line 3.
func serviceSrc(sourceType, addresses string) string {
	return `
services: "svc": {
	sourceType: "` + sourceType + `"
	addresses: [` + addresses + `]
}
`
}

func TestServiceAddressValid(t *testing.T) {
	t.Parallel()
	runCases(t, []tcase{
		{name: "DNS host:port is fine", src: serviceSrc("DNS", `"orders.internal:8080"`)},
		{name: "DNS with a trailing dot is fine", src: serviceSrc("DNS", `"orders.internal.:80"`)},
		{name: "DNS single label is fine", src: serviceSrc("DNS", `"orders:80"`)},
		{name: "port 1 and 65535 are fine", src: serviceSrc("DNS", `"a.internal:1", "b.internal:65535"`)},
		{name: "VIP IPv4 is fine", src: serviceSrc("VIP", `"10.0.0.1:80"`)},
		{name: "VIP IPv6 in brackets is fine", src: serviceSrc("VIP", `"[::1]:80"`)},
		{name: "DNS service with an IP address is fine", src: serviceSrc("DNS", `"192.168.1.7:80"`)},
		{name: "K8S with namespace needs no address", src: `
services: "svc": {sourceType: "K8S", namespace: "default"}
`},
	})
}

func TestServiceAddressPort(t *testing.T) {
	t.Parallel()
	runCases(t, []tcase{
		{name: "port 0", src: serviceSrc("DNS", `"orders.internal:0"`), want: []want{
			{rule: "service-address", line: 3, msg: "use a port from 1 to 65535"},
		}},
		{name: "port 65536", src: serviceSrc("VIP", `"10.0.0.1:65536"`), want: []want{
			{rule: "service-address", line: 3, msg: `has port "65536"`},
		}},
		{name: "port not a number", src: serviceSrc("DNS", `"orders.internal:http"`), want: []want{
			{rule: "service-address", line: 3, msg: `has port "http"`},
		}},
		// BUG: strconv.Atoi accepts "+80", so addressProblem passes it.
		{name: "port with a sign", src: serviceSrc("DNS", `"orders.internal:+80"`), want: []want{
			{rule: "service-address", line: 3, msg: `has port "+80"`},
		}},
		{name: "empty port", src: serviceSrc("DNS", `"orders.internal:"`), want: []want{
			{rule: "service-address", line: 3},
		}},
		{name: "missing port suggests host:80", src: serviceSrc("DNS", `"orders.internal"`), want: []want{
			{rule: "service-address", line: 3, msg: `write it as "orders.internal:80"`},
		}},
		{name: "IPv6 without brackets", src: serviceSrc("VIP", `"::1:80"`), want: []want{
			{rule: "service-address", line: 3, msg: "is not host:port"},
		}},
	})
}

func TestServiceAddressHost(t *testing.T) {
	t.Parallel()
	runCases(t, []tcase{
		{name: "VIP with a host name", src: serviceSrc("VIP", `"orders.internal:80"`), want: []want{
			{rule: "service-address", line: 3, msg: `use sourceType "DNS" for host names`},
		}},
		{name: "VIP with an empty host", src: serviceSrc("VIP", `":80"`), want: []want{
			{rule: "service-address", line: 3},
		}},
		{name: "DNS with an empty host", src: serviceSrc("DNS", `":80"`), want: []want{
			{rule: "service-address", line: 3},
		}},
		{name: "DNS name with an empty label", src: serviceSrc("DNS", `"orders..internal:80"`), want: []want{
			{rule: "service-address", line: 3, msg: "is not a valid DNS name"},
		}},
		{name: "DNS label starting with a dash", src: serviceSrc("DNS", `"-orders.internal:80"`), want: []want{
			{rule: "service-address", line: 3, msg: "is not a valid DNS name"},
		}},
		{name: "DNS label longer than 63", src: serviceSrc("DNS", `"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.internal:80"`), want: []want{
			{rule: "service-address", line: 3, msg: "is not a valid DNS name"},
		}},
		{name: "DNS name with a space", src: serviceSrc("DNS", `"orders internal:80"`), want: []want{
			{rule: "service-address", line: 3, msg: "is not a valid DNS name"},
		}},
		// BUG: isDNSLabel accepts '_', contrary to its RFC 1123 doc comment
		// and to the message ("letters, digits and \"-\"").
		{name: "DNS name with an underscore", src: serviceSrc("DNS", `"orders_backend.internal:80"`), want: []want{
			{rule: "service-address", line: 3, msg: "is not a valid DNS name"},
		}},
		{name: "IP with a zone", src: serviceSrc("VIP", `"[fe80::1%eth0]:80"`), want: []want{
			{rule: "service-address", line: 3, msg: `drop the zone "eth0"`},
		}},
	})
}

func TestServiceAddressList(t *testing.T) {
	t.Parallel()
	runCases(t, []tcase{
		{name: "each bad address at its line", src: `
services: "svc": {
	sourceType: "DNS"
	addresses: [
		"good.internal:80",
		"bad.internal:0",
		"worse.internal",
	]
}
`, want: []want{
			{rule: "service-address", line: 5},
			{rule: "service-address", line: 6},
		}},
		{name: "empty addresses", src: serviceSrc("DNS", ``), want: []want{
			{rule: "service-address", line: 1, msg: `add addresses: ["host:port"]`},
		}},
		{name: "addresses omitted", src: `
services: "svc": sourceType: "VIP"
`, want: []want{
			{rule: "service-address", line: 1, msg: "a VIP service needs at least one address"},
		}},
	})
}

// TestServiceSourceTypeFields covers the fields a source type needs,
// which validate reports as schema findings.
func TestServiceSourceTypeFields(t *testing.T) {
	t.Parallel()
	runCases(t, []tcase{
		{name: "K8S without namespace", src: `
services: "svc": sourceType: "K8S"
`, want: []want{
			{rule: "schema", line: 1, msg: `add namespace: "<namespace>"`},
		}},
		{name: "MSE_NACOS without namespace and groupName", src: `
services: "svc": sourceType: "MSE_NACOS"
`, want: []want{
			{rule: "schema", line: 1, msg: "needs namespace"},
			{rule: "schema", line: 1, msg: `add groupName: "DEFAULT_GROUP"`},
		}},
		{name: "addresses are not checked for K8S", src: `
services: "svc": {sourceType: "K8S", namespace: "default", addresses: ["not an address"]}
`},
	})
}

// TestServiceAddressSuggestion checks the host:port a message proposes for
// an address without a port is itself a valid address.
func TestServiceAddressSuggestion(t *testing.T) {
	t.Parallel()
	runCases(t, []tcase{
		{name: "IPv4 without port", src: serviceSrc("VIP", `"10.0.0.1"`), want: []want{
			{rule: "service-address", line: 3, msg: `write it as "10.0.0.1:80"`},
		}},
		// BUG: exampleAddress cuts at the first ':' and suggests "2001:80".
		{name: "IPv6 without port suggests brackets", src: serviceSrc("VIP", `"2001:db8::1"`), want: []want{
			{rule: "service-address", line: 3, msg: `write it as "[2001:db8::1]:80"`},
		}},
	})
}
