package sdkhmac

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"net/url"
	"slices"
	"strings"
)

// Algorithm is the signature algorithm's name, the Authorization header's
// first word.
const Algorithm = "SDK-HMAC-SHA256"

// DateLayout is the X-Sdk-Date format: UTC, second precision.
const DateLayout = "20060102T150405Z"

// Header names the signature uses.
const (
	HeaderDate          = "X-Sdk-Date"
	HeaderContentSHA256 = "X-Sdk-Content-Sha256"
	HeaderProjectID     = "X-Project-Id"
)

// UnsignedPayload is the payload hash used when X-Sdk-Content-Sha256 says so.
const UnsignedPayload = "UNSIGNED-PAYLOAD"

// Escape percent-encodes s so that only A-Z a-z 0-9 - _ . ~ stay literal,
// with upper-case hex, as the canonical URI and query want.
func Escape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte("0123456789ABCDEF"[c>>4])
		b.WriteByte("0123456789ABCDEF"[c&15])
	}
	return b.String()
}

func unreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}

// CanonicalURI encodes a path (as sent on the wire, still percent-encoded)
// segment by segment and makes it end with "/".
func CanonicalURI(escapedPath string) string {
	segs := strings.Split(escapedPath, "/")
	for i, s := range segs {
		if u, err := url.PathUnescape(s); err == nil {
			s = u
		}
		segs[i] = Escape(s)
	}
	p := strings.Join(segs, "/")
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// CanonicalQuery encodes a query: keys sorted, each key's values sorted,
// both percent-encoded, joined as k=v with "&".
func CanonicalQuery(q url.Values) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(q)) {
		vs := slices.Clone(q[k])
		slices.Sort(vs)
		for _, v := range vs {
			parts = append(parts, Escape(k)+"="+Escape(v))
		}
	}
	return strings.Join(parts, "&")
}

// CanonicalHeaders writes "name:value\n" for each signed header (names
// lower case, values trimmed and sorted). headers is keyed by lower-case
// name.
func CanonicalHeaders(headers map[string][]string, signed []string) string {
	var b strings.Builder
	for _, name := range signed {
		vs := slices.Clone(headers[name])
		slices.Sort(vs)
		for _, v := range vs {
			b.WriteString(name + ":" + strings.TrimSpace(v) + "\n")
		}
	}
	return b.String()
}

// CanonicalRequest joins the six parts of a canonical request.
func CanonicalRequest(method, canonicalURI, canonicalQuery string, headers map[string][]string, signed []string, payloadHash string) string {
	return strings.Join([]string{
		strings.ToUpper(method), canonicalURI, canonicalQuery,
		CanonicalHeaders(headers, signed), strings.Join(signed, ";"), payloadHash,
	}, "\n")
}

// StringToSign is what the secret signs: the algorithm, the date and the
// hex SHA-256 of the canonical request.
func StringToSign(date, canonicalRequest string) string {
	return Algorithm + "\n" + date + "\n" + HashHex([]byte(canonicalRequest))
}

// Signature is the hex HMAC-SHA256 of stringToSign keyed with secret.
func Signature(secret, stringToSign string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(stringToSign))
	return hex.EncodeToString(m.Sum(nil))
}

// HashHex is the lower-case hex SHA-256 of b.
func HashHex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// AuthorizationValue is the Authorization header for a signature.
func AuthorizationValue(accessKey string, signed []string, signature string) string {
	return Algorithm + " Access=" + accessKey + ", SignedHeaders=" + strings.Join(signed, ";") + ", Signature=" + signature
}
