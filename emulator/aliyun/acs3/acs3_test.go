package acs3_test

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gwsync/gwsync/emulator/aliyun/acs3"
)

// Values from the fact sheet (/work/shared/reference/aliyun-apig-api.md §2).
const (
	probeAK     = "testAK"
	probeSecret = "testSecret"
	probeHost   = "127.0.0.1:45195"
	probeDate   = "2026-11-23T11:57:56Z"
	emptyHash   = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

	getPath      = "/v1/http-apis/api-1/routes"
	getWireQuery = "empty=&nameLike=a+b%2A~%2B%2F&pageNumber=1&pageSize=100"
	getNonce     = "8d086d5ae067aa442b55c714cd8c6586"
	getSignature = "fb52a643439de2f97271659ce611db0a55ab47d39fa186f484b31f7142e63a9a"

	postPath      = "/v1/http-apis/api-x%20y%2A~/routes"
	postBody      = `{"match":{"methods":["GET"],"path":{"type":"Prefix","value":"/user&<x>"}},"name":"login"}`
	postBodyHash  = "582e17353613f9f4416399fd3bccae2856b4602c2f7ca4167aba17612dc9b1a4"
	postNonce     = "f1f0000c54dbf5c1824489e993ab8d0e"
	postSignature = "58ea5d610247b352ba1fdb957a5d28ff42fd6da058ad6d499076b39067124c40"
	postCT        = "application/json; charset=utf-8"

	getSigned  = "host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version"
	postSigned = "content-type;" + getSigned
)

var probeTime = time.Date(2026, 11, 23, 11, 57, 56, 0, time.UTC)

// probeHeaders returns the signed headers of a PROBE vector (host included).
func probeHeaders(action, nonce, hash string) http.Header {
	h := http.Header{}
	h.Set("host", probeHost)
	h.Set("x-acs-action", action)
	h.Set("x-acs-content-sha256", hash)
	h.Set("x-acs-credentials-provider", "static_ak")
	h.Set("x-acs-date", probeDate)
	h.Set("x-acs-signature-nonce", nonce)
	h.Set("x-acs-version", "2024-03-27")
	return h
}

func mustParseQuery(t testing.TB, raw string) url.Values {
	t.Helper()
	q, err := url.ParseQuery(raw)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestVectors(t *testing.T) {
	oaHeaders := http.Header{}
	oaHeaders.Add("x-acs-test", "http")
	oaHeaders.Add("x-acs-TEST", "https")
	oaHash := "55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23"
	postHeaders := probeHeaders("CreateHttpApiRoute", postNonce, postBodyHash)
	postHeaders.Set("content-type", postCT)

	tests := []struct {
		name, method, path string
		query              url.Values
		headers            http.Header
		signed             []string
		hash, secret       string
		wantCanonical      string // empty: not checked
		wantSig            string
	}{
		{
			name: "OA unit test", method: "", path: "",
			query:   url.Values{"test": {"ok"}, "empty": {""}},
			headers: oaHeaders, signed: []string{"x-acs-test"}, hash: oaHash, secret: "secret",
			wantCanonical: "\n/\nempty=&test=ok\nx-acs-test:http,https\n\nx-acs-test\n" + oaHash,
			wantSig:       "4ab59fffe3c5738ff8a2729f90cc04fe18b02a4b15b2102cbaf92f9ff3df2ea3",
		},
		{
			name: "OA unit test, raw non-canonical header keys", method: "", path: "",
			query:   url.Values{"test": {"ok"}, "empty": {""}},
			headers: http.Header{"x-acs-test": {"http"}, "x-acs-TEST": {" https "}},
			signed:  []string{"X-ACS-TEST"}, hash: oaHash, secret: "secret",
			wantSig: "4ab59fffe3c5738ff8a2729f90cc04fe18b02a4b15b2102cbaf92f9ff3df2ea3",
		},
		{
			name: "PROBE GET", method: "GET", path: getPath,
			query:   mustParseQuery(t, getWireQuery),
			headers: probeHeaders("ListHttpApiRoutes", getNonce, emptyHash),
			signed:  strings.Split(getSigned, ";"), hash: emptyHash, secret: probeSecret,
			wantCanonical: "GET\n" + getPath + "\nempty=&nameLike=a%20b%2A~%2B%2F&pageNumber=1&pageSize=100\n" +
				"host:" + probeHost + "\nx-acs-action:ListHttpApiRoutes\nx-acs-content-sha256:" + emptyHash +
				"\nx-acs-credentials-provider:static_ak\nx-acs-date:" + probeDate +
				"\nx-acs-signature-nonce:" + getNonce + "\nx-acs-version:2024-03-27\n\n" + getSigned + "\n" + emptyHash,
			wantSig: getSignature,
		},
		{
			name: "PROBE POST", method: "POST", path: postPath,
			headers: postHeaders, signed: strings.Split(postSigned, ";"),
			hash: acs3.PayloadHash([]byte(postBody)), secret: probeSecret,
			wantSig: postSignature,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cr := acs3.CanonicalRequest(tc.method, tc.path, tc.query, tc.headers, tc.signed, tc.hash)
			if tc.wantCanonical != "" && cr != tc.wantCanonical {
				t.Errorf("canonical request:\n%q\nwant\n%q", cr, tc.wantCanonical)
			}
			if got := acs3.Sign(tc.secret, cr); got != tc.wantSig {
				t.Errorf("signature %s, want %s", got, tc.wantSig)
			}
		})
	}
}

