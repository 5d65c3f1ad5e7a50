// Package sdkhmac signs and verifies Huawei Cloud SDK-HMAC-SHA256 request
// signatures, the AK/SK signature the Huawei Cloud Go SDK
// (github.com/huaweicloud/huaweicloud-sdk-go-v3, core/auth/signer) puts on
// every request.
//
// The canonical request is six parts joined with "\n":
//
//  1. the HTTP method, upper case;
//  2. the canonical URI: each path segment percent-encoded so that only
//     A-Z a-z 0-9 - _ . ~ stay literal (upper-case hex), always ending "/"
//     (the slash is for signing only, never sent);
//  3. the canonical query: keys and values encoded the same way, sorted by
//     key then value, joined as k=v with "&";
//  4. the canonical headers: "name:value" for each signed header (name
//     lower case, value trimmed), sorted, each followed by "\n";
//  5. the signed header names, lower case, sorted, joined with ";";
//  6. the hex SHA-256 of the body, or the literal UNSIGNED-PAYLOAD when the
//     request carries X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD.
//
// The string to sign is "SDK-HMAC-SHA256\n" + X-Sdk-Date + "\n" + the hex
// SHA-256 of the canonical request, and the signature is the hex
// HMAC-SHA256 of it keyed with the secret key itself (no key derivation).
// The Authorization header is
// "SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=HEX".
//
// The server follows whatever SignedHeaders lists: the Go SDK signs every
// header it sets except Content-Type and names with "_" (in practice
// user-agent, x-project-id and x-sdk-date, without host); Huawei's
// documentation examples sign content-type, host and x-sdk-date. A
// [Verifier] insists only that x-sdk-date is signed.
package sdkhmac
