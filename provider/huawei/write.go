package huawei

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	hwmodel "github.com/gwsync/gwsync/model/huawei"
	gwsync "github.com/gwsync/gwsync/sync"
	hwsync "github.com/gwsync/gwsync/sync/huawei"
)

// The requests Execute sends, one section per kind.

// kinds maps each kind a Huawei plan holds to how APIG writes it.
var kinds = map[gwsync.Kind]kind{}

func init() {
	kinds[hwsync.KindEnvironment] = kind{create: createEnv, update: updateEnv, remove: deleteAt("DeleteEnvironmentV2", "/envs/{env_id}", "env_id"),
		duplicate: []string{"APIG.3205"}, find: findNamed[wireEnv]("ListEnvironmentsV2", "/envs", "envs", "name", "")}
	kinds[hwsync.KindGroup] = kind{create: createGroup, update: updateGroup, remove: deleteAt("DeleteApiGroupV2", "/api-groups/{group_id}", "group_id"),
		duplicate: []string{"APIG.3201"}, find: findNamed[wireGroup]("ListApiGroupsV2", "/api-groups", "groups", "name", "name")}
	kinds[hwsync.KindVariable] = kind{create: createVariable, update: updateVariable,
		remove:    deleteAt("DeleteEnvironmentVariableV2", "/env-variables/{env_variable_id}", "env_variable_id"),
		duplicate: []string{"APIG.3303"}, find: findVariable}
	kinds[hwsync.KindAPI] = kind{create: createAPI, update: updateAPI, remove: deleteAt("DeleteApiV2", "/apis/{api_id}", "api_id"),
		duplicate: []string{"APIG.3202"}, find: findNamed[wireAPIBrief]("ListApisV2", "/apis", "apis", "name", "name"), deploys: true}
	kinds[hwsync.KindThrottle] = kind{create: createThrottle, update: updateThrottle,
		remove:    deleteAt("DeleteRequestThrottlingPolicyV2", "/throttles/{throttle_id}", "throttle_id"),
		duplicate: []string{"APIG.3204"}, find: findNamed[wireThrottle]("ListRequestThrottlingPolicyV2", "/throttles", "throttles", "name", "name")}
	kinds[hwsync.KindACL] = kind{create: createACL, update: updateACL, remove: deleteAt("DeleteAclV2", "/acls/{acl_id}", "acl_id"),
		duplicate: []string{"APIG.3206"}, find: findNamed[wireACL]("ListAclStrategiesV2", "/acls", "acls", "name", "name")}
	kinds[hwsync.KindPlugin] = kind{create: createPlugin, update: updatePlugin, remove: deleteAt("DeletePlugin", "/plugins/{plugin_id}", "plugin_id"),
		duplicate: []string{"APIG.3326"}, find: findNamed[wirePlugin]("ListPlugins", "/plugins", "plugins", "plugin_name", "plugin_name")}
	kinds[hwsync.KindBinding] = kind{create: attach, remove: detach, binds: true}
	kinds[gwsync.KindDomain] = kind{create: createDomain, update: updateDomain, remove: deleteDomain,
		duplicate: []string{"APIG.3305"}, find: findDomain}
}

// hints say what to change when APIG refuses a change with a code.
var hints = map[string]string{
	"APIG.3416": "the API is published: take it offline in every environment first (an undeploy of the api before its delete)",
	// The seed document's DeleteApiV2 example answers a published API
	// with APIG.4016; the API reference with APIG.3416.
	"APIG.4016": "the API is published: take it offline in every environment first (an undeploy of the api before its delete)",
	"APIG.3415": "the group still has APIs: delete them first (or keep the group in the desired state)",
	"APIG.3418": "the environment still has published APIs: take them offline there first",
	"APIG.3447": "the ACL is still bound: detach it from every API first (remove its bind entries)",
	"APIG.3451": "the throttling policy is still bound: detach it from every API first (remove its bind entries)",
	"APIG.3462": "the plugin is still attached: detach it from every API first (remove its bind entries)",
	"APIG.3301": "another API of the group has the same req_method, req_uri and match_mode: change one of them",
	"APIG.3707": "plugins bind only to published APIs: publish the API in that environment first",
	"APIG.3015": "the API is not published in that environment: publish it there first",
	"APIG.2011": "check the field the message names",
	"APIG.3305": "the domain is bound to another group: unbind it there first",
}