func TestPayloadHash(t *testing.T) {
	if got := acs3.PayloadHash(nil); got != emptyHash {
		t.Errorf("empty body hash %s", got)
	}
	if got := acs3.PayloadHash([]byte(postBody)); got != postBodyHash {
		t.Errorf("POST body hash %s, want %s", got, postBodyHash)
	}
}

func TestCanonicalPieces(t *testing.T) {
	uris := map[string]string{"": "/", "/a+b*c%7Ed%7e": "/a%20b%2Ac~d%7e", "/x%2Fy": "/x%2Fy"}
	for in, want := range uris {
		if got := acs3.CanonicalURI(in); got != want {
			t.Errorf("CanonicalURI(%q) = %q, want %q", in, got, want)
		}
	}
	queries := []struct {
		in   url.Values
		want string
	}{
		{nil, ""},
		{url.Values{"b": {"2", "1"}, "a": {""}, "B": {"x"}}, "B=x&a=&b=1&b=2"},
		{url.Values{"k": {"é &=~-_.!'()"}}, "k=%C3%A9%20%26%3D~-_.%21%27%28%29"},
	}
	for _, q := range queries {
		if got := acs3.CanonicalQuery(q.in); got != q.want {
			t.Errorf("CanonicalQuery(%v) = %q, want %q", q.in, got, q.want)
		}
	}
}

// probeRequest builds, as a server would receive it, the PROBE GET or POST
// request with the signature recorded in the fact sheet.
func probeRequest(post bool) (*http.Request, []byte) {
	method, target, action, nonce, hash, signed, sig := "GET", getPath+"?"+getWireQuery,
		"ListHttpApiRoutes", getNonce, emptyHash, getSigned, getSignature
	var body []byte
	if post {
		method, target, action, nonce, hash, signed, sig = "POST", postPath,
			"CreateHttpApiRoute", postNonce, postBodyHash, postSigned, postSignature
		body = []byte(postBody)
	}
	r := httptest.NewRequest(method, target, bytes.NewReader(body))
	r.Host = probeHost
	for k, vs := range probeHeaders(action, nonce, hash) {
		if k != "Host" {
			r.Header[k] = vs
		}
	}
	if post {
		r.Header.Set("Content-Type", postCT)
	}
	r.Header.Set("User-Agent", "AlibabaCloud (linux; amd64) Golang/1.26 Core/0.01 TeaDSL/2")
	r.Header.Set("Accept", "application/json")
	r.Header.Set("Authorization", acs3.Algorithm+" Credential="+probeAK+",SignedHeaders="+signed+",Signature="+sig)
	return r, body
}

func newVerifier(at time.Time) *acs3.Verifier {
	return &acs3.Verifier{
		Keys: map[string]string{probeAK: probeSecret, "otherAK": "otherSecret"},
		Now:  func() time.Time { return at },
	}
}

func TestVerifyAcceptsProbe(t *testing.T) {
	for _, post := range []bool{false, true} {
		t.Run(fmt.Sprintf("post=%v", post), func(t *testing.T) {
			r, body := probeRequest(post)
			ak, err := newVerifier(probeTime).Verify(r, body)
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if ak != probeAK {
				t.Errorf("access key %q", ak)
			}
		})
	}
}

// resign re-signs r with SignRequest after the test changed it.
func resign(t *testing.T, r *http.Request, body []byte, ak, secret string) {
	t.Helper()
	r.Header.Del("Authorization")
	if err := acs3.SignRequest(r, body, ak, secret); err != nil {
		t.Fatal(err)
	}
}

