package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"net/netip"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
	"cuelang.org/go/cue/load"
)

// closedClasses are the classNames whose config fields are documented
// (Timeout by the SDK's example, IpAccessControl by the orchestration
// guide); only their schemas are closed.
var closedClasses = []string{"IpAccessControl", "Timeout"}

// policyDefs compiles policies.cue on its own.
func policyDefs(t *testing.T) (*cue.Context, cue.Value) {
	t.Helper()
	ctx := cuecontext.New(cuecontext.EvaluatorVersion(cuecontext.EvalV3))
	v := ctx.CompileBytes(PoliciesCUE, cue.Filename("policies.cue"))
	if err := v.Err(); err != nil {
		t.Fatalf("policies.cue: %v", err)
	}
	return ctx, v
}

func configDef(v cue.Value, class string) cue.Value {
	return v.LookupPath(cue.MakePath(cue.Def("#" + class + "Config")))
}

// rawSchema reads a className's JSON Schema as a JSON tree.
func rawSchema(t *testing.T, class string) map[string]any {
	t.Helper()
	b, err := PolicyConfigFile(class)
	if err != nil {
		t.Fatalf("%s: %v", class, err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%s.json: %v", class, err)
	}
	return doc
}

func TestEveryClassHasSchemaAndDefinition(t *testing.T) {
	_, defs := policyDefs(t)
	for _, class := range ClassNames() {
		s, ok, err := PolicyConfig(class)
		if err != nil {
			t.Fatalf("policy schemas do not compile: %v", err)
		}
		if !ok || s == nil {
			t.Errorf("%s: no policies/%s.json", class, class)
		}
		if d := configDef(defs, class); !d.Exists() {
			t.Errorf("%s: policies.cue has no #%sConfig", class, class)
		}
	}
	if got, want := PolicyClassesWithSchema(), ClassNames(); !slices.Equal(got, want) {
		t.Errorf("policies/*.json are for %v, want exactly the classNames %v", got, want)
	}
}

// TestPolicyConfigsTable checks #PolicyConfigs maps exactly the classNames,
// each to its #<ClassName>Config.
func TestPolicyConfigsTable(t *testing.T) {
	_, defs := policyDefs(t)
	table := defs.LookupPath(cue.ParsePath("#PolicyConfigs"))
	it, err := table.Fields(cue.Optional(true))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for it.Next() {
		class := it.Selector().Unquoted()
		got = append(got, class)
		if it.IsOptional() {
			t.Errorf("#PolicyConfigs.%s is optional", class)
		}
		if _, ref := it.Value().ReferencePath(); ref.String() != "#"+class+"Config" {
			t.Errorf("#PolicyConfigs.%s is %q, want #%sConfig", class, ref, class)
		}
	}
	sort.Strings(got)
	if want := ClassNames(); !slices.Equal(got, want) {
		t.Errorf("#PolicyConfigs has %v, want %v", got, want)
	}
}

// TestPolicySchemaFiles checks the shape every policies/<ClassName>.json
// shares: draft 2020-12, a title and description, enable required, and
// closed only where the fields are documented.
func TestPolicySchemaFiles(t *testing.T) {
	for _, class := range ClassNames() {
		doc := rawSchema(t, class)
		if doc["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
			t.Errorf("%s: $schema is %v, want draft 2020-12", class, doc["$schema"])
		}
		for _, k := range []string{"title", "description"} {
			if s, _ := doc[k].(string); s == "" {
				t.Errorf("%s: no %s", class, k)
			}
		}
		if !slices.Contains(stringsOf(doc["required"]), "enable") {
			t.Errorf("%s: enable is not required", class)
		}
		closed := slices.Contains(closedClasses, class)
		if ap, ok := doc["additionalProperties"].(bool); !ok || ap == closed {
			t.Errorf("%s: additionalProperties is %v, want %v", class, doc["additionalProperties"], !closed)
		}
		desc, _ := doc["description"].(string)
		if !closed && !strings.Contains(desc, "unverified") {
			t.Errorf("%s: the description of an open schema must say its field names are unverified", class)
		}
	}
}

// TestPolicyCUEMatchesJSONSchema holds each #<ClassName>Config to its JSON
// Schema: the same fields, the same required fields and the same
// openness at every object level, and the same enum members.
func TestPolicyCUEMatchesJSONSchema(t *testing.T) {
	ctx, defs := policyDefs(t)
	for _, class := range ClassNames() {
		doc := rawSchema(t, class)
		def := configDef(defs, class)
		if !def.Exists() {
			continue // reported by TestEveryClassHasSchemaAndDefinition
		}
		compareNode(t, ctx, class, doc, doc, def)
	}
}

func compareNode(t *testing.T, ctx *cue.Context, where string, root, node map[string]any, v cue.Value) {
	t.Helper()
	node = flattenAnyOf(t, where, resolveRef(t, root, node))
	accepts := func(lit string) bool {
		return v.Unify(ctx.CompileString(lit)).Validate(cue.Concrete(true)) == nil
	}
	if enum, ok := node["enum"].([]any); ok {
		var want []string
		for _, e := range enum {
			b, _ := json.Marshal(e)
			want = append(want, string(b))
		}
		if got := disjuncts(v); !slices.Equal(sorted(got), sorted(want)) {
			t.Errorf("%s: CUE allows %v, JSON Schema enum %v", where, got, want)
		}
	}
	types := stringsOf(node["type"])
	if tp, ok := node["type"].(string); ok {
		types = []string{tp}
	}
	if len(types) > 0 {
		for _, probe := range []struct{ typ, lit string }{
			{"boolean", "true"}, {"string", `"gwsync-probe"`}, {"integer", "7"}, {"number", "7.5"},
			{"array", `["gwsync-probe"]`}, {"object", `{"gwsync":1}`},
		} {
			allowed := slices.Contains(types, probe.typ) || probe.typ == "integer" && slices.Contains(types, "number")
			if !allowed && accepts(probe.lit) {
				t.Errorf("%s: CUE accepts %s, JSON Schema type %v does not", where, probe.lit, types)
			}
		}
	}
	step := 0.001
	if slices.Contains(types, "integer") {
		step = 1
	}
	num := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	if m, ok := node["minimum"].(float64); ok {
		if !accepts(num(m)) || accepts(num(m-step)) {
			t.Errorf("%s: CUE lower bound is not JSON Schema minimum %v", where, m)
		}
	}
	if m, ok := node["maximum"].(float64); ok {
		if !accepts(num(m)) || accepts(num(m+step)) {
			t.Errorf("%s: CUE upper bound is not JSON Schema maximum %v", where, m)
		}
	}
	if n, ok := node["minLength"].(float64); ok && n > 0 && accepts(strconv.Quote(strings.Repeat("a", int(n)-1))) {
		t.Errorf("%s: CUE accepts a string shorter than minLength %v", where, n)
	}
	if n, ok := node["minItems"].(float64); ok && n == 1 && accepts("[]") {
		t.Errorf("%s: CUE accepts an empty list, JSON Schema minItems is 1", where)
	}
	if items, ok := node["items"].(map[string]any); ok {
		if elem := listElem(v); elem.Exists() {
			compareNode(t, ctx, where+"[]", root, items, elem)
		} else {
			t.Errorf("%s: JSON Schema has items, CUE has no list", where)
		}
	}
	props, ok := node["properties"].(map[string]any)
	if !ok {
		return
	}
	fields := map[string]cue.Value{}
	var names, required []string
	it, err := v.Fields(cue.Optional(true))
	if err != nil {
		t.Errorf("%s: %v", where, err)
		return
	}
	for it.Next() {
		name := it.Selector().Unquoted()
		names = append(names, name)
		fields[name] = it.Value()
		if !it.IsOptional() {
			required = append(required, name)
		}
	}
	if got, want := sorted(names), sorted(keys(props)); !slices.Equal(got, want) {
		t.Errorf("%s: CUE fields %v, JSON Schema properties %v", where, got, want)
	}
	if got, want := sorted(required), sorted(stringsOf(node["required"])); !slices.Equal(got, want) {
		t.Errorf("%s: CUE required fields %v, JSON Schema required %v", where, got, want)
	}
	jsonOpen := node["additionalProperties"] != false
	if cueOpen := v.Allows(cue.Str("gwsyncUnknownField")); cueOpen != jsonOpen {
		t.Errorf("%s: CUE open=%v, JSON Schema open=%v", where, cueOpen, jsonOpen)
	}
	for name, p := range props {
		if f, ok := fields[name]; ok {
			compareNode(t, ctx, where+"."+name, root, p.(map[string]any), f)
		}
	}
}

// disjuncts lists, as JSON, the concrete values a CUE enum (a disjunction
// of literals, or a single literal) allows.
func disjuncts(v cue.Value) []string {
	op, args := v.Expr()
	if op != cue.OrOp {
		// A reference (#CorsMethod) shows its disjunction once evaluated.
		d, _ := v.Default()
		op, args = d.Expr()
	}
	if op != cue.OrOp {
		args = []cue.Value{v}
	}
	var out []string
	for _, a := range args {
		b, err := a.MarshalJSON()
		if err != nil {
			return append(out, "non-literal: "+fmt.Sprint(a))
		}
		out = append(out, string(b))
	}
	return out
}

// listElem returns the element of a list value, or of the list arm of a
// disjunction.
func listElem(v cue.Value) cue.Value {
	if op, args := v.Expr(); op == cue.OrOp {
		for _, a := range args {
			if a.IncompleteKind() == cue.ListKind {
				v = a
				break
			}
		}
	}
	return v.LookupPath(cue.MakePath(cue.AnyIndex))
}

// flattenAnyOf merges the branches of "a list or a string" (an anyOf whose
// branches each have one type of their own) into one node with the union
// of their types and each branch's keywords, which apply only to values of
// its type; a keyword two branches both have is an error.
func flattenAnyOf(t *testing.T, where string, node map[string]any) map[string]any {
	t.Helper()
	branches, ok := node["anyOf"].([]any)
	if !ok {
		return node
	}
	out := map[string]any{}
	var types []any
	for k, v := range node {
		if k != "anyOf" {
			out[k] = v
		}
	}
	for _, b := range branches {
		m, _ := b.(map[string]any)
		tp, ok := m["type"].(string)
		if !ok {
			t.Fatalf("%s: an anyOf branch without one type: %v", where, b)
		}
		types = append(types, tp)
		for k, v := range m {
			if _, dup := out[k]; dup && k != "type" {
				t.Fatalf("%s: anyOf branches share keyword %s", where, k)
			}
			out[k] = v
		}
	}
	out["type"] = types
	return out
}

func resolveRef(t *testing.T, root, node map[string]any) map[string]any {
	t.Helper()
	ref, ok := node["$ref"].(string)
	if !ok {
		return node
	}
	var cur any = root
	for _, tok := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		m, _ := cur.(map[string]any)
		cur = m[tok]
	}
	m, ok := cur.(map[string]any)
	if !ok {
		t.Fatalf("cannot resolve $ref %s", ref)
	}
	return m
}

