package sdkmodel

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Facts is what an SDK says about the operations gwsync uses: where each
// puts its parameters and the shapes of its models.
type Facts struct {
	// SDK is the SDK's module path; Commit the commit the facts came from.
	SDK    string `json:"sdk"`
	Commit string `json:"commit"`
	// APIVersion is the API version the SDK calls.
	APIVersion string `json:"apiVersion"`
	// Operations are keyed by action name, for example GetDomain.
	Operations map[string]*Operation `json:"operations"`
	// Models are the request and response models the operations name.
	Models Models `json:"models"`
}

// Operation is one API operation as the SDK sends it.
type Operation struct {
	// Method is the HTTP method.
	Method string `json:"method"`
	// Path is the path template, each path parameter written {name}.
	Path string `json:"path"`
	// Query and Body are the parameters the SDK sends in the query string
	// and in the JSON body, by wire name.
	Query map[string]*Shape `json:"query,omitempty"`
	Body  map[string]*Shape `json:"body,omitempty"`
	// Request names the request model; Response is the response body's.
	Request  string `json:"request"`
	Response *Shape `json:"response"`
}

//go:embed facts/apig-20240327.json
var apigFacts []byte

var apig = sync.OnceValues(func() (*Facts, error) {
	var f Facts
	if err := json.Unmarshal(apigFacts, &f); err != nil {
		return nil, fmt.Errorf("sdkmodel: the embedded APIG facts: %w", err)
	}
	return &f, nil
})

// APIG is the facts extracted from the Alibaba Cloud APIG 2024-03-27 Go
// SDK (github.com/alibabacloud-go/apig-20240327) by cmd/apigfacts.
func APIG() (*Facts, error) { return apig() }

// Operation returns the named operation or an error naming it.
func (f *Facts) Operation(action string) (*Operation, error) {
	op, ok := f.Operations[action]
	if !ok {
		return nil, fmt.Errorf("%s is not an operation of %s (facts from commit %s)", action, f.SDK, f.Commit)
	}
	return op, nil
}

// CheckRequest holds one request to the operation action: its method and
// path, every query parameter (one the SDK sends, with a value of the
// model's type) and every key of its JSON body, recursively.
func (f *Facts) CheckRequest(action, method, path string, query url.Values, body []byte) ([]Violation, error) {
	op, err := f.Operation(action)
	if err != nil {
		return nil, err
	}
	var out []Violation
	if method != op.Method {
		out = append(out, Violation{"method", fmt.Sprintf("%s; the SDK sends %s", method, op.Method)})
	}
	if !op.MatchPath(path) {
		out = append(out, Violation{"path", fmt.Sprintf("%s does not fit the SDK's %s", path, op.Path)})
	}
	out = append(out, f.checkQuery(op, query)...)
	b, err := f.checkBody(op, body)
	return append(out, b...), err
}

// CheckResponse holds the response body doc of action to the SDK's
// response model.
func (f *Facts) CheckResponse(action string, doc []byte) ([]Violation, error) {
	op, err := f.Operation(action)
	if err != nil {
		return nil, err
	}
	return f.Models.CheckJSON(doc, op.Response, "response")
}

func (f *Facts) checkQuery(op *Operation, query url.Values) []Violation {
	var out []Violation
	for _, k := range sortedValueKeys(query) {
		s, ok := op.Query[k]
		if !ok {
			where := "not a query parameter of the SDK's request"
			if _, inBody := op.Body[k]; inBody {
				where = "the SDK sends it in the body, not the query"
			}
			out = append(out, Violation{"query." + k, where})
			continue
		}
		for _, v := range query[k] {
			if !scalarFits(v, s.Kind) {
				out = append(out, Violation{"query." + k, fmt.Sprintf("%q is not a %s, as the SDK's request model says", v, s.Kind)})
			}
		}
	}
	return out
}

func (f *Facts) checkBody(op *Operation, body []byte) ([]Violation, error) {
	if len(strings.TrimSpace(string(body))) == 0 {
		return nil, nil
	}
	if len(op.Body) == 0 {
		return []Violation{{"body", "the SDK sends no body for " + op.Request}}, nil
	}
	return f.Models.CheckJSON(body, &Shape{Kind: Object, Fields: op.Body}, "body")
}

// MatchPath reports whether an escaped request path fits the template.
func (op *Operation) MatchPath(path string) bool {
	want := strings.Split(op.Path, "/")
	got := strings.Split(path, "/")
	if len(want) != len(got) {
		return false
	}
	for i, w := range want {
		if strings.HasPrefix(w, "{") && strings.HasSuffix(w, "}") {
			if got[i] == "" {
				return false
			}
			continue
		}
		if w != got[i] {
			return false
		}
	}
	return true
}

// scalarFits reports whether a query string value can be the kind.
func scalarFits(v string, k Kind) bool {
	switch k {
	case Boolean:
		return v == "true" || v == "false"
	case Integer:
		_, err := strconv.ParseInt(v, 10, 64)
		return err == nil
	case Number:
		_, err := strconv.ParseFloat(v, 64)
		return err == nil
	}
	return true
}

func sortedValueKeys(q url.Values) []string {
	out := make([]string, 0, len(q))
	for k := range q {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// ResponseData is the shape of the `data` of action's response envelope,
// which is what a provider decodes.
func (f *Facts) ResponseData(action string) (*Shape, error) {
	op, err := f.Operation(action)
	if err != nil {
		return nil, err
	}
	body, _ := f.Models.resolve(op.Response)
	if body == nil || body.Fields["data"] == nil {
		return nil, fmt.Errorf("%s's response model has no data", action)
	}
	return body.Fields["data"], nil
}
