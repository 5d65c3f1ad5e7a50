// Package console changes what a running gwsync emulator serves the way a
// person at the Alibaba Cloud console would: through the signed APIG
// 2024-03-27 API, over HTTP, with the official client (provider/aliyun),
// never in-process. It exists so that drift can be tried without writing
// a program: change a route's path or a policy's config, take a route
// offline, delete one, or add one gwsync did not make.
//
// It changes only gwsync's emulator. Its caller refuses an endpoint that
// is not a loopback address (emulator.CheckEndpoint: the emulator serves
// plain HTTP, which gwsync sends nowhere else), and [Open] asks the
// endpoint the emulator's own question, GET /emulator/v1/about, which
// Alibaba Cloud does not answer, before anything is changed.
package console

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/provider/aliyun"
)

// Console changes one gateway of a running emulator.
type Console struct {
	c    *aliyun.Client
	gw   string
	live *model.Live
}

// Open checks that c reaches gwsync's emulator, picks the gateway
// (gatewayID, or the only one the emulator serves when it is "") and
// reads it. The caller checks the endpoint with emulator.CheckEndpoint
// first.
func Open(ctx context.Context, c *aliyun.Client, gatewayID string) (*Console, error) {
	served, err := about(ctx, c)
	if err != nil {
		return nil, err
	}
	gw, err := pick(served, gatewayID)
	if err != nil {
		return nil, err
	}
	live, err := aliyun.NewReader(c, gw).Read(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading gateway %s: %w", gw, err)
	}
	return &Console{c: c, gw: gw, live: live}, nil
}

// about asks the endpoint whether it is gwsync's emulator, and which
// gateways it serves.
func about(ctx context.Context, c *aliyun.Client) ([]string, error) {
	data, err := c.Call(ctx, aliyun.Request{Action: "EmulatorAbout", Method: "GET", Path: "/emulator/v1/about"})
	if err != nil {
		return nil, aboutError(err)
	}
	var a struct {
		Emulator   string   `json:"emulator"`
		GatewayIDs []string `json:"gatewayIds"`
	}
	if err := json.Unmarshal(data, &a); err != nil || a.Emulator != "gwsync" {
		return nil, fmt.Errorf("it is not gwsync's emulator (GET /emulator/v1/about answered %.200s); nothing was changed: %s", data, pointAtEmulator)
	}
	return a.GatewayIDs, nil
}

// pointAtEmulator says where the console must be pointed.
var pointAtEmulator = "point --endpoint (or $" + aliyun.EnvEndpoint + ") at the control plane gwsync emulator serve printed"

// keyCodes are the answers to a call signed with a key the endpoint does
// not accept.
var keyCodes = []string{"InvalidAccessKeyId.NotFound", "SignatureDoesNotMatch", "SignatureNonceUsed", "InvalidTimeStamp.Expired"}

// aboutError says why the about call failed and what to change: nothing
// listening, a key the emulator was not given, or an endpoint that is not
// the emulator.
func aboutError(err error) error {
	var ae *aliyun.APIError
	switch {
	case !errors.As(err, &ae):
		return fmt.Errorf("nothing answered (%v); nothing was changed: start gwsync emulator serve, or %s", err, pointAtEmulator)
	case slices.Contains(keyCodes, ae.Code):
		return fmt.Errorf("the key was refused (%s); nothing was changed: set %s and %s to the ID and secret gwsync emulator serve was given with --access-key ID:SECRET", ae.Code, aliyun.EnvAccessKeyID, aliyun.EnvAccessKeySecret)
	}
	return fmt.Errorf("it is not gwsync's emulator: it does not serve the emulator's own GET /emulator/v1/about (%v); nothing was changed: %s", err, pointAtEmulator)
}

// pick is the gateway to change: want when the emulator serves it, or the
// only gateway it serves.
func pick(served []string, want string) (string, error) {
	switch {
	case want != "" && slices.Contains(served, want):
		return want, nil
	case want != "":
		return "", fmt.Errorf("the emulator does not serve gateway %s (it serves %s): give --gateway-id one of those", want, strings.Join(served, ", "))
	case len(served) == 1:
		return served[0], nil
	}
	return "", fmt.Errorf("the emulator serves %d gateways (%s): name one with --gateway-id", len(served), strings.Join(served, ", "))
}

// GatewayID is the gateway the console changes.
func (k *Console) GatewayID() string { return k.gw }

// call makes one call and returns its answer's data.
func (k *Console) call(ctx context.Context, action, method, path string, body any) (json.RawMessage, error) {
	data, err := k.c.Call(ctx, aliyun.Request{Action: action, Method: method, Path: path, Body: body})
	if err != nil {
		return nil, fmt.Errorf("gateway %s: %w", k.gw, err)
	}
	return data, nil
}

// getJSON reads one resource as a JSON object.
func (k *Console) getJSON(ctx context.Context, action, path string) (map[string]any, error) {
	data, err := k.call(ctx, action, "GET", path, nil)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("gateway %s: %s answered %s, not a JSON object", k.gw, action, data)
	}
	return m, nil
}

// names lists names for an error that says which exist.
func names(ns []string) string {
	if len(ns) == 0 {
		return "none"
	}
	slices.Sort(ns)
	return strings.Join(ns, ", ")
}
