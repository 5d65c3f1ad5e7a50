// Package huawei is gwsync's provider for Huawei Cloud API Gateway (APIG,
// dedicated instances, API v2).
//
// [Client] sends APIG calls through the official Go SDK
// (github.com/huaweicloud/huaweicloud-sdk-go-v3: the ApigClient's HTTP
// client, its SDK-HMAC-SHA256 signer with AK/SK and project ID, its error
// handling), with request and answer bodies kept as raw JSON. Operations
// carry the SDK's names (ListAclStrategiesV2, ...) in errors, and what is
// sent and read is held to the SDK's models (v0.1.188) by the conformance
// test (conformance_test.go): the types answers are decoded into hold
// only keys the answer's model has. The one key sent that no SDK model
// has is a mock's status_code, sent only when the desired state writes
// it. The SDK takes no context; the client's transport gives each request
// its caller's, so a cancelled apply stops its calls. Calls are
// retried only by cause (429, 5xx, APIG.3500 "failed to synchronize data
// to etcd", APIG.9999, network errors), with jittered exponential backoff
// and a bound; every other answer is permanent and comes back as an
// [*APIError]. A QPS limit is optional. The secret key never appears in
// an error, a log line or a printed [Config].
//
// [Gateway] is APIG behind sync.Gateway:
//   - Read reads a whole instance into a model.Live whose State.Huawei is
//     spelled as the desired state spells it (retry_count a number,
//     acl_value a list, plugin_content structured), with IDs keyed by
//     resource path and by hwsync.PublicationKey and
//     hwsync.BindingKey.
//   - Execute makes one change of a plan: create, update and delete of
//     environments, groups, environment variables, APIs, throttles, ACLs,
//     plugins and a group's domains (with the domain's certificate and
//     HTTP-to-HTTPS redirect); publish and take offline (deploy and
//     undeploy of an api); attach and detach of policy bindings.
//   - DeployStatus reports Deployed: an API is online when its publish
//     call returns.
//
// A certificate is named in the desired state; its PEM chain and key are
// read from <Config.CertDir>/<name>.crt and <name>.key
// (GWSYNC_HUAWEI_CERT_DIR) and bound with AssociateCertificateV2. A
// group's answer does not say whether a domain redirects HTTP to HTTPS;
// the read asks the domain's certificate (ListAttachedDomainsV2), and a
// domain without a certificate cannot redirect.
//
// The same client talks to Huawei Cloud
// (https://apig.<region>.myhuaweicloud.com) and to gwsync's emulator (a loopback endpoint over
// plain HTTP, which is allowed for loopback addresses only).
package huawei
