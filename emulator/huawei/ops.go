package huawei

import (
	"net/http"
	"strings"
)

// operations lists the control-plane operations: SDK name, method and
// path, success status.
func (s *Server) operations() []operation {
	const (
		ok, created, none = http.StatusOK, http.StatusCreated, http.StatusNoContent
		p                 = instancePrefix
	)
	op := func(name, method, path string, status int, fn handlerFunc) operation {
		return operation{name: name, pattern: method + " " + path, status: status, fn: fn}
	}
	return []operation{
		op("ListInstancesV2", "GET", "/v2/{project_id}/apigw/instances", ok, s.listInstances),
		op("ShowDetailsOfInstanceV2", "GET", p, ok, s.showInstance),

		op("CreateEnvironmentV2", "POST", p+"/envs", created, s.createEnv),
		op("ListEnvironmentsV2", "GET", p+"/envs", ok, s.listEnvs),
		op("UpdateEnvironmentV2", "PUT", p+"/envs/{env_id}", ok, s.updateEnv),
		op("DeleteEnvironmentV2", "DELETE", p+"/envs/{env_id}", none, s.deleteEnv),
		op("CreateEnvironmentVariableV2", "POST", p+"/env-variables", created, s.createVariable),
		op("ListEnvironmentVariablesV2", "GET", p+"/env-variables", ok, s.listVariables),
		op("ShowDetailsOfEnvironmentVariableV2", "GET", p+"/env-variables/{env_variable_id}", ok, s.showVariable),
		op("UpdateEnvironmentVariableV2", "PUT", p+"/env-variables/{env_variable_id}", ok, s.updateVariable),
		op("DeleteEnvironmentVariableV2", "DELETE", p+"/env-variables/{env_variable_id}", none, s.deleteVariable),

		op("CreateApiGroupV2", "POST", p+"/api-groups", created, s.createGroup),
		op("ListApiGroupsV2", "GET", p+"/api-groups", ok, s.listGroups),
		op("ShowDetailsOfApiGroupV2", "GET", p+"/api-groups/{group_id}", ok, s.showGroup),
		op("UpdateApiGroupV2", "PUT", p+"/api-groups/{group_id}", ok, s.updateGroup),
		op("DeleteApiGroupV2", "DELETE", p+"/api-groups/{group_id}", none, s.deleteGroup),
		op("UpdateSlDomainSettingV2", "PUT", p+"/api-groups/{group_id}/sl-domain-access-settings", none, s.setSlDomainAccess),
		op("AssociateDomainV2", "POST", p+"/api-groups/{group_id}/domains", created, s.bindDomain),
		op("UpdateDomainV2", "PUT", p+"/api-groups/{group_id}/domains/{domain_id}", created, s.updateDomain),
		op("DisassociateDomainV2", "DELETE", p+"/api-groups/{group_id}/domains/{domain_id}", none, s.unbindDomain),
		op("AssociateCertificateV2", "POST", p+"/api-groups/{group_id}/domains/{domain_id}/certificate", created, s.bindCertificate),
		op("ListAttachedDomainsV2", "GET", "/v2/{project_id}/apigw/certificates/{certificate_id}/attached-domains", ok, s.certificateDomains),
		op("DisassociateCertificateV2", "DELETE", p+"/api-groups/{group_id}/domains/{domain_id}/certificate/{certificate_id}", none, s.unbindCertificate),

		op("CreateApiV2", "POST", p+"/apis", created, s.createAPI),
		op("ListApisV2", "GET", p+"/apis", ok, s.listAPIs),
		op("ShowDetailsOfApiV2", "GET", p+"/apis/{api_id}", ok, s.showAPI),
		op("UpdateApiV2", "PUT", p+"/apis/{api_id}", ok, s.updateAPI),
		op("DeleteApiV2", "DELETE", p+"/apis/{api_id}", none, s.deleteAPI),
		op("CheckApisV2", "POST", p+"/apis/check", none, s.checkAPIs),
		op("CreateOrDeletePublishRecordForApiV2", "POST", p+"/apis/action", created, s.publishOne),
		op("BatchPublishOrOfflineApiV2", "POST", p+"/apis/publish", ok, s.publishBatch),

		op("CreateRequestThrottlingPolicyV2", "POST", p+"/throttles", created, s.createThrottle),
		op("ListRequestThrottlingPolicyV2", "GET", p+"/throttles", ok, s.listThrottles),
		op("ShowDetailsOfRequestThrottlingPolicyV2", "GET", p+"/throttles/{throttle_id}", ok, s.showThrottle),
		op("UpdateRequestThrottlingPolicyV2", "PUT", p+"/throttles/{throttle_id}", ok, s.updateThrottle),
		op("DeleteRequestThrottlingPolicyV2", "DELETE", p+"/throttles/{throttle_id}", none, s.deleteThrottle),
		op("AssociateRequestThrottlingPolicyV2", "POST", p+"/throttle-bindings", created, s.bindThrottle),
		op("BatchDisassociateThrottlingPolicyV2", "PUT", p+"/throttle-bindings", ok, s.unbindThrottles),
		op("DisassociateRequestThrottlingPolicyV2", "DELETE", p+"/throttle-bindings/{throttle_binding_id}", none, s.unbindThrottle),
		op("ListApisBindedToRequestThrottlingPolicyV2", "GET", p+"/throttle-bindings/binded-apis", ok, s.throttleBoundAPIs),
		op("ListRequestThrottlingPoliciesBindedToApiV2", "GET", p+"/throttle-bindings/binded-throttles", ok, s.throttlesOfAPI),

		op("CreateAclStrategyV2", "POST", p+"/acls", created, s.createACL),
		op("ListAclStrategiesV2", "GET", p+"/acls", ok, s.listACLs),
		op("ShowDetailsOfAclPolicyV2", "GET", p+"/acls/{acl_id}", ok, s.showACL),
		op("UpdateAclStrategyV2", "PUT", p+"/acls/{acl_id}", ok, s.updateACL),
		op("DeleteAclV2", "DELETE", p+"/acls/{acl_id}", none, s.deleteACL),
		op("CreateApiAclBindingV2", "POST", p+"/acl-bindings", created, s.bindACL),
		op("BatchDeleteApiAclBindingV2", "PUT", p+"/acl-bindings", ok, s.unbindACLs),
		op("DeleteApiAclBindingV2", "DELETE", p+"/acl-bindings/{acl_bindings_id}", none, s.unbindACL),
		op("ListApisBindedToAclPolicyV2", "GET", p+"/acl-bindings/binded-apis", ok, s.aclBoundAPIs),
		op("ListAclPolicyBindedToApiV2", "GET", p+"/acl-bindings/binded-acls", ok, s.aclsOfAPI),

		op("CreatePlugin", "POST", p+"/plugins", created, s.createPlugin),
		op("ListPlugins", "GET", p+"/plugins", ok, s.listPlugins),
		op("ShowPlugin", "GET", p+"/plugins/{plugin_id}", ok, s.showPlugin),
		op("UpdatePlugin", "PUT", p+"/plugins/{plugin_id}", ok, s.updatePlugin),
		op("DeletePlugin", "DELETE", p+"/plugins/{plugin_id}", none, s.deletePlugin),
		op("AttachApiToPlugin", "POST", p+"/plugins/{plugin_id}/attach", created, s.attachAPIsToPlugin),
		op("DetachApiFromPlugin", "PUT", p+"/plugins/{plugin_id}/detach", none, s.detachAPIsFromPlugin),
		op("ListPluginAttachedApis", "GET", p+"/plugins/{plugin_id}/attached-apis", ok, s.pluginAPIs),
		op("AttachPluginToApi", "POST", p+"/apis/{api_id}/plugins/attach", created, s.attachPluginsToAPI),
		op("DetachPluginFromApi", "PUT", p+"/apis/{api_id}/plugins/detach", none, s.detachPluginsFromAPI),
		op("ListApiAttachedPlugins", "GET", p+"/apis/{api_id}/attached-plugins", ok, s.apiPlugins),
	}
}

// Operation is one control-plane operation the emulator serves, as the
// Huawei Cloud SDK names it.
type Operation struct {
	// Name is the SDK's operation name, for example ListAclStrategiesV2.
	Name string
	// Method and Path are its HTTP method and path template.
	Method, Path string
}

// Operations lists the control-plane operations the emulator serves.
func (s *Server) Operations() []Operation {
	var out []Operation
	for _, op := range s.operations() {
		method, path, _ := strings.Cut(op.pattern, " ")
		out = append(out, Operation{Name: op.name, Method: method, Path: path})
	}
	return out
}
