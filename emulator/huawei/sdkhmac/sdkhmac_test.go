package sdkhmac

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// The worked example of Huawei's signing guide (fact sheet §15.7).
const (
	vectorSK        = "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc"
	vectorDate      = "20191115T033655Z"
	vectorCanonHash = "b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a"
	vectorSignature = "7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe"
	vectorURL       = "https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0"
)

func vectorRequest(t *testing.T) *http.Request {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, vectorURL, nil)
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set(HeaderDate, vectorDate)
	return r
}

func TestWorkedVector(t *testing.T) {
	r := vectorRequest(t)
	headers := lowerHeaders(r.Header)
	headers["host"] = []string{r.Host}
	signed := []string{"content-type", "host", "x-sdk-date"}
	canon := CanonicalRequest(r.Method, CanonicalURI(r.URL.EscapedPath()), CanonicalQuery(r.URL.Query()), headers, signed, HashHex(nil))
	if !strings.Contains(canon, "/vpcs/\n") {
		t.Errorf("canonical URI must end with /:\n%s", canon)
	}
	if got := HashHex([]byte(canon)); got != vectorCanonHash {
		t.Fatalf("sha256(canonical request) = %s, want %s\n%s", got, vectorCanonHash, canon)
	}
	if got := Signature(vectorSK, StringToSign(vectorDate, canon)); got != vectorSignature {
		t.Fatalf("signature = %s, want %s", got, vectorSignature)
	}
}

func TestVerifyWorkedVector(t *testing.T) {
	r := vectorRequest(t)
	r.Header.Set("Authorization", AuthorizationValue("AK", []string{"content-type", "host", "x-sdk-date"}, vectorSignature))
	when, _ := time.Parse(DateLayout, vectorDate)
	v := &Verifier{Keys: map[string]string{"AK": vectorSK}, Now: func() time.Time { return when.Add(time.Minute) }}
	if ak, err := v.Verify(r, nil); err != nil || ak != "AK" {
		t.Fatalf("Verify = %q, %v", ak, err)
	}
}

func TestVerifyRejects(t *testing.T) {
	now := time.Date(2026, 11, 1, 10, 0, 0, 0, time.UTC)
	v := &Verifier{Keys: map[string]string{"AK": "secret"}, Now: func() time.Time { return now }}
	body := []byte(`{"name":"g1"}`)
	signed := func(mut func(*http.Request)) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:9080/v2/p/apigw/instances/i/api-groups?a=1", bytes.NewReader(body))
		r.Header.Set("Content-Type", "application/json;charset=UTF-8")
		r.Header.Set(HeaderProjectID, "p")
		Sign(r, body, "AK", "secret", now)
		if mut != nil {
			mut(r)
		}
		return r
	}
	if _, err := v.Verify(signed(nil), body); err != nil {
		t.Fatalf("a well-signed request was rejected: %v", err)
	}
	cases := map[string]struct {
		r       *http.Request
		body    []byte
		expired bool
	}{
		"changed body":   {signed(nil), []byte(`{"name":"g2"}`), false},
		"changed query":  {signed(func(r *http.Request) { r.URL.RawQuery = "a=2" }), body, false},
		"changed header": {signed(func(r *http.Request) { r.Header.Set(HeaderProjectID, "q") }), body, false},
		"unknown key": {signed(func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "Access=AK", "Access=BK", 1))
		}), body, false},
		"no auth": {signed(func(r *http.Request) { r.Header.Del("Authorization") }), body, false},
		"other algorithm": {signed(func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), Algorithm, "SDK-HMAC-SM3", 1))
		}), body, false},
		"stale date": {signed(func(r *http.Request) {
			Sign(r, body, "AK", "secret", now.Add(-16*time.Minute))
		}), body, true},
		"future date": {signed(func(r *http.Request) {
			Sign(r, body, "AK", "secret", now.Add(16*time.Minute))
		}), body, true},
	}
	for name, c := range cases {
		_, err := v.Verify(c.r, c.body)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: err = %v, want an *Error", name, err)
			continue
		}
		if e.Expired != c.expired {
			t.Errorf("%s: Expired = %v, want %v (%v)", name, e.Expired, c.expired, e)
		}
		if strings.Contains(e.Message, "secret\"") {
			t.Errorf("%s: message leaks the secret: %s", name, e.Message)
		}
	}
}

func TestEscapeAndQuery(t *testing.T) {
	if got := Escape("a b/*~"); got != "a%20b%2F%2A~" {
		t.Errorf("Escape = %q", got)
	}
	q := url.Values{"b": {"2", "1"}, "a": {"x y"}}
	if got := CanonicalQuery(q); got != "a=x%20y&b=1&b=2" {
		t.Errorf("CanonicalQuery = %q", got)
	}
	if got := CanonicalURI("/v2/a%20b/c"); got != "/v2/a%20b/c/" {
		t.Errorf("CanonicalURI = %q", got)
	}
	if got := CanonicalURI(""); got != "/" {
		t.Errorf("CanonicalURI(\"\") = %q", got)
	}
}