func TestVerifyRejects(t *testing.T) {
	type mutate func(t *testing.T, r *http.Request, body []byte) []byte
	tests := []struct {
		name   string
		post   bool
		at     time.Time
		mutate mutate
		status int
		code   string
	}{
		{"wrong secret", false, probeTime, func(t *testing.T, r *http.Request, b []byte) []byte {
			resign(t, r, b, probeAK, "notTheSecret")
			return b
		}, 403, acs3.CodeSignatureDoesNotMatch},
		{"changed body byte", true, probeTime, func(t *testing.T, r *http.Request, b []byte) []byte {
			return bytes.Replace(b, []byte("login"), []byte("logon"), 1)
		}, 403, acs3.CodeSignatureDoesNotMatch},
		{"changed body with matching hash header", true, probeTime, func(t *testing.T, r *http.Request, b []byte) []byte {
			b = bytes.Replace(b, []byte("login"), []byte("logon"), 1)
			r.Header.Set("x-acs-content-sha256", acs3.PayloadHash(b))
			return b
		}, 403, acs3.CodeSignatureDoesNotMatch},
		{"changed query value", false, probeTime, func(t *testing.T, r *http.Request, b []byte) []byte {
			setTarget(r, getPath+"?"+strings.Replace(getWireQuery, "pageSize=100", "pageSize=10", 1))
			return b
		}, 403, acs3.CodeSignatureDoesNotMatch},
		{"added query parameter", false, probeTime, func(t *testing.T, r *http.Request, b []byte) []byte {
			setTarget(r, getPath+"?"+getWireQuery+"&pageSize=1")
			return b
		}, 403, acs3.CodeSignatureDoesNotMatch},
		{"changed path", true, probeTime, func(t *testing.T, r *http.Request, b []byte) []byte {
			setTarget(r, "/v1/http-apis/api-y/routes")
			return b
		}, 403, acs3.CodeSignatureDoesNotMatch},
		{"changed host", false, probeTime, func(t *testing.T, r *http.Request, b []byte) []byte {
			r.Host = "127.0.0.1:1"
			return b
		}, 403, acs3.CodeSignatureDoesNotMatch},
		{"changed signed header", false, probeTime, func(t *testing.T, r *http.Request, b []byte) []byte {
			r.Header.Set("x-acs-action", "DeleteHttpApi")
			return b
		}, 403, acs3.CodeSignatureDoesNotMatch},
		{"unsigned x-acs header", false, probeTime, func(t *testing.T, r *http.Request, b []byte) []byte {
			r.Header.Set("x-acs-security-token", "t")
			return b
		}, 403, acs3.CodeSignatureDoesNotMatch},
		{"nonce not signed", false, probeTime, func(t *testing.T, r *http.Request, b []byte) []byte {
			replaceAuth(r, ";x-acs-signature-nonce", "")
			return b
		}, 403, acs3.CodeSignatureDoesNotMatch},
		{"unknown access key", false, probeTime, func(t *testing.T, r *http.Request, b []byte) []byte {
			replaceAuth(r, "Credential="+probeAK, "Credential=nobody")
			return b
		}, 404, acs3.CodeInvalidAccessKeyID},
		{"other key's credential", false, probeTime, func(t *testing.T, r *http.Request, b []byte) []byte {
			replaceAuth(r, "Credential="+probeAK, "Credential=otherAK")
			return b
		}, 403, acs3.CodeSignatureDoesNotMatch},
		{"date too old", false, probeTime.Add(15*time.Minute + time.Second), nil, 403, acs3.CodeTimeStampExpired},
		{"date in the future", false, probeTime.Add(-16 * time.Minute), nil, 403, acs3.CodeTimeStampExpired},
		{"unparsable date", false, probeTime, func(t *testing.T, r *http.Request, b []byte) []byte {
			r.Header.Set("x-acs-date", "2026-11-23 11:57:56")
			return b
		}, 400, acs3.CodeTimeStampFormat},
		{"missing Authorization", false, probeTime, func(t *testing.T, r *http.Request, b []byte) []byte {
			r.Header.Del("Authorization")
			return b
		}, 401, acs3.CodeMissingAuthorization},
		{"unsupported algorithm", false, probeTime, func(t *testing.T, r *http.Request, b []byte) []byte {
			replaceAuth(r, acs3.Algorithm, "ACS3-HMAC-SM3")
			return b
		}, 400, acs3.CodeIncompleteSignature},
		{"malformed signature", false, probeTime, func(t *testing.T, r *http.Request, b []byte) []byte {
			replaceAuth(r, getSignature, "zz")
			return b
		}, 400, acs3.CodeIncompleteSignature},
		{"unsorted SignedHeaders", false, probeTime, func(t *testing.T, r *http.Request, b []byte) []byte {
			replaceAuth(r, "host;x-acs-action", "x-acs-action;host")
			return b
		}, 400, acs3.CodeIncompleteSignature},
		{"malformed query", false, probeTime, func(t *testing.T, r *http.Request, b []byte) []byte {
			setTarget(r, getPath+"?a=%zz")
			return b
		}, 400, acs3.CodeInvalidParameter},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, body := probeRequest(tc.post)
			if tc.mutate != nil {
				body = tc.mutate(t, r, body)
			}
			_, err := newVerifier(tc.at).Verify(r, body)
			checkErr(t, err, tc.status, tc.code)
		})
	}
}

