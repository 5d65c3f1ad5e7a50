package report

import (
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	"github.com/gwsync/gwsync/sync"
)

const gatewayName = "aliyun gateway gw-orders-prod (cn-hangzhou)"

// routeDoc is a small route of HTTP API orders-http-api.
func routeDoc(desc string) *sync.RouteDoc {
	return &sync.RouteDoc{
		API: "orders-http-api", Description: desc, Environment: "prod", Domains: []string{"api.example.com"},
		Match:   sync.MatchDoc{Path: sync.PathDoc{Type: "Prefix", Value: "/orders"}, Methods: []string{"GET", "POST"}},
		Backend: sync.BackendDoc{Scene: "SingleService", Services: []sync.BackendServiceDoc{{Service: "orders", Protocol: "HTTP", Port: 8080}}},
	}
}

func createRoute() *sync.Change {
	return &sync.Change{Action: sync.Create, Kind: sync.KindRoute, Name: "orders-route", API: "orders-http-api",
		Resource: "httpApis.orders-http-api.routes.orders-route", Step: 8, After: routeDoc("orders"),
		Pos: model.Pos{File: "examples/orders/gateway.cue", Line: 70, Column: 4}}
}

func deployRoute() *sync.Change {
	return &sync.Change{Action: sync.Deploy, Kind: sync.KindRoute, Name: "orders-route", API: "orders-http-api",
		Resource: "httpApis.orders-http-api.routes.orders-route", Step: 10, After: &sync.DeployDoc{Environment: "prod"},
		Reason: "a new route is deployed once created", Pos: model.Pos{File: "examples/orders/gateway.cue", Line: 70, Column: 4}}
}

// updatePolicy changes a policy's unitNum and its secret key.
func updatePolicy() *sync.Change {
	return &sync.Change{Action: sync.Update, Kind: sync.KindPolicy, Name: "orders-timeout", Resource: "policies.orders-timeout",
		ID: "p-123", Step: 6,
		Before: &sync.PolicyDoc{ClassName: "Timeout", Config: map[string]any{"unitNum": 3, "secretKey": "0ld-s3cr3t"}},
		After:  &sync.PolicyDoc{ClassName: "Timeout", Config: map[string]any{"unitNum": 5, "secretKey": "n3w-s3cr3t"}},
		Fields: []sync.FieldChange{
			{Path: "/config/secretKey", Before: "0ld-s3cr3t", After: "n3w-s3cr3t", Sensitive: true},
			{Path: "/config/unitNum", Before: 3, After: 5},
		},
		Pos: model.Pos{File: "examples/orders/gateway.cue", Line: 12, Column: 2}}
}

// samplePlan creates a route, deploys it and updates a policy, in apply
// order.
func samplePlan() *sync.Plan {
	return &sync.Plan{Changes: []*sync.Change{updatePolicy(), createRoute(), deployRoute()}, Notes: []sync.Note{}}
}

