package sdkmodel

import (
	"fmt"
	"reflect"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/def"
	hwapig "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/apig/v2"
)

// HuaweiSDK is the Go module Huawei Cloud's facts are read from.
const HuaweiSDK = "github.com/huaweicloud/huaweicloud-sdk-go-v3"

// huaweiDefs are the SDK's request definitions of every APIG v2 operation
// gwsync's provider calls or its emulator serves. An operation's label is
// its function's name less GenReqDefFor, which is also the name of the
// ApigClient method that calls it.
var huaweiDefs = []func() *def.HttpRequestDef{
	hwapig.GenReqDefForAssociateCertificateV2,
	hwapig.GenReqDefForAssociateDomainV2,
	hwapig.GenReqDefForAssociateRequestThrottlingPolicyV2,
	hwapig.GenReqDefForAttachApiToPlugin,
	hwapig.GenReqDefForAttachPluginToApi,
	hwapig.GenReqDefForBatchDeleteApiAclBindingV2,
	hwapig.GenReqDefForBatchDisassociateThrottlingPolicyV2,
	hwapig.GenReqDefForBatchPublishOrOfflineApiV2,
	hwapig.GenReqDefForCheckApisV2,
	hwapig.GenReqDefForCreateAclStrategyV2,
	hwapig.GenReqDefForCreateApiAclBindingV2,
	hwapig.GenReqDefForCreateApiGroupV2,
	hwapig.GenReqDefForCreateApiV2,
	hwapig.GenReqDefForCreateEnvironmentV2,
	hwapig.GenReqDefForCreateEnvironmentVariableV2,
	hwapig.GenReqDefForCreateOrDeletePublishRecordForApiV2,
	hwapig.GenReqDefForCreatePlugin,
	hwapig.GenReqDefForCreateRequestThrottlingPolicyV2,
	hwapig.GenReqDefForDeleteAclV2,
	hwapig.GenReqDefForDeleteApiAclBindingV2,
	hwapig.GenReqDefForDeleteApiGroupV2,
	hwapig.GenReqDefForDeleteApiV2,
	hwapig.GenReqDefForDeleteEnvironmentV2,
	hwapig.GenReqDefForDeleteEnvironmentVariableV2,
	hwapig.GenReqDefForDeletePlugin,
	hwapig.GenReqDefForDeleteRequestThrottlingPolicyV2,
	hwapig.GenReqDefForDetachApiFromPlugin,
	hwapig.GenReqDefForDetachPluginFromApi,
	hwapig.GenReqDefForDisassociateCertificateV2,
	hwapig.GenReqDefForDisassociateDomainV2,
	hwapig.GenReqDefForDisassociateRequestThrottlingPolicyV2,
	hwapig.GenReqDefForListAclPolicyBindedToApiV2,
	hwapig.GenReqDefForListAclStrategiesV2,
	hwapig.GenReqDefForListApiAttachedPlugins,
	hwapig.GenReqDefForListApiGroupsV2,
	hwapig.GenReqDefForListApisBindedToAclPolicyV2,
	hwapig.GenReqDefForListApisBindedToRequestThrottlingPolicyV2,
	hwapig.GenReqDefForListApisV2,
	hwapig.GenReqDefForListAttachedDomainsV2,
	hwapig.GenReqDefForListEnvironmentVariablesV2,
	hwapig.GenReqDefForListEnvironmentsV2,
	hwapig.GenReqDefForListInstancesV2,
	hwapig.GenReqDefForListPluginAttachedApis,
	hwapig.GenReqDefForListPlugins,
	hwapig.GenReqDefForListRequestThrottlingPoliciesBindedToApiV2,
	hwapig.GenReqDefForListRequestThrottlingPolicyV2,
	hwapig.GenReqDefForShowDetailsOfAclPolicyV2,
	hwapig.GenReqDefForShowDetailsOfApiGroupV2,
	hwapig.GenReqDefForShowDetailsOfApiV2,
	hwapig.GenReqDefForShowDetailsOfEnvironmentVariableV2,
	hwapig.GenReqDefForShowDetailsOfInstanceV2,
	hwapig.GenReqDefForShowDetailsOfRequestThrottlingPolicyV2,
	hwapig.GenReqDefForShowPlugin,
	hwapig.GenReqDefForUpdateAclStrategyV2,
	hwapig.GenReqDefForUpdateApiGroupV2,
	hwapig.GenReqDefForUpdateApiV2,
	hwapig.GenReqDefForUpdateDomainV2,
	hwapig.GenReqDefForUpdateEnvironmentV2,
	hwapig.GenReqDefForUpdateEnvironmentVariableV2,
	hwapig.GenReqDefForUpdatePlugin,
	hwapig.GenReqDefForUpdateRequestThrottlingPolicyV2,
	hwapig.GenReqDefForUpdateSlDomainSettingV2,
}

var huawei = sync.OnceValues(func() (*Facts, error) { return HuaweiFacts(huaweiDefs...) })

