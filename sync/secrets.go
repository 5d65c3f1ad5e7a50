package sync

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// What views mask: a value is a secret by its key's name (secret,
// password, token, ...), by a sibling key that names a credential header
// (a HeaderModify entry {name: "Authorization", value: "Bearer ..."}), or
// by its own shape (a bearer token, a JWT, a cloud access key, a private
// key). Masked values are still shown to differ.

// sensitiveKey matches the names of fields that hold secrets.
var sensitiveKey = regexp.MustCompile(`(?i)(secret|password|passwd|token|credential|private|api_?key|access_?key|jwks|^key$)`)

// Sensitive reports whether the field at a JSON pointer holds a secret (a
// key named like secret, password, token, ...): views mask its value.
func Sensitive(pointer string) bool {
	for _, part := range strings.Split(pointer, "/") {
		if part != "" && sensitiveKey.MatchString(part) {
			return true
		}
	}
	return false
}

// credentialHeaders are the headers whose values are credentials.
var credentialHeaders = []string{"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key",
	"api-key", "apikey", "x-auth-token", "x-access-token", "x-csrf-token", "x-amz-security-token", "x-acs-security-token"}

// headerNameKeys are the keys that name a header beside its value.
var headerNameKeys = []string{"name", "key", "header", "headerName"}

// secretShapes match values that are credentials whatever their key.
var secretShapes = []*regexp.Regexp{
	regexp.MustCompile(`(?i)^(bearer|basic|token|digest|negotiate)\s+\S`),
	regexp.MustCompile(`^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$`), // JWT
	regexp.MustCompile(`^(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}$|^github_pat_\w{20,}$`),
	regexp.MustCompile(`^xox[abprs]-[A-Za-z0-9-]{10,}$`),
	regexp.MustCompile(`^(AKIA|ASIA)[0-9A-Z]{16}$|^LTAI[0-9A-Za-z]{12,}$`),
	regexp.MustCompile(`^(sk|rk)_(live|test)_[0-9A-Za-z]{10,}$`),
	regexp.MustCompile(`-----BEGIN [A-Z ]*PRIVATE KEY-----`),
}

// LooksSecret reports whether a value is shaped like a credential: a
// bearer or basic token, a JWT, a known token or key format, a private
// key, or a long random string mixing upper case, lower case and digits.
func LooksSecret(v any) bool {
	s, ok := v.(string)
	if !ok {
		return false
	}
	s = strings.TrimSpace(s)
	for _, re := range secretShapes {
		if re.MatchString(s) {
			return true
		}
	}
	return looksRandom(s)
}

// looksRandom reports a token-like string: 32 or more characters of a
// base64 or URL-safe alphabet mixing upper case, lower case and digits
// (IDs, hashes and names are not mixed case).
func looksRandom(s string) bool {
	if len(s) < 32 || strings.ContainsAny(s, " \t\n") {
		return false
	}
	var upper, lower, digit bool
	for _, r := range s {
		switch {
		case 'A' <= r && r <= 'Z':
			upper = true
		case 'a' <= r && r <= 'z':
			lower = true
		case '0' <= r && r <= '9':
			digit = true
		case !strings.ContainsRune("+/=_.-", r):
			return false
		}
	}
	return upper && lower && digit
}

// secretLeaves lists the JSON pointers of a document's leaves that hold
// secrets by a sibling's header name or by their shape (the key names
// are Sensitive's). A list of strings is one leaf, secret if any element
// is.
func secretLeaves(v any) map[string]bool {
	out := map[string]bool{}
	walkSecrets(out, "", v)
	return out
}

func walkSecrets(out map[string]bool, path string, v any) {
	switch t := v.(type) {
	case map[string]any:
		credential := namesCredentialHeader(t)
		for k, e := range t {
			p := path + "/" + escapePointer(k)
			if credential && !slices.Contains(headerNameKeys, k) {
				markAll(out, p, e)
				continue
			}
			walkSecrets(out, p, e)
		}
	case []any:
		if !hasObjects(t) {
			if slices.ContainsFunc(t, LooksSecret) {
				out[path] = true
			}
			return
		}
		for i, e := range t {
			walkSecrets(out, path+"/"+strconv.Itoa(i), e)
		}
	default:
		if LooksSecret(t) {
			out[path] = true
		}
	}
}

// namesCredentialHeader reports an object that names a credential header
// beside its value.
func namesCredentialHeader(m map[string]any) bool {
	for _, k := range headerNameKeys {
		if name, ok := m[k].(string); ok && slices.Contains(credentialHeaders, strings.ToLower(strings.TrimSpace(name))) {
			return true
		}
	}
	return false
}

// markAll marks every leaf under path as a secret.
func markAll(out map[string]bool, path string, v any) {
	for p := range flatten(map[string]any{"": v}) {
		out[path+strings.TrimPrefix(p, "/")] = true
	}
}

// SensitiveMask replaces a secret's value in views.
const SensitiveMask = "(sensitive)"

// Masked returns a document as plain JSON values with every secret value
// replaced by SensitiveMask, for showing.
func Masked(d Document) any {
	v := toJSON(d)
	return mask("", v, secretLeaves(v))
}

func mask(path string, v any, secrets map[string]bool) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			out[k] = mask(path+"/"+escapePointer(k), e, secrets)
		}
		return out
	case []any:
		if secrets[path] {
			return SensitiveMask
		}
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = mask(path+"/"+strconv.Itoa(i), e, secrets)
		}
		return out
	}
	if v != nil && (Sensitive(path) || secrets[path]) {
		return SensitiveMask
	}
	return v
}