// TestPoliciesCUEInPackage loads the schema directory as the CUE package
// users import, so policies.cue must sit beside gateway.cue, and writes a
// desired state the way the definitions are meant to be used.
func TestPoliciesCUEInPackage(t *testing.T) {
	insts := load.Instances([]string{"."}, &load.Config{Dir: "."})
	if err := insts[0].Err; err != nil {
		t.Fatal(err)
	}
	ctx := cuecontext.New(cuecontext.EvaluatorVersion(cuecontext.EvalV3))
	pkg := ctx.BuildInstance(insts[0])
	if err := pkg.Err(); err != nil {
		t.Fatal(err)
	}
	for _, src := range []struct {
		cue   string
		valid bool
	}{
		{`#Desired & {gateway: provider: "aliyun", policies: t: {className: "Timeout", config: #TimeoutConfig & {unitNum: 3, timeUnit: "s", enable: true}}}`, true},
		{`#Desired & {gateway: provider: "aliyun", policies: w: {className: "IpAccessControl", config: #PolicyConfigs.IpAccessControl & {ipAccessControlType: "White", ipAccessControlContent: ["10.0.0.0/8"], enable: true}}}`, true},
		{`#Desired & {gateway: provider: "aliyun", policies: t: {className: "Timeout", config: #TimeoutConfig & {unitNum: 3, timeUnit: "s", enable: true, extra: 1}}}`, false},
	} {
		v := ctx.CompileString(src.cue, cue.Scope(pkg))
		if err := v.Validate(cue.Concrete(true)); (err == nil) != src.valid {
			t.Errorf("%s: valid=%v, want %v (%v)", src.cue, err == nil, src.valid, err)
		}
	}
}

