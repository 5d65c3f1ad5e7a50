package synth

import (
	"fmt"
	"strconv"
)

// sharedSource is gateway.cue: the gateway block and every resource other
// than the HTTP APIs.
func sharedSource(c Config) []byte {
	var s src
	s.header(c)
	s.printf("gateway: {\nprovider: %s\nid: %s\nregion: \"cn-hangzhou\"\n}\n\n",
		q(c.Provider), q("gw-synth-"+strconv.FormatInt(c.Seed, 10)))
	s.printf("environments: {\n")
	for e := range c.Environments {
		s.printf("%s: {}\n", label(envName(e)))
	}
	s.printf("}\n\nservices: {\n")
	for i := range c.Services {
		name := serviceName(c, i)
		s.printf("%s: {\nsourceType: \"DNS\"\naddresses: %s\n}\n",
			label(name), list([]string{name + ".backend.svc.cluster.local:80"}))
	}
	s.printf("}\n\n")
	s.domains(c)
	s.policies(c)
	return s.Bytes()
}

// domains writes the domains: every fourth is HTTPS with a certificate,
// and every other one carries a domain-level IP whitelist.
func (s *src) domains(c Config) {
	s.printf("domains: {\n")
	nIP := policyCount(c, domainIPKind)
	for d := range c.Domains {
		s.printf("%s: {\n", label(domainName(c, d)))
		if d%4 == 3 {
			s.printf("protocol: \"HTTPS\"\ncertIdentifier: %s\nforceHttps: true\n",
				q(fmt.Sprintf("%d-cn-hangzhou", 235556+d)))
		} else {
			s.printf("protocol: \"HTTP\"\n")
		}
		if nIP > 0 && d%2 == 0 {
			s.printf("policies: %s\n", list([]string{policyName(c, domainIPKind, d/2%nIP)}))
		}
		s.printf("}\n")
	}
	s.printf("}\n\n")
}

// policies writes the policies, cycling through the kinds.
func (s *src) policies(c Config) {
	s.printf("policies: {\n")
	for j := range c.Policies {
		k, n := j%numKinds, j/numKinds
		s.printf("%s: {\n", label(policyName(c, k, n)))
		switch k {
		case timeoutKind:
			s.printf("className: \"Timeout\"\n")
			s.printf("config: {unitNum: %d, timeUnit: \"s\", enable: true}\n", 1+n%30)
		case routeIPKind:
			s.ipAccessControl("route-level IP whitelist", fmt.Sprintf("10.%d.0.0/16", n%256))
		case domainIPKind:
			s.ipAccessControl("domain-level IP whitelist", "10.0.0.0/8", fmt.Sprintf("192.168.%d.0/24", n%256))
		}
		s.printf("}\n")
	}
	s.printf("}\n")
}

func (s *src) ipAccessControl(description string, cidrs ...string) {
	s.printf("className: \"IpAccessControl\"\ndescription: %s\n", q(description))
	s.printf("config: {\nipAccessControlType: \"White\"\nipAccessControlContent: %s\n", list(cidrs))
	s.printf("enable: true\nprotocolLayer: \"L7\"\n}\n")
}
