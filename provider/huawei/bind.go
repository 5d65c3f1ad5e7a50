package huawei

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	hwmodel "github.com/gwsync/gwsync/model/huawei"
	hwsync "github.com/gwsync/gwsync/sync/huawei"
)

// asAPIError is errors.As for *APIError.
func asAPIError(err error, into **APIError) bool { return errors.As(err, into) }

// bindingRefs are the live IDs a binding names.
type bindingRefs struct {
	policy, api, env string
}

// refs resolves a binding's policy, API and environment.
func (x *execution) refs(d *hwsync.BindingDoc) (bindingRefs, error) {
	var r bindingRefs
	var err error
	if r.policy, err = x.lookup(hwmodel.PolicyPath(d.PolicyKind, d.Policy)); err != nil {
		return r, err
	}
	if r.api, err = x.lookup(hwmodel.APIPath(d.Group, d.API)); err != nil {
		return r, err
	}
	r.env, err = x.lookup(hwmodel.EnvironmentPath(d.Env))
	return r, err
}

// publishID is the publish_id of the binding's API in its environment:
// from ids (the read, or a deploy earlier in this apply), else from the
// API's detail.
func (x *execution) publishID(ctx context.Context, d *hwsync.BindingDoc, r bindingRefs) (string, error) {
	if x.ids != nil {
		if id, ok := x.ids.Lookup(hwsync.PublicationKey(d.Group, d.API, d.Env)); ok && id != "" {
			return id, nil
		}
	}
	data, err := x.call(ctx, Request{Op: "ShowDetailsOfApiV2", Method: "GET", Path: "/apis/{api_id}", Params: map[string]string{"api_id": r.api}}, r.api)
	if err != nil {
		return "", err
	}
	var a wireAPI
	if err := json.Unmarshal(data, &a); err != nil {
		return "", fmt.Errorf("%s: ShowDetailsOfApiV2: %v", x.c.Label(), err)
	}
	envs, pubs := strings.Split(a.RunEnvID, "|"), strings.Split(a.PublishID, "|")
	for i, e := range envs {
		if e == r.env && i < len(pubs) && pubs[i] != "" {
			return pubs[i], nil
		}
	}
	return "", fmt.Errorf("%s: API %s is not published in environment %s: %s", x.c.Label(), d.API, d.Env, hints["APIG.3015"])
}

// attach binds a throttle or an ACL to the publication of the API in the
// environment, or attaches a plugin to the API there, and returns the
// binding's ID (a plugin's plugin_attach_id).
func attach(ctx context.Context, x *execution) (string, error) {
	d, err := after[*hwsync.BindingDoc](x)
	if err != nil {
		return "", err
	}
	r, err := x.refs(d)
	if err != nil {
		return "", err
	}
	if d.PolicyKind == hwmodel.KindPlugin {
		return x.attachPlugin(ctx, r)
	}
	pub, err := x.publishID(ctx, d, r)
	if err != nil {
		return "", err
	}
	switch d.PolicyKind {
	case hwmodel.KindThrottle:
		return firstID(ctx, x, Request{Op: "AssociateRequestThrottlingPolicyV2", Method: "POST", Path: "/throttle-bindings",
			Body: map[string]any{"strategy_id": r.policy, "publish_ids": []string{pub}}}, wireThrottleBindings.first)
	case hwmodel.KindACL:
		return firstID(ctx, x, Request{Op: "CreateApiAclBindingV2", Method: "POST", Path: "/acl-bindings",
			Body: map[string]any{"acl_id": r.policy, "publish_ids": []string{pub}}}, wireACLBindings.first)
	}
	return "", fmt.Errorf("%s: unknown policy kind %q", x.c.Label(), d.PolicyKind)
}

func (x *execution) attachPlugin(ctx context.Context, r bindingRefs) (string, error) {
	return firstID(ctx, x, Request{Op: "AttachApiToPlugin", Method: "POST", Path: "/plugins/{plugin_id}/attach",
		Params: map[string]string{"plugin_id": r.policy}, Body: map[string]any{"env_id": r.env, "api_ids": []string{r.api}}},
		wirePluginAttachments.first)
}

// firstID makes a binding call and returns the ID of the first binding
// its answer (a T) holds, as first reads it.
func firstID[T any](ctx context.Context, x *execution, r Request, first func(T) string) (string, error) {
	data, err := x.call(ctx, r, "")
	if err != nil {
		return "", err
	}
	var out T
	if err := json.Unmarshal(data, &out); err != nil {
		return "", fmt.Errorf("%s: %s answered %s: %v", x.c.Label(), r.Op, data, err)
	}
	if id := first(out); id != "" {
		return id, nil
	}
	return "", fmt.Errorf("%s: %s answered without the binding's ID: %.200s", x.c.Label(), r.Op, data)
}

// detach removes a binding. A throttle or ACL binding is deleted by its
// ID; a plugin is detached from the API in the environment. A binding
// whose API or policy is already gone is gone too.
func detach(ctx context.Context, x *execution, id string) error {
	d, err := docOf[*hwsync.BindingDoc](x, x.c.Before, "before")
	if err != nil {
		d, err = after[*hwsync.BindingDoc](x)
		if err != nil {
			return err
		}
	}
	switch d.PolicyKind {
	case hwmodel.KindThrottle, hwmodel.KindACL:
		if id == "" {
			return nil // never bound, or gone with its API or policy
		}
		op, path, param := "DisassociateRequestThrottlingPolicyV2", "/throttle-bindings/{throttle_binding_id}", "throttle_binding_id"
		if d.PolicyKind == hwmodel.KindACL {
			op, path, param = "DeleteApiAclBindingV2", "/acl-bindings/{acl_bindings_id}", "acl_bindings_id"
		}
		_, err := x.call(ctx, Request{Op: op, Method: "DELETE", Path: path, Params: map[string]string{param: id}}, id)
		return err
	case hwmodel.KindPlugin:
		r, err := x.refs(d)
		if err != nil {
			return nil // the plugin, the API or the environment is gone, and the attachment with it
		}
		_, err = x.call(ctx, Request{Op: "DetachApiFromPlugin", Method: "PUT", Path: "/plugins/{plugin_id}/detach",
			Params: map[string]string{"plugin_id": r.policy}, Body: map[string]any{"env_id": r.env, "api_ids": []string{r.api}}}, id)
		return err
	}
	return fmt.Errorf("%s: unknown policy kind %q", x.c.Label(), d.PolicyKind)
}