type configCase struct {
	name  string
	json  string
	valid bool
}

// checkCase validates a config against both the JSON Schema and the CUE
// definition; both must give the wanted verdict.
func checkCase(t *testing.T, ctx *cue.Context, defs cue.Value, class string, c configCase) {
	t.Helper()
	s, ok, err := PolicyConfig(class)
	if err != nil || !ok {
		t.Fatalf("%s: no schema (%v)", class, err)
	}
	dec := json.NewDecoder(strings.NewReader(c.json))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("%s/%s: bad test JSON: %v", class, c.name, err)
	}
	if err := s.Validate(doc); (err == nil) != c.valid {
		t.Errorf("%s/%s: JSON Schema valid=%v, want %v: %s\n%v", class, c.name, err == nil, c.valid, c.json, err)
	}
	cerr := configDef(defs, class).Unify(ctx.CompileString(c.json)).Validate(cue.Concrete(true))
	if (cerr == nil) != c.valid {
		t.Errorf("%s/%s: CUE valid=%v, want %v: %s\n%v", class, c.name, cerr == nil, c.valid, c.json, cerr)
	}
}

func TestTimeoutConfigs(t *testing.T) {
	ctx, defs := policyDefs(t)
	for _, c := range []configCase{
		{"api example", `{"unitNum":1,"timeUnit":"s","enable":true}`, true},
		{"ms disabled", `{"unitNum":500,"timeUnit":"ms","enable":false}`, true},
		{"hours", `{"unitNum":2,"timeUnit":"h","enable":true}`, true},
		{"unknown field", `{"unitNum":1,"timeUnit":"s","enable":true,"retries":2}`, false},
		{"unitNum as string", `{"unitNum":"1","timeUnit":"s","enable":true}`, false},
		{"enable as string", `{"unitNum":1,"timeUnit":"s","enable":"true"}`, false},
		{"missing enable", `{"unitNum":1,"timeUnit":"s"}`, false},
		{"missing unitNum", `{"timeUnit":"s","enable":true}`, false},
		{"zero", `{"unitNum":0,"timeUnit":"s","enable":true}`, false},
		{"fraction", `{"unitNum":1.5,"timeUnit":"s","enable":true}`, false},
		{"unknown unit", `{"unitNum":1,"timeUnit":"d","enable":true}`, false},
		{"not an object", `[1]`, false},
	} {
		checkCase(t, ctx, defs, "Timeout", c)
	}
}