// setTarget changes the request-target of a server-side request.
func setTarget(r *http.Request, target string) {
	r.RequestURI = target
	r.URL, _ = url.ParseRequestURI(target)
}

// replaceAuth edits the Authorization header in place.
func replaceAuth(r *http.Request, old, new string) {
	r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), old, new, 1))
}

// checkErr checks that err is an *acs3.Error with the status and code, whose
// message leaks neither a secret nor the PROBE signatures.
func checkErr(t *testing.T, err error, status int, code string) {
	t.Helper()
	var e *acs3.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T), want *acs3.Error", err, err)
	}
	t.Logf("%d %s: %s", e.Status, e.Code, e.Message)
	if e.Status != status || e.Code != code {
		t.Errorf("got %d %s (%s), want %d %s", e.Status, e.Code, e.Message, status, code)
	}
	for _, s := range []string{probeSecret, "otherSecret", "notTheSecret", getSignature, postSignature} {
		if strings.Contains(e.Message, s) {
			t.Errorf("message %q contains %q", e.Message, s)
		}
	}
	if e.Message == "" || !strings.Contains(e.Error(), e.Code) {
		t.Errorf("bad message/Error(): %q", e.Error())
	}
}

func TestVerifyReplay(t *testing.T) {
	v := newVerifier(probeTime)
	r, body := probeRequest(true)
	if _, err := v.Verify(r, body); err != nil {
		t.Fatal(err)
	}
	r, body = probeRequest(true)
	_, err := v.Verify(r, body)
	checkErr(t, err, 403, acs3.CodeSignatureNonceUsed)

	// The same nonce under another AccessKey is a different nonce.
	r, body = probeRequest(true)
	resign(t, r, body, "otherAK", "otherSecret")
	if _, err := v.Verify(r, body); err != nil {
		t.Errorf("same nonce, other AccessKey: %v", err)
	}
}

func TestForgeryDoesNotBurnNonce(t *testing.T) {
	v := newVerifier(probeTime)
	forged, body := probeRequest(false)
	resign(t, forged, body, probeAK, "guessedSecret")
	_, err := v.Verify(forged, body)
	checkErr(t, err, 403, acs3.CodeSignatureDoesNotMatch)
	genuine, body := probeRequest(false)
	if _, err := v.Verify(genuine, body); err != nil {
		t.Fatalf("genuine request after forgery with the same nonce: %v", err)
	}
}

func TestVerifyConcurrentReplay(t *testing.T) {
	v := newVerifier(probeTime)
	var accepted, replayed atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 32; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, body := probeRequest(i%2 == 0)
			_, err := v.Verify(r, body)
			var e *acs3.Error
			switch {
			case err == nil:
				accepted.Add(1)
			case errors.As(err, &e) && e.Code == acs3.CodeSignatureNonceUsed:
				replayed.Add(1)
			default:
				t.Errorf("unexpected error %v", err)
			}
		}()
	}
	wg.Wait()
	if accepted.Load() != 2 || replayed.Load() != 30 {
		t.Errorf("accepted %d, replayed %d; want 2 and 30", accepted.Load(), replayed.Load())
	}
}