// Huawei is what the Huawei Cloud Go SDK (services/apig/v2) says about
// the APIG operations gwsync's provider calls and its emulator serves,
// read by reflection from the SDK itself: each operation's request
// definition (GenReqDefForXxx: method, path, where each request field
// goes), its request model (the query parameters' types, the body model)
// and its response model. Nothing is copied by hand. Operations are keyed
// by the SDK's names (ListAclStrategiesV2, ...); Commit is the SDK's
// module version in this build.
func Huawei() (*Facts, error) { return huawei() }

// HuaweiFacts builds facts from SDK request definitions, each labelled by
// its function's name less GenReqDefFor.
func HuaweiFacts(defs ...func() *def.HttpRequestDef) (*Facts, error) {
	f := &Facts{SDK: HuaweiSDK + "/services/apig/v2", Commit: huaweiVersion(), APIVersion: "v2",
		Operations: map[string]*Operation{}, Models: Models{}}
	for _, gen := range defs {
		name, err := huaweiLabel(gen)
		if err != nil {
			return nil, err
		}
		op, err := f.Models.huaweiOperation(name, gen())
		if err != nil {
			return nil, err
		}
		f.Operations[name] = op
	}
	return f, nil
}

// HuaweiDefinition is the SDK's request definition of the Huawei
// operation op (one the facts hold), made anew as the SDK makes one for
// each call; its Response is a new, empty response model.
func HuaweiDefinition(op string) (*def.HttpRequestDef, error) {
	for _, gen := range huaweiDefs {
		if name, _ := huaweiLabel(gen); name == op {
			return gen(), nil
		}
	}
	return nil, fmt.Errorf("%s is not an APIG operation gwsync knows of %s: add its GenReqDefFor%s to internal/sdkmodel/huawei.go", op, HuaweiSDK, op)
}

// huaweiLabel is the operation name of a GenReqDefForXxx function.
func huaweiLabel(gen func() *def.HttpRequestDef) (string, error) {
	full := runtime.FuncForPC(reflect.ValueOf(gen).Pointer()).Name()
	_, name, ok := strings.Cut(full, ".GenReqDefFor")
	if !ok || name == "" {
		return "", fmt.Errorf("sdkmodel: %s is not an SDK GenReqDefFor function", full)
	}
	return name, nil
}

// huaweiVersion is the SDK module's version in this build: from the
// build information, else from the path of the SDK's source file (a
// module cache path holds "module@version"; test binaries carry no
// dependency list), else "unknown".
func huaweiVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			if d.Path == HuaweiSDK {
				return d.Version
			}
		}
	}
	pc := reflect.ValueOf(hwapig.GenReqDefForListApisV2).Pointer()
	file, _ := runtime.FuncForPC(pc).FileLine(pc)
	if _, rest, ok := strings.Cut(file, "huaweicloud-sdk-go-v3@"); ok {
		version, _, _ := strings.Cut(rest, "/")
		return version
	}
	return "unknown"
}

var apigClient = reflect.TypeFor[*hwapig.ApigClient]()

// huaweiOperation reads one operation: its request model is the argument
// of the ApigClient method of the same name.
func (m Models) huaweiOperation(name string, d *def.HttpRequestDef) (*Operation, error) {
	method, ok := apigClient.MethodByName(name)
	if !ok || method.Type.NumIn() != 2 {
		return nil, fmt.Errorf("sdkmodel: the SDK's ApigClient has no method %s(request)", name)
	}
	req := method.Type.In(1).Elem()
	op := &Operation{Method: d.Method, Path: d.Path, Request: req.Name(), Query: map[string]*Shape{}}
	for _, fd := range d.RequestFields {
		field, ok := req.FieldByName(fd.Name)
		if !ok {
			return nil, fmt.Errorf("sdkmodel: %s: the request model %s has no field %s", name, req.Name(), fd.Name)
		}
		switch fd.LocationType {
		case def.Query:
			op.Query[fd.JsonTag] = m.FromType(field.Type)
		case def.Body:
			body, ok := m.object(m.FromType(field.Type))
			if !ok {
				return nil, fmt.Errorf("sdkmodel: %s: the body %s is not an object model", name, field.Type)
			}
			op.Body = body.Fields
		}
	}
	op.Response = m.huaweiResponse(d)
	return op, nil
}

// object resolves s to an object shape.
func (m Models) object(s *Shape) (*Shape, bool) {
	s, _ = m.resolve(s)
	return s, s != nil && s.Kind == Object
}

// huaweiResponse is the shape of an operation's response body: the
// response model's Body field where the definition reads the body into
// one, else the response model without the fields read from headers.
func (m Models) huaweiResponse(d *def.HttpRequestDef) *Shape {
	t := reflect.TypeOf(d.Response).Elem()
	headers := map[string]bool{}
	for _, fd := range d.ResponseFields {
		switch fd.LocationType {
		case def.Body:
			f, _ := t.FieldByName(fd.Name)
			return m.FromType(f.Type)
		case def.Header:
			headers[fd.Name] = true
		}
	}
	s := &Shape{Kind: Object, Fields: map[string]*Shape{}}
	for f := range t.Fields() {
		if name, ok := jsonName(f); ok && !headers[f.Name] {
			s.Fields[name] = m.FromType(f.Type)
		}
	}
	m[t.Name()] = s
	return &Shape{Ref: t.Name()}
}