func TestIpAccessControlConfigs(t *testing.T) {
	ctx, defs := policyDefs(t)
	for _, c := range []configCase{
		{"guide example, structured", `{"ipAccessControlType":"White","ipAccessControlContent":["10.0.0.0/8","192.168.0.0/16"],"enable":true,"protocolLayer":"L7"}`, true},
		{"comma-joined string", `{"ipAccessControlType":"White","ipAccessControlContent":"10.0.0.0/8,192.168.0.0/16","enable":true}`, true},
		{"ipv6 cidr", `{"ipAccessControlType":"Black","ipAccessControlContent":["2001:db8::/32"],"enable":true,"protocolLayer":"L4"}`, true},
		{"ipv6 in string", `{"ipAccessControlType":"Black","ipAccessControlContent":"10.0.0.0/8,2001:db8::1,::ffff:10.0.0.1/128","enable":true}`, true},
		{"single address", `{"ipAccessControlType":"Black","ipAccessControlContent":["192.168.1.7"],"enable":false}`, true},
		{"attachment fields written", `{"name":"w","ipAccessControlResourceName":"a.example.com,b.example.com","ipAccessControlResourceType":"Domain","ipAccessControlType":"White","ipAccessControlContent":"10.10.0.0/16","enable":true,"protocolLayer":"L7"}`, true},
		{"octet over 255 in list", `{"ipAccessControlType":"White","ipAccessControlContent":["10.0.0.0/8","10.0.0.300/8"],"enable":true}`, false},
		{"prefix over 32 in list", `{"ipAccessControlType":"White","ipAccessControlContent":["10.0.0.0/33"],"enable":true}`, false},
		{"octet over 255 in string", `{"ipAccessControlType":"White","ipAccessControlContent":"10.0.0.0/8,10.0.0.300/8","enable":true}`, false},
		{"prefix over 32 in string", `{"ipAccessControlType":"White","ipAccessControlContent":"10.0.0.0/33","enable":true}`, false},
		{"ipv6 prefix over 128", `{"ipAccessControlType":"White","ipAccessControlContent":["2001:db8::/129"],"enable":true}`, false},
		{"ipv6 zone", `{"ipAccessControlType":"White","ipAccessControlContent":["fe80::1%eth0"],"enable":true}`, false},
		{"hostname", `{"ipAccessControlType":"White","ipAccessControlContent":["example.com"],"enable":true}`, false},
		{"space after comma", `{"ipAccessControlType":"White","ipAccessControlContent":"10.0.0.0/8, 192.168.0.0/16","enable":true}`, false},
		{"trailing comma", `{"ipAccessControlType":"White","ipAccessControlContent":"10.0.0.0/8,","enable":true}`, false},
		{"empty list", `{"ipAccessControlType":"White","ipAccessControlContent":[],"enable":true}`, false},
		{"empty string", `{"ipAccessControlType":"White","ipAccessControlContent":"","enable":true}`, false},
		{"content as number", `{"ipAccessControlType":"White","ipAccessControlContent":10,"enable":true}`, false},
		{"unknown field", `{"ipAccessControlType":"White","ipAccessControlContent":["10.0.0.0/8"],"enable":true,"ipAccessControlProtocolLayer":"L7"}`, false},
		{"lower-case type", `{"ipAccessControlType":"white","ipAccessControlContent":["10.0.0.0/8"],"enable":true}`, false},
		{"missing type", `{"ipAccessControlContent":["10.0.0.0/8"],"enable":true}`, false},
		{"missing content", `{"ipAccessControlType":"White","enable":true}`, false},
		{"missing enable", `{"ipAccessControlType":"White","ipAccessControlContent":["10.0.0.0/8"]}`, false},
		{"enable as string", `{"ipAccessControlType":"White","ipAccessControlContent":["10.0.0.0/8"],"enable":"true"}`, false},
		{"unknown layer", `{"ipAccessControlType":"White","ipAccessControlContent":["10.0.0.0/8"],"enable":true,"protocolLayer":"L3"}`, false},
		{"resource type it cannot attach to", `{"ipAccessControlType":"White","ipAccessControlContent":["10.0.0.0/8"],"enable":true,"ipAccessControlResourceType":"GatewayService"}`, false},
		{"empty name", `{"name":"","ipAccessControlType":"White","ipAccessControlContent":["10.0.0.0/8"],"enable":true}`, false},
	} {
		checkCase(t, ctx, defs, "IpAccessControl", c)
	}
}

