package conflicts

import "strings"

// allMethods is what an empty methods list means, in the order findings
// name them.
var allMethods = []string{"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT"}

// methodSet is a set of HTTP methods, one bit per entry of allMethods.
type methodSet uint16

// methodsOf returns the set a methods list takes (none = every method).
func methodsOf(ms []string) methodSet {
	if len(ms) == 0 {
		return 1<<len(allMethods) - 1
	}
	var s methodSet
	for _, m := range ms {
		for i, a := range allMethods {
			if strings.EqualFold(m, a) {
				s |= 1 << i
			}
		}
	}
	return s
}

func (s methodSet) has(i int) bool { return s&(1<<i) != 0 }

// first returns the first method in the set, in allMethods order.
func (s methodSet) first() string {
	for i, m := range allMethods {
		if s.has(i) {
			return m
		}
	}
	return ""
}

// String lists the methods, e.g. "GET, POST".
func (s methodSet) String() string {
	if s == methodsOf(nil) {
		return "every method"
	}
	var out []string
	for i, m := range allMethods {
		if s.has(i) {
			out = append(out, m)
		}
	}
	return strings.Join(out, ", ")
}