// call makes a call for the change, naming in any error the change, the
// operation, the resource path and its live ID, and what to change when
// the code tells.
func (x *execution) call(ctx context.Context, r Request, liveID string) ([]byte, error) {
	r.Params = withInstance(r.Params, x.g.instanceID)
	data, err := x.g.c.Call(ctx, r)
	if err == nil {
		return data, nil
	}
	where := x.c.Resource
	if liveID != "" {
		where += " (live ID " + liveID + ")"
	}
	msg := fmt.Sprintf("%s: %s on %s", x.c.Label(), r.Op, where)
	var ae *APIError
	if asAPIError(err, &ae) {
		if h, ok := hints[ae.Code]; ok {
			return nil, fmt.Errorf("%s: %w; %s", msg, err, h)
		}
	}
	return nil, fmt.Errorf("%s: %w", msg, err)
}

func withInstance(p map[string]string, instanceID string) map[string]string {
	out := map[string]string{"instance_id": instanceID}
	for k, v := range p {
		out[k] = v
	}
	return out
}

// callID makes a create call and returns the ID its answer holds (T's
// id).
func callID[T interface{ id() string }](ctx context.Context, x *execution, r Request) (string, error) {
	data, err := x.call(ctx, r, "")
	if err != nil {
		return "", err
	}
	var out T
	if err := json.Unmarshal(data, &out); err != nil {
		return "", fmt.Errorf("%s: %s answered %q: %v", x.c.Label(), r.Op, data, err)
	}
	if out.id() == "" {
		return "", fmt.Errorf("%s: %s answered without an ID: %.200s", x.c.Label(), r.Op, data)
	}
	return out.id(), nil
}

// deleteAt is the remove of a kind deleted by DELETE path/{param}.
func deleteAt(op, path, param string) func(ctx context.Context, x *execution, id string) error {
	return func(ctx context.Context, x *execution, id string) error {
		_, err := x.call(ctx, Request{Op: op, Method: "DELETE", Path: path, Params: map[string]string{param: id}}, id)
		return err
	}
}

// findNamed looks a resource up by exact name in a list: the list call
// op on path, narrowed by the name in the query parameter nameParam
// (exactly when precise names the parameter for precise_search, else as
// the API's fuzzy match), returning the ID of the item called the
// change's name, or "".
func findNamed[T named](op, path, key, nameParam, precise string) func(ctx context.Context, x *execution) (string, error) {
	return func(ctx context.Context, x *execution) (string, error) {
		q := map[string]string{nameParam: x.c.Name}
		if precise != "" {
			q["precise_search"] = precise
		}
		return findIn(ctx, x, op, path, key, q, func(v T) bool { return v.name() == x.c.Name })
	}
}

// findIn lists path and returns the ID of the first item match accepts.
func findIn[T named](ctx context.Context, x *execution, op, path, key string, q map[string]string, match func(T) bool) (string, error) {
	var items []item[T]
	if err := listAll(ctx, x.g, op, path, q, key, &items); err != nil {
		return "", err
	}
	for _, it := range items {
		if match(it.v) {
			return it.v.id(), nil
		}
	}
	return "", nil
}

// ---- environments and groups

type nameRemark struct {
	Name   string `json:"name"`
	Remark string `json:"remark"`
}

func createEnv(ctx context.Context, x *execution) (string, error) {
	d, err := after[*hwsync.EnvironmentDoc](x)
	if err != nil {
		return "", err
	}
	return callID[wireCreated](ctx, x, Request{Op: "CreateEnvironmentV2", Method: "POST", Path: "/envs", Body: nameRemark{x.c.Name, d.Remark}})
}

func updateEnv(ctx context.Context, x *execution, id string) error {
	d, err := after[*hwsync.EnvironmentDoc](x)
	if err != nil {
		return err
	}
	_, err = x.call(ctx, Request{Op: "UpdateEnvironmentV2", Method: "PUT", Path: "/envs/{env_id}",
		Params: map[string]string{"env_id": id}, Body: nameRemark{x.c.Name, d.Remark}}, id)
	return err
}

func createGroup(ctx context.Context, x *execution) (string, error) {
	d, err := after[*hwsync.GroupDoc](x)
	if err != nil {
		return "", err
	}
	return callID[wireCreated](ctx, x, Request{Op: "CreateApiGroupV2", Method: "POST", Path: "/api-groups", Body: nameRemark{x.c.Name, d.Remark}})
}

func updateGroup(ctx context.Context, x *execution, id string) error {
	d, err := after[*hwsync.GroupDoc](x)
	if err != nil {
		return err
	}
	_, err = x.call(ctx, Request{Op: "UpdateApiGroupV2", Method: "PUT", Path: "/api-groups/{group_id}",
		Params: map[string]string{"group_id": id}, Body: nameRemark{x.c.Name, d.Remark}}, id)
	return err
}

// ---- environment variables

type variableBody struct {
	GroupID string `json:"group_id,omitempty"`
	EnvID   string `json:"env_id,omitempty"`
	Name    string `json:"variable_name,omitempty"`
	Value   string `json:"variable_value"`
}