// TestGuideIpAccessControlExamples checks the orchestration guide's
// IpAccessControl configs: the domain example as gwsync users write it,
// and both examples' config strings exactly as the guide sends them.
func TestGuideIpAccessControlExamples(t *testing.T) {
	ctx, defs := policyDefs(t)
	for _, c := range []configCase{
		{"domain example, structured", `{"ipAccessControlType":"White","ipAccessControlContent":["10.0.0.0/8","192.168.0.0/16"],"enable":true,"protocolLayer":"L7"}`, true},
		{"domain example, as sent", `{"name":"domain-ip-whitelist","ipAccessControlResourceName":"api.example.com","ipAccessControlResourceType":"Domain","ipAccessControlType":"White","ipAccessControlContent":"10.0.0.0/8,192.168.0.0/16","enable":true,"protocolLayer":"L7"}`, true},
		{"route example, as sent", `{"name":"route-ip-whitelist","ipAccessControlResourceName":"orders-route","ipAccessControlResourceType":"GatewayRoute","ipAccessControlType":"White","ipAccessControlContent":"10.10.0.0/16","enable":true,"protocolLayer":"L7"}`, true},
	} {
		checkCase(t, ctx, defs, "IpAccessControl", c)
	}
}

// TestIpAccessControlResourceTypes holds ipAccessControlResourceType to
// where classes.go lets IpAccessControl be attached.
func TestIpAccessControlResourceTypes(t *testing.T) {
	doc := rawSchema(t, "IpAccessControl")
	prop := doc["properties"].(map[string]any)["ipAccessControlResourceType"].(map[string]any)
	c, _ := LookupClass("IpAccessControl")
	if got, want := sorted(stringsOf(prop["enum"])), sorted(c.AttachTo); !slices.Equal(got, want) {
		t.Errorf("ipAccessControlResourceType enum %v, want IpAccessControl's attach types %v", got, want)
	}
}