func renderPlan(t *testing.T, w PlanWriter, v PlanView) string {
	t.Helper()
	var b bytes.Buffer
	if err := w(&b, v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func deleteRoute() *sync.Change {
	return &sync.Change{Action: sync.Delete, Kind: sync.KindRoute, Name: "old-route", API: "orders-http-api",
		Resource: "httpApis.orders-http-api.routes.old-route", ID: "hr-1", Step: 3, Before: routeDoc("old"),
		Reason: "it carries this desired state's marker and --prune is set"}
}

func attachChange(action sync.Action, env string) *sync.Change {
	doc := &sync.AttachmentDoc{Policy: "ip-whitelist", ResourceType: "HttpApiRoute", Resource: "httpApis.a.routes.r",
		ResourceName: "r", Environment: env}
	c := &sync.Change{Action: action, Kind: sync.KindAttachment, Name: "ip-whitelist",
		Resource: alimodel.AttachmentKey("ip-whitelist", "httpApis.a.routes.r")}
	if action == sync.Attach {
		c.After = doc
	} else {
		c.Before, c.ID, c.Reason = doc, "att-1", `policy "ip-whitelist" is deleted`
	}
	return c
}

func legacyNote() sync.Note {
	return sync.Note{Kind: sync.KindHTTPAPI, Name: "legacy", Resource: "httpApis.legacy", ID: "api-7",
		Reason: "not declared here; plan with --prune to delete it"}
}

// decodeObject decodes exactly one JSON object followed by a newline.
func decodeObject(t *testing.T, out string) map[string]any {
	t.Helper()
	if !strings.HasSuffix(out, "}\n") {
		t.Errorf("JSON output does not end in a newline after the object: %q", out[max(0, len(out)-10):])
	}
	dec := json.NewDecoder(strings.NewReader(out))
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
	if err := dec.Decode(new(any)); err != io.EOF {
		t.Errorf("more than one JSON value: %v", err)
	}
	return m
}

func sortedKeys(m map[string]any) []string { return slices.Sorted(maps.Keys(m)) }

func TestPlanJSONMatchesContract(t *testing.T) {
	plan := samplePlan()
	plan.Changes = append(plan.Changes, deleteRoute())
	plan.Notes = []sync.Note{legacyNote(), {Kind: sync.KindRoute, Name: "stray", Resource: "httpApis.x.routes.stray", Reason: "r"}}
	findings := sample().Findings
	doc := decodeObject(t, renderPlan(t, PlanJSON, PlanView{Plan: plan, Findings: findings}))

	if got, want := sortedKeys(doc), []string{"changes", "errors", "findings", "notes", "summary", "warnings"}; !slices.Equal(got, want) {
		t.Errorf("top-level keys %v, want %v", got, want)
	}
	wantSummary := map[string]any{"create": 1.0, "update": 1.0, "delete": 1.0, "replace": 0.0,
		"deploy": 1.0, "undeploy": 0.0, "attach": 0.0, "detach": 0.0}
	if !reflect.DeepEqual(doc["summary"], wantSummary) {
		t.Errorf("summary %v, want %v", doc["summary"], wantSummary)
	}

	changes := doc["changes"].([]any)
	if len(changes) != 4 {
		t.Fatalf("%d changes, want 4", len(changes))
	}
	update, create, deploy, del := changes[0].(map[string]any), changes[1].(map[string]any), changes[2].(map[string]any), changes[3].(map[string]any)

	if got, want := sortedKeys(create), []string{"action", "after", "api", "before", "column", "file", "kind", "line", "name", "resource", "step"}; !slices.Equal(got, want) {
		t.Errorf("create keys %v, want %v", got, want)
	}
	if create["action"] != "create" || create["kind"] != "route" || create["name"] != "orders-route" || create["api"] != "orders-http-api" ||
		create["resource"] != "httpApis.orders-http-api.routes.orders-route" || create["step"] != 8.0 || create["before"] != nil ||
		create["file"] != "examples/orders/gateway.cue" || create["line"] != 70.0 || create["column"] != 4.0 {
		t.Errorf("create change: %v", create)
	}
	if after := create["after"].(map[string]any); after["api"] != "orders-http-api" || after["match"].(map[string]any)["path"].(map[string]any)["value"] != "/orders" {
		t.Errorf("create after: %v", after)
	}

	if _, ok := update["api"]; ok {
		t.Error("api present on a policy change")
	}
	if update["id"] != "p-123" || update["step"] != 6.0 {
		t.Errorf("update change: %v", update)
	}
	wantFields := []any{
		map[string]any{"path": "/config/secretKey", "before": sync.SensitiveMask, "after": sync.SensitiveMask, "sensitive": true},
		map[string]any{"path": "/config/unitNum", "before": 3.0, "after": 5.0},
	}
	if !reflect.DeepEqual(update["fields"], wantFields) {
		t.Errorf("fields %v, want %v", update["fields"], wantFields)
	}

	if deploy["reason"] != "a new route is deployed once created" || deploy["after"].(map[string]any)["environment"] != "prod" {
		t.Errorf("deploy change: %v", deploy)
	}
	for _, k := range []string{"file", "line", "column", "fields"} {
		if _, ok := del[k]; ok {
			t.Errorf("delete without a position or fields has %q", k)
		}
	}
	if del["after"] != nil || del["before"].(map[string]any)["description"] != "old" {
		t.Errorf("delete change: %v", del)
	}

	wantNotes := []any{
		map[string]any{"kind": "httpApi", "name": "legacy", "resource": "httpApis.legacy", "id": "api-7", "reason": "not declared here; plan with --prune to delete it"},
		map[string]any{"kind": "route", "name": "stray", "resource": "httpApis.x.routes.stray", "reason": "r"},
	}
	if !reflect.DeepEqual(doc["notes"], wantNotes) {
		t.Errorf("notes %v, want %v", doc["notes"], wantNotes)
	}

	validation := decodeObject(t, render(t, JSON, Validation{Findings: findings}))
	if !reflect.DeepEqual(doc["findings"], validation["findings"]) {
		t.Errorf("findings %v differ from validate's %v", doc["findings"], validation["findings"])
	}
	if doc["errors"] != 1.0 || doc["warnings"] != 1.0 {
		t.Errorf("errors %v, warnings %v", doc["errors"], doc["warnings"])
	}
}

func TestPlanJSONEmptyIsLists(t *testing.T) {
	for name, plan := range map[string]*sync.Plan{"empty plan": {}, "no plan": nil} {
		t.Run(name, func(t *testing.T) {
			out := renderPlan(t, PlanJSON, PlanView{Plan: plan})
			for _, want := range []string{`"changes": []`, `"notes": []`, `"findings": []`} {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %s:\n%s", want, out)
				}
			}
			summary := decodeObject(t, out)["summary"].(map[string]any)
			if got := sortedKeys(summary); len(got) != 8 || slices.ContainsFunc(got, func(k string) bool { return summary[k] != 0.0 }) {
				t.Errorf("summary %v, want all eight actions at 0", summary)
			}
		})
	}
}

// secretPlan holds secrets in documents and field changes, including one
// field not marked sensitive whose name says it is.
func secretPlan() *sync.Plan {
	create := &sync.Change{Action: sync.Create, Kind: sync.KindPolicy, Name: "auth", Resource: "policies.auth",
		After: &sync.PolicyDoc{ClassName: "JWTAuth", Config: map[string]any{
			"secretKey": "cr3ate-s3cr3t", "auth": map[string]any{"password": "n3sted-s3cr3t"}, "unitNum": 1}}}
	del := &sync.Change{Action: sync.Delete, Kind: sync.KindPolicy, Name: "gone", Resource: "policies.gone", ID: "p-9",
		Before: &sync.PolicyDoc{ClassName: "JWTAuth", Config: map[string]any{"secretKey": "d3lete-s3cr3t"}}}
	update := updatePolicy()
	update.Fields = append(update.Fields,
		sync.FieldChange{Path: "/config/token", Before: "unm4rked-s3cr3t", After: "unm4rked-n3w"},
		sync.FieldChange{Path: "/config/apiKey", After: "add3d-s3cr3t", Sensitive: true})
	return &sync.Plan{Changes: []*sync.Change{del, create, update}}
}

var secrets = []string{"cr3ate-s3cr3t", "n3sted-s3cr3t", "d3lete-s3cr3t", "0ld-s3cr3t", "n3w-s3cr3t", "unm4rked-s3cr3t", "unm4rked-n3w", "add3d-s3cr3t"}

func TestPlanSecretsNeverShown(t *testing.T) {
	for _, format := range PlanFormats() {
		t.Run(format, func(t *testing.T) {
			w, err := ForPlan(format)
			if err != nil {
				t.Fatal(err)
			}
			out := renderPlan(t, w, PlanView{Plan: secretPlan()})
			for _, s := range secrets {
				if strings.Contains(out, s) {
					t.Errorf("secret %q shown:\n%s", s, out)
				}
			}
			for _, want := range []string{sync.SensitiveMask, "/config/secretKey", "/config/token", "/config/apiKey"} {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
			if format != "json" && !strings.Contains(out, "/config/secretKey: (sensitive) → (sensitive, changed)") {
				t.Errorf("the secret's change is not shown:\n%s", out)
			}
		})
	}
}

func TestPlanJSONMarksSensitiveFields(t *testing.T) {
	doc := decodeObject(t, renderPlan(t, PlanJSON, PlanView{Plan: secretPlan()}))
	fields := map[string]map[string]any{}
	for _, f := range doc["changes"].([]any)[2].(map[string]any)["fields"].([]any) {
		fields[f.(map[string]any)["path"].(string)] = f.(map[string]any)
	}
	for path, want := range map[string]map[string]any{
		"/config/secretKey": {"path": "/config/secretKey", "before": sync.SensitiveMask, "after": sync.SensitiveMask, "sensitive": true},
		"/config/token":     {"path": "/config/token", "before": sync.SensitiveMask, "after": sync.SensitiveMask, "sensitive": true},
		"/config/apiKey":    {"path": "/config/apiKey", "before": nil, "after": sync.SensitiveMask, "sensitive": true},
	} {
		if !reflect.DeepEqual(fields[path], want) {
			t.Errorf("field %s: %v, want %v", path, fields[path], want)
		}
	}
	created := doc["changes"].([]any)[1].(map[string]any)["after"].(map[string]any)["config"].(map[string]any)
	if created["secretKey"] != sync.SensitiveMask || created["auth"].(map[string]any)["password"] != sync.SensitiveMask || created["unitNum"] != 1.0 {
		t.Errorf("created config not masked as expected: %v", created)
	}
}

// lastLine is the last line of s.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	return lines[len(lines)-1]
}

func TestPlanTextSymbols(t *testing.T) {
	replace := &sync.Change{Action: sync.Replace, Kind: sync.KindRoute, Name: "r", API: "b", Resource: "httpApis.b.routes.r", ID: "hr-9",
		Before: &sync.RouteDoc{API: "a"}, After: &sync.RouteDoc{API: "b"}, Fields: []sync.FieldChange{{Path: "/api", Before: "a", After: "b"}},
		Reason: `moves from HTTP API "a" to "b", and a route cannot change its API`}
	undeploy := &sync.Change{Action: sync.Undeploy, Kind: sync.KindRoute, Name: "old-route", ID: "hr-1",
		Before: &sync.DeployDoc{Environment: "prod", Status: "Deployed"}, Reason: "the route is deleted"}
	fieldsUpdate := &sync.Change{Action: sync.Update, Kind: sync.KindRoute, Name: "r", ID: "hr-2", Fields: []sync.FieldChange{
		{Path: "/description", After: "new"}, {Path: "/match/methods", Before: []any{"GET"}}, {Path: "/config/token", Before: "x", After: "x", Sensitive: true}}}
	zero := "0 to create, 0 to update, 0 to delete, 0 to replace; 0 deploys, 0 undeploys, 0 attaches, 0 detaches."
	for _, tc := range []struct {
		name    string
		changes []*sync.Change
		want    []string
		summary string
	}{
		{"create", []*sync.Change{createRoute()}, []string{
			"  + route orders-route (new)   examples/orders/gateway.cue:70:4\n",
			"      /match/methods = [\"GET\",\"POST\"]\n", "      /backend/services/0/port = 8080\n"},
			strings.Replace(zero, "0 to create", "1 to create", 1)},
		{"update", []*sync.Change{updatePolicy()}, []string{
			"  ~ policy orders-timeout (p-123)   examples/orders/gateway.cue:12:2\n", "      ~ /config/unitNum: 3 → 5\n"},
			strings.Replace(zero, "0 to update", "1 to update", 1)},
		{"update fields", []*sync.Change{fieldsUpdate}, []string{
			"  ~ route r (hr-2)\n", "      + /description: \"new\"\n", "      - /match/methods: [\"GET\"]\n",
			"      ~ /config/token: (sensitive) → (sensitive)\n"},
			strings.Replace(zero, "0 to update", "1 to update", 1)},
		{"delete", []*sync.Change{deleteRoute()}, []string{
			"  - route old-route (hr-1)\n", "      # it carries this desired state's marker and --prune is set\n"},
			strings.Replace(zero, "0 to delete", "1 to delete", 1)},
		{"replace", []*sync.Change{replace}, []string{
			"  ± route r (hr-9) must be replaced\n", "      # moves from HTTP API \"a\" to \"b\", and a route cannot change its API\n",
			"      ~ /api: \"a\" → \"b\"\n"},
			strings.Replace(zero, "0 to replace", "1 to replace", 1)},
		{"deploy", []*sync.Change{deployRoute()}, []string{
			"  > deploy route orders-route (new) in environment \"prod\"   examples/orders/gateway.cue:70:4\n",
			"      # a new route is deployed once created\n"},
			strings.Replace(zero, "0 deploys", "1 deploy", 1)},
		{"undeploy", []*sync.Change{undeploy}, []string{"  < undeploy route old-route (hr-1) from environment \"prod\"\n"},
			strings.Replace(zero, "0 undeploys", "1 undeploy", 1)},
		{"attach", []*sync.Change{attachChange(sync.Attach, ""), attachChange(sync.Attach, "prod")}, []string{
			"  + attach policy ip-whitelist to httpApis.a.routes.r (new) in every environment\n",
			"  + attach policy ip-whitelist to httpApis.a.routes.r (new) in environment \"prod\"\n"},
			strings.Replace(zero, "0 attaches", "2 attaches", 1)},
		{"detach", []*sync.Change{attachChange(sync.Detach, "")}, []string{
			"  - detach policy ip-whitelist from httpApis.a.routes.r (att-1)\n", "      # policy \"ip-whitelist\" is deleted\n"},
			strings.Replace(zero, "0 detaches", "1 detach", 1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := renderPlan(t, PlanText, PlanView{Plan: &sync.Plan{Changes: tc.changes}, Gateway: gatewayName})
			if !strings.HasPrefix(out, "gwsync plan: "+gatewayName+"\n") {
				t.Errorf("no header naming the gateway:\n%s", out)
			}
			for _, want := range tc.want {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
			if got, want := lastLine(out), "Plan: "+tc.summary; got != want {
				t.Errorf("summary line\n got %q\nwant %q", got, want)
			}
		})
	}
}

func TestPlanTextLayout(t *testing.T) {
	want := `gwsync plan: aliyun gateway gw-orders-prod (cn-hangzhou)

  ~ policy orders-timeout (p-123)   examples/orders/gateway.cue:12:2
      ~ /config/secretKey: (sensitive) → (sensitive, changed)
      ~ /config/unitNum: 3 → 5

  + route orders-route (new)   examples/orders/gateway.cue:70:4
      /api = "orders-http-api"
      /backend/scene = "SingleService"
      /backend/services/0/port = 8080
      /backend/services/0/protocol = "HTTP"
      /backend/services/0/service = "orders"
      /description = "orders"
      /domains = ["api.example.com"]
      /environment = "prod"
      /match/methods = ["GET","POST"]
      /match/path/type = "Prefix"
      /match/path/value = "/orders"

  > deploy route orders-route (new) in environment "prod"   examples/orders/gateway.cue:70:4
      # a new route is deployed once created

Plan: 1 to create, 1 to update, 0 to delete, 0 to replace; 1 deploy, 0 undeploys, 0 attaches, 0 detaches.
`
	if got := renderPlan(t, PlanText, PlanView{Plan: samplePlan(), Gateway: gatewayName}); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestPlanTextCompact(t *testing.T) {
	want := `gwsync plan: aliyun gateway gw-orders-prod (cn-hangzhou)

  ~ policy orders-timeout (p-123)   examples/orders/gateway.cue:12:2
  + route orders-route (new)   examples/orders/gateway.cue:70:4
  > deploy route orders-route (new) in environment "prod"   examples/orders/gateway.cue:70:4

Plan: 1 to create, 1 to update, 0 to delete, 0 to replace; 1 deploy, 0 undeploys, 0 attaches, 0 detaches.
`
	if got := renderPlan(t, PlanText, PlanView{Plan: samplePlan(), Gateway: gatewayName, Compact: true}); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestPlanTextNotesAndFindings(t *testing.T) {
	findings := sample().Findings
	out := renderPlan(t, PlanText, PlanView{Plan: &sync.Plan{Changes: []*sync.Change{createRoute()}, Notes: []sync.Note{legacyNote()}},
		Findings: findings, Gateway: gatewayName})
	validateText := render(t, Text, Validation{Findings: findings})
	validateFindings := strings.TrimSuffix(validateText, lastLine(validateText)+"\n")
	for _, want := range []string{
		"\nLeft alone:\n  httpApi legacy (api-7): not declared here; plan with --prune to delete it\n",
		validateFindings,
		"\nPlan: 1 to create, 0 to update, 0 to delete, 0 to replace; 0 deploys, 0 undeploys, 0 attaches, 0 detaches.\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if got, want := lastLine(out), "The plan cannot be applied: planning found 1 error."; got != want {
		t.Errorf("last line %q, want %q", got, want)
	}
}

func TestPlanFailedPlanClaimsNothing(t *testing.T) {
	errs := []diag.Finding{diag.Errorf(diag.RuleReference, "httpApis.a.routes.r", model.Pos{File: "gw.cue", Line: 2, Column: 3}, "service \"x\" is not declared")}
	for _, w := range []PlanWriter{PlanText, PlanMarkdown} {
		out := renderPlan(t, w, PlanView{Findings: errs})
		if strings.Contains(out, "No changes") || strings.Contains(out, "matches the desired state") {
			t.Errorf("a failed plan claims the gateway is in sync:\n%s", out)
		}
		if !strings.Contains(out, "The plan cannot be applied: planning found 1 error.") {
			t.Errorf("output does not say the plan cannot be applied:\n%s", out)
		}
	}
	drift := renderPlan(t, PlanText, PlanView{Findings: errs, Drift: true})
	if !strings.Contains(drift, "The drift report is incomplete: checking found 1 error.") {
		t.Errorf("drift output does not say it is incomplete:\n%s", drift)
	}
}

func TestPlanWording(t *testing.T) {
	nonEmpty := &sync.Plan{Changes: []*sync.Change{createRoute()}}
	for _, tc := range []struct {
		name   string
		writer PlanWriter
		view   PlanView
		want   []string
		not    []string
	}{
		{"text empty plan", PlanText, PlanView{Plan: &sync.Plan{}},
			[]string{"gwsync plan\n", "\nNo changes. The gateway matches the desired state.\n"}, []string{"Plan:", "drift"}},
		{"text no drift", PlanText, PlanView{Plan: &sync.Plan{}, Drift: true, Gateway: gatewayName},
			[]string{"gwsync drift: " + gatewayName + "\n", "\nNo drift. The gateway matches the desired state.\n"}, []string{"No changes", "Drift:"}},
		{"text drift", PlanText, PlanView{Plan: nonEmpty, Drift: true},
			[]string{"\nDrift: 1 to create, 0 to update"}, []string{"Plan:", "No drift"}},
		{"markdown empty plan", PlanMarkdown, PlanView{Plan: &sync.Plan{}, Gateway: gatewayName},
			[]string{"### gwsync plan: " + gatewayName + "\n", "\nNo changes. The gateway matches the desired state.\n"}, []string{"<details>", "| action |"}},
		{"markdown no drift", PlanMarkdown, PlanView{Plan: &sync.Plan{}, Drift: true},
			[]string{"### gwsync drift\n", "\nNo drift. The gateway matches the desired state.\n"}, []string{"No changes", "<details>"}},
		{"markdown drift", PlanMarkdown, PlanView{Plan: nonEmpty, Drift: true},
			[]string{"### gwsync drift\n", "| create | 1 |\n"}, []string{"No drift", "No changes"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := renderPlan(t, tc.writer, tc.view)
			for _, want := range tc.want {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
			for _, not := range tc.not {
				if strings.Contains(out, not) {
					t.Errorf("output has %q:\n%s", not, out)
				}
			}
		})
	}
}

func TestForPlan(t *testing.T) {
	if got, want := PlanFormats(), []string{"json", "markdown", "text"}; !slices.Equal(got, want) {
		t.Errorf("PlanFormats() = %v, want %v", got, want)
	}
	for _, f := range PlanFormats() {
		if w, err := ForPlan(f); err != nil || w == nil {
			t.Errorf("ForPlan(%q) = %v, %v", f, w, err)
		}
	}
	_, err := ForPlan("xml")
	if err == nil || !strings.Contains(err.Error(), `"xml"`) || !strings.Contains(err.Error(), "json, markdown, text") {
		t.Errorf("ForPlan(\"xml\") error = %v, want one naming xml and the formats", err)
	}
}

// whitelistUpdate changes an IP whitelist (a set joined with commas on the
// wire) and a route's methods.
func whitelistUpdate() *sync.Change {
	return &sync.Change{Action: sync.Update, Kind: sync.KindPolicy, Name: "ip-allow", Resource: "policies.ip-allow", ID: "p-7",
		Fields: []sync.FieldChange{
			{Path: "/config/ipAccessControlContent", Before: "10.0.0.0/8,10.1.0.0/16", After: "10.0.0.0/8,10.3.0.0/16,10.4.0.0/16"},
			{Path: "/match/methods", Before: []any{"GET", "POST"}, After: []any{"POST", "GET"}},
		}}
}

func TestPlanTextListElements(t *testing.T) {
	out := renderPlan(t, PlanText, PlanView{Plan: &sync.Plan{Changes: []*sync.Change{whitelistUpdate()}}})
	want := "  ~ policy ip-allow (p-7)\n" +
		"      ~ /config/ipAccessControlContent: +2 -1\n" +
		"        + \"10.3.0.0/16\"\n" +
		"        + \"10.4.0.0/16\"\n" +
		"        - \"10.1.0.0/16\"\n" +
		// Only reordered: no element changes, so before and after.
		"      ~ /match/methods: [\"GET\",\"POST\"] → [\"POST\",\"GET\"]\n"
	if !strings.Contains(out, want) {
		t.Errorf("output lacks\n%s\n--- got\n%s", want, out)
	}
}

func TestPlanMarkdownListElements(t *testing.T) {
	out := renderPlan(t, PlanMarkdown, PlanView{Plan: &sync.Plan{Changes: []*sync.Change{whitelistUpdate()}}})
	want := "! policy ip-allow (p-7)\n" +
		"!     /config/ipAccessControlContent: +2 -1\n" +
		"+       \"10.3.0.0/16\"\n" +
		"+       \"10.4.0.0/16\"\n" +
		"-       \"10.1.0.0/16\"\n"
	if !strings.Contains(out, want) {
		t.Errorf("output lacks\n%s\n--- got\n%s", want, out)
	}
}

func TestPlanJSONListElements(t *testing.T) {
	plan := &sync.Plan{Changes: []*sync.Change{whitelistUpdate(), updatePolicy()}}
	changes := decodeObject(t, renderPlan(t, PlanJSON, PlanView{Plan: plan}))["changes"].([]any)
	fields := changes[0].(map[string]any)["fields"].([]any)
	want := map[string]any{"path": "/config/ipAccessControlContent",
		"before": "10.0.0.0/8,10.1.0.0/16", "after": "10.0.0.0/8,10.3.0.0/16,10.4.0.0/16",
		"elements": map[string]any{"added": []any{"10.3.0.0/16", "10.4.0.0/16"}, "removed": []any{"10.1.0.0/16"}}}
	if !reflect.DeepEqual(fields[0], want) {
		t.Errorf("field %v, want %v", fields[0], want)
	}
	for _, f := range append(fields[1:], changes[1].(map[string]any)["fields"].([]any)...) {
		if _, ok := f.(map[string]any)["elements"]; ok {
			t.Errorf("field %v has elements; only a list changed element-wise has", f)
		}
	}
}

func TestPlanListOfSecretsShowsNoElements(t *testing.T) {
	c := &sync.Change{Action: sync.Update, Kind: sync.KindPolicy, Name: "keys", ID: "p-8", Fields: []sync.FieldChange{
		{Path: "/config/apiKeys", Before: []any{"0ld-k3y"}, After: []any{"n3w-k3y"}, Sensitive: true}}}
	for _, format := range PlanFormats() {
		w, _ := ForPlan(format)
		out := renderPlan(t, w, PlanView{Plan: &sync.Plan{Changes: []*sync.Change{c}}})
		if strings.Contains(out, "k3y") || strings.Contains(out, "+1 -1") || strings.Contains(out, "elements") {
			t.Errorf("%s shows a secret list's elements:\n%s", format, out)
		}
	}
}

// TestPlanTextNamesEveryChangeByID checks the one convention of change
// lines: what a change acts on, then its live ID in parentheses, or
// "(new)" when it has none yet.
func TestPlanTextNamesEveryChangeByID(t *testing.T) {
	undeploy := &sync.Change{Action: sync.Undeploy, Kind: sync.KindRoute, Name: "old-route", ID: "hr-1",
		Before: &sync.DeployDoc{Environment: "prod"}}
	plan := &sync.Plan{Changes: []*sync.Change{undeploy, attachChange(sync.Detach, ""), deleteRoute(), updatePolicy(),
		createRoute(), attachChange(sync.Attach, "prod"), deployRoute()}}
	out := renderPlan(t, PlanText, PlanView{Plan: plan})
	header := regexp.MustCompile(`^  [-+~±<>] .* \((new|[a-z]+-\d+)\)( (in|from) (every )?environment.*)?(   \S+:\d+:\d+)?$`)
	n := 0
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "  ") && !strings.HasPrefix(l, "      ") {
			n++
			if !header.MatchString(l) {
				t.Errorf("change line %q does not end its name with (ID) or (new)", l)
			}
		}
	}
	if n != len(plan.Changes) {
		t.Errorf("%d change lines, want %d:\n%s", n, len(plan.Changes), out)
	}
}
