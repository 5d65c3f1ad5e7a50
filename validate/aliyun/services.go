package aliyun

import (
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"

	"github.com/gwsync/gwsync/diag"
	alidiag "github.com/gwsync/gwsync/diag/aliyun"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
)

// checkServices checks service addresses (DNS and VIP services take
// host:port with a port of 1-65535) and the fields a source type needs.
func checkServices(d *model.Desired, out *[]diag.Finding) {
	for _, s := range alimodel.Of(d).Services {
		res := alimodel.ServicePath(s.Name)
		switch s.SourceType {
		case "DNS", "VIP":
			if len(s.Addresses) == 0 {
				msg := fmt.Sprintf("a %s service needs at least one address; add addresses: [\"host:port\"]", s.SourceType)
				*out = append(*out, diag.Errorf(alidiag.RuleServiceAddress, res, s.Pos, msg))
			}
			for _, a := range s.Addresses {
				if msg := addressProblem(s.SourceType, a.Name); msg != "" {
					*out = append(*out, diag.Errorf(alidiag.RuleServiceAddress, res, a.Pos, msg))
				}
			}
		case "K8S", "MSE_NACOS":
			if s.Namespace == "" {
				*out = append(*out, diag.Errorf(diag.RuleSchema, res, s.Pos, fmt.Sprintf("a %s service needs namespace; add namespace: \"<namespace>\"", s.SourceType)))
			}
		}
		if s.SourceType == "MSE_NACOS" && s.GroupName == "" {
			*out = append(*out, diag.Errorf(diag.RuleSchema, res, s.Pos, "an MSE_NACOS service needs groupName; add groupName: \"DEFAULT_GROUP\" or your Nacos group"))
		}
	}
}

// addressProblem says what is wrong with one address of a DNS or VIP
// service, or "".
func addressProblem(sourceType, addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Sprintf("address %q is not host:port; write it as %q", addr, exampleAddress(addr))
	}
	if n, err := strconv.ParseUint(port, 10, 16); err != nil || n < 1 {
		return fmt.Sprintf("address %q has port %q; use a port from 1 to 65535", addr, port)
	}
	ip, ipErr := netip.ParseAddr(host)
	switch {
	case sourceType == "VIP" && ipErr != nil:
		return fmt.Sprintf("address %q: a VIP service takes IP:port, and %q is not an IP address; use sourceType \"DNS\" for host names", addr, host)
	case ipErr == nil && ip.Zone() != "":
		return fmt.Sprintf("address %q: drop the zone %q from the IP address", addr, ip.Zone())
	case ipErr != nil && !isDNSName(host):
		return fmt.Sprintf("address %q: %q is not a valid DNS name (letters, digits and \"-\" in dot-separated labels of at most 63 characters)", addr, host)
	}
	return ""
}

// exampleAddress suggests a host:port form for a bad address.
func exampleAddress(addr string) string {
	host := strings.TrimSpace(addr)
	if ip, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil {
		return net.JoinHostPort(ip.WithZone("").String(), "80")
	}
	if h, _, ok := strings.Cut(host, ":"); ok && h != "" {
		host = h
	}
	if host == "" {
		host = "backend.example.internal"
	}
	return host + ":80"
}

// isDNSName reports whether s is a valid DNS host name (RFC 1123).
func isDNSName(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if s == "" || len(s) > 253 {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if !isDNSLabel(label) {
			return false
		}
	}
	return true
}

func isDNSLabel(l string) bool {
	if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for _, c := range l {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