// isIPOrCIDR accepts an IPv4 or IPv6 address or CIDR block (10.0.0.0/8,
// 192.168.1.7, 2001:db8::/32), as net/netip reads them: what the schema's
// address patterns must accept.
func isIPOrCIDR(s string) bool {
	if a, err := netip.ParseAddr(s); err == nil {
		return a.Zone() == ""
	}
	_, err := netip.ParsePrefix(s)
	return err == nil
}

// TestIPListPattern holds the patterns of ipAccessControlContent (a list
// of addresses, or them comma-joined) to net/netip's reading of each
// address, and the CUE definition to the same regular expression. The
// schema says it with patterns, not a format of its own, so that every
// JSON Schema validator checks it (ajv refuses an unknown format in strict
// mode, others ignore it).
func TestIPListPattern(t *testing.T) {
	doc := rawSchema(t, "IpAccessControl")
	branches := doc["properties"].(map[string]any)["ipAccessControlContent"].(map[string]any)["anyOf"].([]any)
	list, joined := branches[0].(map[string]any), branches[1].(map[string]any)
	if list["type"] != "array" || joined["type"] != "string" {
		t.Fatalf("ipAccessControlContent is not a list or a string: %v", branches)
	}
	item := list["items"].(map[string]any)
	if item["format"] != nil {
		t.Errorf("an address has format %v; gwsync's schemas use no format of their own", item["format"])
	}
	pattern := joined["pattern"].(string)
	elem, ok := strings.CutPrefix(pattern, "^")
	if ok {
		var rest string
		elem, rest, ok = strings.Cut(elem, "(?:,")
		ok = ok && rest == elem+")*$"
	}
	if !ok {
		t.Fatalf("pattern is not ^E(?:,E)*$")
	}
	if !bytes.Contains(PoliciesCUE, []byte(`#"`+elem+`"#`)) {
		t.Errorf("policies.cue does not use the JSON Schema's address expression")
	}
	if item["pattern"] != "^"+elem+"$" {
		t.Errorf("a listed address's pattern is not ^E$ with the comma-joined pattern's E")
	}
	re := regexp.MustCompile(pattern)
	want := func(s string) bool {
		for _, p := range strings.Split(s, ",") {
			if !isIPOrCIDR(p) {
				return false
			}
		}
		return true
	}
	check := func(s string) {
		if re.MatchString(s) != want(s) {
			t.Errorf("%q: pattern says %v, net/netip says %v", s, re.MatchString(s), want(s))
		}
	}
	for _, s := range []string{
		"0.0.0.0/0", "255.255.255.255", "01.2.3.4", "1.2.3.4/08", "::", "::/0", "1::", "1:2:3:4:5:6:7:8",
		"1:2:3:4:5:6:7:8:9", "1::2::3", "::ffff:1.2.3.4", "1:2:3:4:5:6:1.2.3.4", "ABCD::ef/64", "fe80::1%eth0",
	} {
		check(s)
	}
	r := rand.New(rand.NewSource(1))
	const alphabet = "0123456789abcdef:./,"
	for range 50000 {
		b := make([]byte, 1+r.Intn(24))
		for i := range b {
			b[i] = alphabet[r.Intn(len(alphabet))]
		}
		check(string(b))
	}
	for range 20000 {
		var a netip.Addr
		if r.Intn(2) == 0 {
			var b [4]byte
			r.Read(b[:])
			a = netip.AddrFrom4(b)
		} else {
			var b [16]byte
			for i := range b {
				if r.Intn(3) > 0 {
					b[i] = byte(r.Intn(256))
				}
			}
			a = netip.AddrFrom16(b)
		}
		s := a.String()
		if r.Intn(2) == 0 {
			s += fmt.Sprintf("/%d", r.Intn(140))
		}
		check(s)
	}
}