// variableRefs resolves a variable's group and environment.
func (x *execution) variableRefs(d *hwsync.VariableDoc) (groupID, envID string, err error) {
	if groupID, err = x.lookup(hwmodel.GroupPath(d.Group)); err != nil {
		return "", "", err
	}
	envID, err = x.lookup(hwmodel.EnvironmentPath(d.Env))
	return groupID, envID, err
}

func createVariable(ctx context.Context, x *execution) (string, error) {
	d, err := after[*hwsync.VariableDoc](x)
	if err != nil {
		return "", err
	}
	groupID, envID, err := x.variableRefs(d)
	if err != nil {
		return "", err
	}
	return callID[wireCreated](ctx, x, Request{Op: "CreateEnvironmentVariableV2", Method: "POST", Path: "/env-variables",
		Body: variableBody{GroupID: groupID, EnvID: envID, Name: d.VariableName, Value: d.VariableValue}})
}

func updateVariable(ctx context.Context, x *execution, id string) error {
	d, err := after[*hwsync.VariableDoc](x)
	if err != nil {
		return err
	}
	_, err = x.call(ctx, Request{Op: "UpdateEnvironmentVariableV2", Method: "PUT", Path: "/env-variables/{env_variable_id}",
		Params: map[string]string{"env_variable_id": id}, Body: variableBody{Value: d.VariableValue}}, id)
	return err
}

func findVariable(ctx context.Context, x *execution) (string, error) {
	d, err := after[*hwsync.VariableDoc](x)
	if err != nil {
		return "", err
	}
	groupID, envID, err := x.variableRefs(d)
	if err != nil {
		return "", err
	}
	return findIn(ctx, x, "ListEnvironmentVariablesV2", "/env-variables", "variables",
		map[string]string{"group_id": groupID, "env_id": envID, "variable_name": d.VariableName, "precise_search": "variable_name"},
		func(v wireVariable) bool { return v.Name == d.VariableName && v.GroupID == groupID && v.EnvID == envID })
}

// ---- APIs

// apiBody is an ApiCreate body: the document with the API's name and its
// group's live ID.
func (x *execution) apiBody() (map[string]any, error) {
	d, err := after[*hwsync.APIDoc](x)
	if err != nil {
		return nil, err
	}
	groupID, err := x.lookup(hwmodel.GroupPath(d.Group))
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(d)
	if err != nil {
		return nil, fmt.Errorf("%s: encoding the API: %w", x.c.Label(), err)
	}
	var body map[string]any
	if err := json.Unmarshal(b, &body); err != nil {
		return nil, err
	}
	delete(body, "group")
	body["name"], body["group_id"] = x.c.Name, groupID
	return body, nil
}

func createAPI(ctx context.Context, x *execution) (string, error) {
	body, err := x.apiBody()
	if err != nil {
		return "", err
	}
	return callID[wireCreated](ctx, x, Request{Op: "CreateApiV2", Method: "POST", Path: "/apis", Body: body})
}

func updateAPI(ctx context.Context, x *execution, id string) error {
	body, err := x.apiBody()
	if err != nil {
		return err
	}
	_, err = x.call(ctx, Request{Op: "UpdateApiV2", Method: "PUT", Path: "/apis/{api_id}", Params: map[string]string{"api_id": id}, Body: body}, id)
	return err
}

// apiOfPublication splits a publication key
// ("publications.ENV@groups.G.apis.A") into the environment and the
// API's resource path.
func apiOfPublication(key string) (env, apiPath string, ok bool) {
	rest, ok := strings.CutPrefix(key, "publications.")
	if !ok {
		return "", "", false
	}
	return strings.Cut(rest, "@")
}

// publish takes the API online or offline in the deploy's environment
// (CreateOrDeletePublishRecordForApiV2) and returns the publish_id. An
// API already offline, or gone, is taken offline without error.
func (x *execution) publish(ctx context.Context, action string) (string, error) {
	env, apiPath, ok := apiOfPublication(x.c.Resource)
	if d, isDeploy := x.c.After.(*gwsync.DeployDoc); isDeploy && d != nil && d.Environment != "" {
		env = d.Environment
	} else if d, isDeploy := x.c.Before.(*gwsync.DeployDoc); isDeploy && d != nil && d.Environment != "" {
		env = d.Environment
	}
	if !ok || env == "" {
		return "", fmt.Errorf("%s: %s is not a publication key (publications.ENV@groups.G.apis.A)", x.c.Label(), x.c.Resource)
	}
	apiID, err := x.lookup(apiPath)
	if err == nil {
		var envID string
		if envID, err = x.lookup(hwmodel.EnvironmentPath(env)); err == nil {
			return x.publishIn(ctx, action, apiID, envID)
		}
	}
	if action == "offline" {
		return "", nil // the API or the environment is gone: nothing is online
	}
	return "", err
}