func TestSignRequestRoundTrip(t *testing.T) {
	body := []byte(`{"a":"<&>"}`)
	r := httptest.NewRequest("PUT", "/v1/x%2Fy/z?b=1+2&a=&c=%7E", bytes.NewReader(body))
	r.Host = "emu.local:8080"
	r.Header.Set("Content-Type", postCT)
	r.Header.Set("x-acs-action", "UpdateX")
	if err := acs3.SignRequest(r, body, probeAK, probeSecret); err != nil {
		t.Fatal(err)
	}
	v := &acs3.Verifier{Keys: map[string]string{probeAK: probeSecret}}
	if _, err := v.Verify(r, body); err != nil {
		t.Fatalf("Verify after SignRequest (real clock): %v", err)
	}
	if _, err := v.Verify(r, body); err == nil {
		t.Fatal("replay accepted")
	}
}

// FuzzVerify feeds arbitrary paths, queries, headers, bodies and
// Authorization values. Verify must not panic, must reject anything not
// signed with the right secret, must accept a correctly signed request
// with a well-formed extra header, and must never put the secret in a
// message.
func FuzzVerify(f *testing.F) {
	f.Add(getPath, getWireQuery, "x-acs-action", "ListHttpApiRoutes", []byte(nil), "")
	f.Add(postPath, "", "Content-Type", postCT, []byte(postBody), acs3.Algorithm+" Credential=testAK,SignedHeaders=host,Signature=00")
	f.Add("/a+b*%7E", "k=a+b&k=%2B&=x", "X-ACS-Odd", "  v  ", []byte("x"), "ACS3-HMAC-SHA256 Credential=,,,=")
	f.Add("", ";", "x-acs-a;b", "v", []byte{}, "ACS3-HMAC-SHA256")
	const secret = "fuzz-Secret-7Qw9"
	f.Fuzz(func(t *testing.T, path, query, hname, hval string, body []byte, auth string) {
		target := path
		if query != "" {
			target += "?" + query
		}
		u, err := url.ParseRequestURI(target)
		if err != nil {
			return
		}
		newReq := func() *http.Request {
			r := &http.Request{Method: "POST", URL: u, RequestURI: target, Host: "emu.test", Header: http.Header{}}
			if hname != "" {
				r.Header[hname] = []string{hval}
			}
			r.Header.Set("x-acs-date", probeDate)
			r.Header.Set("x-acs-signature-nonce", "fuzz-nonce")
			return r
		}
		leaky := strings.Contains(path+query+hname+hval+auth+string(body), secret)
		check := func(what string, r *http.Request, want outcome) {
			v := &acs3.Verifier{Keys: map[string]string{"fuzzAK": secret}, Now: func() time.Time { return probeTime }}
			_, err := v.Verify(r, body)
			var e *acs3.Error
			switch {
			case err == nil && want == mustReject:
				t.Fatalf("%s: accepted", what)
			case err != nil && !errors.As(err, &e):
				t.Fatalf("%s: error %T is not *acs3.Error", what, err)
			case err != nil && !leaky && strings.Contains(e.Message, secret):
				t.Fatalf("%s: message leaks the secret: %q", what, e.Message)
			case err != nil && want == mustAccept:
				t.Fatalf("%s: rejected: %v", what, err)
			}
		}

		r := newReq()
		if acs3.SignRequest(r, body, "fuzzAK", secret) != nil {
			return // unparsable query: nothing can be signed
		}
		good := r.Header.Get("Authorization")
		want := mayReject
		if wellFormedHeader(hname) {
			want = mustAccept
		}
		check("correctly signed", r, want)

		r = newReq()
		_ = acs3.SignRequest(r, body, "fuzzAK", "wrong-"+secret)
		check("wrong secret", r, mustReject)

		r = newReq()
		_ = acs3.SignRequest(r, body, "fuzzAK", secret)
		r.Header.Set("Authorization", auth)
		if auth != good {
			check("fuzzed Authorization", r, mustReject)
		}
	})
}

// outcome is what FuzzVerify expects of Verify.
type outcome int

const (
	mustAccept outcome = iota
	mustReject
	mayReject
)

// wellFormedHeader reports whether an extra header can be sent and signed
// without interfering with the required headers: it is absent, or its name
// is an HTTP token other than the headers the fuzz test sets itself.
func wellFormedHeader(name string) bool {
	switch strings.ToLower(name) {
	case "":
		return true
	case "host", "authorization", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256":
		return false
	}
	for _, c := range name {
		if !strings.ContainsRune("!#$%&'*+-.^_`|~", c) && !('0' <= c && c <= '9') && !('a' <= c && c <= 'z') && !('A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}