// TestOpenPolicyConfigs gives each class with unverified field names a few
// configs: enable alone, the guessed fields, an unknown field (accepted:
// the schemas are open), and wrong ones.
func TestOpenPolicyConfigs(t *testing.T) {
	ctx, defs := policyDefs(t)
	cases := map[string]struct{ valid, invalid []string }{
		"RateLimit":        {[]string{`{"enable":true,"limit":100,"timeUnit":"s"}`}, []string{`{"enable":true,"limit":0}`, `{"enable":true,"timeUnit":"week"}`}},
		"ConcurrencyLimit": {[]string{`{"enable":true,"maxConcurrency":50}`}, []string{`{"enable":true,"maxConcurrency":-1}`}},
		"CircuitBreaker":   {[]string{`{"enable":true,"strategy":"ErrorRatio","threshold":0.5,"minRequestAmount":10,"statIntervalMs":1000,"recoveryTimeoutSec":10}`}, []string{`{"enable":true,"threshold":1.5}`, `{"enable":true,"strategy":"errors"}`}},
		"HttpRewrite":      {[]string{`{"enable":true,"pathType":"Prefix","path":"/v2","host":"new.example.com"}`, `{"enable":true,"pathType":"Regex","pattern":"^/v1/(.*)","substitution":""}`}, []string{`{"enable":true,"path":"v2"}`, `{"enable":true,"pathType":"PRE"}`}},
		"HeaderModify":     {[]string{`{"enable":true,"request":{"add":[{"key":"x-a","value":"1"}],"set":[{"key":"x-b","value":""}],"remove":["x-c"]},"response":{"remove":["server"]}}`}, []string{`{"enable":true,"request":{"add":[{"key":"x-a"}]}}`, `{"enable":true,"response":{"remove":"server"}}`}},
		"Cors":             {[]string{`{"enable":true,"allowOrigins":["https://a.example.com"],"allowMethods":["GET","POST"],"allowHeaders":["*"],"exposeHeaders":["x-id"],"allowCredentials":true,"maxAge":600}`, `{"enable":true,"allowOrigins":"*","allowMethods":"GET,POST,OPTIONS"}`}, []string{`{"enable":true,"allowMethods":["FETCH"]}`, `{"enable":true,"allowMethods":"GET,FETCH"}`, `{"enable":true,"maxAge":-1}`, `{"enable":true,"allowOrigins":[]}`}},
		"FlowCopy":         {[]string{`{"enable":true,"serviceId":"gs-abc","port":8080,"percentage":10}`}, []string{`{"enable":true,"percentage":101}`, `{"enable":true,"port":70000}`}},
		"Retry":            {[]string{`{"enable":true,"attempts":3,"retryOn":["5xx","retriable-status-codes"],"httpCodes":[503,"504"]}`, `{"enable":true,"attempts":10,"retryOn":"reset,connect-failure"}`}, []string{`{"enable":true,"attempts":11}`, `{"enable":true,"attempts":0}`, `{"enable":true,"retryOn":["4xx"]}`, `{"enable":true,"retryOn":"5xx,gateway-error"}`, `{"enable":true,"httpCodes":[99]}`, `{"enable":true,"httpCodes":["5xx"]}`}},
		"DirectResponse":   {[]string{`{"enable":true,"code":200,"body":"{\"ok\":true}"}`}, []string{`{"enable":true,"code":600}`}},
		"Redirect":         {[]string{`{"enable":true,"code":301,"host":"www.example.com","path":"/new"}`}, []string{`{"enable":true,"code":200}`, `{"enable":true,"path":"new"}`}},
		"Fallback":         {[]string{`{"enable":true,"serviceId":"gs-fallback","port":80}`}, []string{`{"enable":true,"port":0}`}},
		"ServiceTls":       {[]string{`{"enable":true,"mode":"MUTUAL","certId":"1234-cn-hangzhou","sni":"backend.example.com","subjectAltNames":["backend.example.com"]}`}, []string{`{"enable":true,"mode":"mutual"}`}},
		"ServiceLb":        {[]string{`{"enable":true,"loadBalancerType":"CONSISTENT_HASH","consistentHashLBConfig":{"consistentHashLBType":"HEADER","parameterName":"x-user"},"warmupDuration":30}`}, []string{`{"enable":true,"loadBalancerType":"WEIGHTED"}`, `{"enable":true,"consistentHashLBConfig":{"consistentHashLBType":"IP"}}`}},
		"ServicePortTls":   {[]string{`{"enable":true,"mode":"SIMPLE","caCertId":"5678-cn-hangzhou"}`}, []string{`{"enable":true,"sni":""}`}},
		"Waf":              {[]string{`{"enable":false}`}, []string{`{"enable":1}`}},
		"JWTAuth":          {[]string{`{"enable":true,"jwks":"{\"keys\":[]}","issuer":"https://issuer.example.com","audiences":["orders"]}`}, []string{`{"enable":true,"jwks":""}`, `{"enable":true,"audiences":"orders"}`}},
		"OIDCAuth":         {[]string{`{"enable":true,"issuer":"https://login.example.com","clientId":"gwsync","clientSecret":"s3cret","redirectUrl":"https://api.example.com/oauth2/callback","scopes":["openid"]}`}, []string{`{"enable":true,"issuer":"login.example.com"}`}},
		"ExternalZAuth":    {[]string{`{"enable":true,"serviceId":"gs-authz","port":9000,"path":"/check","timeoutMs":500}`}, []string{`{"enable":true,"timeoutMs":0}`, `{"enable":true,"path":"check"}`}},
	}
	for _, class := range ClassNames() {
		if slices.Contains(closedClasses, class) {
			continue
		}
		cs, ok := cases[class]
		if !ok {
			t.Errorf("%s: no test configs", class)
			continue
		}
		for i, j := range append([]string{`{"enable":true}`, `{"enable":false,"someFieldGwsyncDoesNotKnow":{"a":1}}`}, cs.valid...) {
			checkCase(t, ctx, defs, class, configCase{fmt.Sprint("valid ", i), j, true})
		}
		for i, j := range append([]string{`{"enable":"true"}`, `{}`, `{"limit":1}`}, cs.invalid...) {
			checkCase(t, ctx, defs, class, configCase{fmt.Sprint("invalid ", i), j, false})
		}
	}
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func stringsOf(v any) []string {
	l, _ := v.([]any)
	out := make([]string, 0, len(l))
	for _, e := range l {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