// publishIn publishes or takes offline API apiID in environment envID.
func (x *execution) publishIn(ctx context.Context, action, apiID, envID string) (string, error) {
	body := map[string]string{"action": action, "api_id": apiID, "env_id": envID}
	data, err := x.call(ctx, Request{Op: "CreateOrDeletePublishRecordForApiV2", Method: "POST", Path: "/apis/action", Body: body}, apiID)
	if action == "offline" && (HasCode(err, "APIG.3015") || IsNotFound(err)) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	var out wirePublished
	if err := json.Unmarshal(data, &out); err != nil || out.PublishID == "" {
		return "", fmt.Errorf("%s: CreateOrDeletePublishRecordForApiV2 answered without a publish_id: %s", x.c.Label(), data)
	}
	return out.PublishID, nil
}

// ---- throttles, ACLs, plugins

func (x *execution) throttleBody() (map[string]any, error) {
	d, err := after[*hwsync.ThrottleDoc](x)
	if err != nil {
		return nil, err
	}
	return docBody(d, "name", x.c.Name)
}

// docBody is a document's JSON fields plus key: value.
func docBody(d any, key, value string) (map[string]any, error) {
	b, err := json.Marshal(d)
	if err != nil {
		return nil, err
	}
	var body map[string]any
	if err := json.Unmarshal(b, &body); err != nil {
		return nil, err
	}
	body[key] = value
	return body, nil
}

func createThrottle(ctx context.Context, x *execution) (string, error) {
	body, err := x.throttleBody()
	if err != nil {
		return "", err
	}
	return callID[wireCreated](ctx, x, Request{Op: "CreateRequestThrottlingPolicyV2", Method: "POST", Path: "/throttles", Body: body})
}

func updateThrottle(ctx context.Context, x *execution, id string) error {
	body, err := x.throttleBody()
	if err != nil {
		return err
	}
	_, err = x.call(ctx, Request{Op: "UpdateRequestThrottlingPolicyV2", Method: "PUT", Path: "/throttles/{throttle_id}",
		Params: map[string]string{"throttle_id": id}, Body: body}, id)
	return err
}

func (x *execution) aclBody() (map[string]any, error) {
	d, err := after[*hwsync.ACLDoc](x)
	if err != nil {
		return nil, err
	}
	return docBody(d, "acl_name", x.c.Name)
}

func createACL(ctx context.Context, x *execution) (string, error) {
	body, err := x.aclBody()
	if err != nil {
		return "", err
	}
	return callID[wireCreated](ctx, x, Request{Op: "CreateAclStrategyV2", Method: "POST", Path: "/acls", Body: body})
}

func updateACL(ctx context.Context, x *execution, id string) error {
	body, err := x.aclBody()
	if err != nil {
		return err
	}
	_, err = x.call(ctx, Request{Op: "UpdateAclStrategyV2", Method: "PUT", Path: "/acls/{acl_id}",
		Params: map[string]string{"acl_id": id}, Body: body}, id)
	return err
}

type pluginBody struct {
	Name    string `json:"plugin_name"`
	Type    string `json:"plugin_type"`
	Scope   string `json:"plugin_scope"`
	Content string `json:"plugin_content"`
	Remark  string `json:"remark,omitempty"`
}

// pluginBody is the plugin with plugin_content as the JSON string the API
// wants (keys sorted).
func (x *execution) pluginBody() (pluginBody, error) {
	d, err := after[*hwsync.PluginDoc](x)
	if err != nil {
		return pluginBody{}, err
	}
	content := d.PluginContent
	if content == nil {
		content = map[string]any{}
	}
	b, err := marshal(content)
	if err != nil {
		return pluginBody{}, fmt.Errorf("%s: encoding plugin_content: %w", x.c.Label(), err)
	}
	scope := d.PluginScope
	if scope == "" {
		scope = "global"
	}
	return pluginBody{Name: x.c.Name, Type: d.PluginType, Scope: scope, Content: string(b), Remark: d.Remark}, nil
}

func createPlugin(ctx context.Context, x *execution) (string, error) {
	body, err := x.pluginBody()
	if err != nil {
		return "", err
	}
	return callID[wirePlugin](ctx, x, Request{Op: "CreatePlugin", Method: "POST", Path: "/plugins", Body: body})
}

func updatePlugin(ctx context.Context, x *execution, id string) error {
	body, err := x.pluginBody()
	if err != nil {
		return err
	}
	_, err = x.call(ctx, Request{Op: "UpdatePlugin", Method: "PUT", Path: "/plugins/{plugin_id}",
		Params: map[string]string{"plugin_id": id}, Body: body}, id)
	return err
}
