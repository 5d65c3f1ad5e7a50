package huawei

import (
	"cmp"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// certNow is the time the certificate checks run at in these tests.
var certNow = time.Date(2030, 6, 1, 12, 0, 0, 0, time.UTC)

// certSpec is a certificate to make: its names and validity, and the
// key it is for.
type certSpec struct {
	dns       []string
	notBefore time.Time
	notAfter  time.Time
}

// validFor is a certificate for domain valid at certNow.
func validFor(domain string) certSpec {
	return certSpec{dns: []string{domain}, notBefore: certNow.AddDate(0, -1, 0), notAfter: certNow.AddDate(1, 0, 0)}
}

// certPEM makes a PEM certificate of spec for key, self-signed.
func certPEM(t *testing.T, spec certSpec, key any, pub any) []byte {
	t.Helper()
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "test"}, DNSNames: spec.dns,
		NotBefore: spec.notBefore, NotAfter: spec.notAfter}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, pub, key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

// keys are the private keys the cases use, PEM-encoded every way APIG
// takes them, and a key of no certificate here.
type keys struct {
	ec, rsa         any
	ecPub, rsaPub   any
	ecSEC1, ecPKCS8 []byte
	rsaPKCS1        []byte
	other           []byte
}

func makeKeys(t *testing.T) keys {
	t.Helper()
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	must(t, err)
	other, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	must(t, err)
	rk, err := rsa.GenerateKey(rand.Reader, 2048)
	must(t, err)
	sec1, err := x509.MarshalECPrivateKey(ec)
	must(t, err)
	p8, err := x509.MarshalPKCS8PrivateKey(ec)
	must(t, err)
	o8, err := x509.MarshalPKCS8PrivateKey(other)
	must(t, err)
	return keys{ec: ec, rsa: rk, ecPub: &ec.PublicKey, rsaPub: &rk.PublicKey,
		ecSEC1:   pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: sec1}),
		ecPKCS8:  pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: p8}),
		rsaPKCS1: pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(rk)}),
		other:    pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: o8})}
}

// secretLines are the base64 lines of a PEM key: an error must hold none.
func secretLines(keyPEM []byte) []string {
	var out []string
	for _, l := range strings.Split(string(keyPEM), "\n") {
		if l != "" && !strings.HasPrefix(l, "-----") {
			out = append(out, l)
		}
	}
	return out
}

func TestCheckCertificate(t *testing.T) {
	k := makeKeys(t)
	const domain = "api.example.com"
	good := certPEM(t, validFor(domain), k.ec, k.ecPub)
	ecParams := []byte("-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n")
	encrypted := pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Headers: map[string]string{"Proc-Type": "4,ENCRYPTED", "DEK-Info": "AES-128-CBC,00112233445566778899AABBCCDDEEFF"}, Bytes: []byte("sealed")})
	cases := []struct {
		name string
		// crt and key are the files' contents; nil writes no file.
		crt, key []byte
		// setup changes the directory after the files are written.
		setup func(t *testing.T, dir string)
		// dir overrides the certificate directory ("-" for none).
		dir    string
		cert   string // the certificate name, "c_cert" when ""
		domain string // domain when ""
		want   string // a fragment of the error; "" for none
	}{
		{name: "EC key, SEC 1", crt: good, key: k.ecSEC1},
		{name: "EC key, PKCS #8", crt: good, key: k.ecPKCS8},
		{name: "EC key after its parameters", crt: good, key: append(append([]byte{}, ecParams...), k.ecSEC1...)},
		{name: "RSA key, PKCS #1, with a chain", crt: append(certPEM(t, validFor(domain), k.rsa, k.rsaPub), good...), key: k.rsaPKCS1},
		{name: "wildcard certificate", crt: certPEM(t, validFor("*.example.com"), k.ec, k.ecPub), key: k.ecSEC1},
		{name: "no certificate directory", crt: good, key: k.ecSEC1, dir: "-",
			want: "its PEM files are read from $GWSYNC_HUAWEI_CERT_DIR, which is not set: set it to a directory holding c_cert.crt and c_cert.key"},
		{name: "a name with a directory", crt: good, key: k.ecSEC1, cert: "../c_cert",
			want: `certificate name "../c_cert" cannot name a file`},
		{name: "missing certificate", key: k.ecSEC1,
			want: "c_cert.crt does not exist: put the certificate's PEM chain there, or correct the certificate name or GWSYNC_HUAWEI_CERT_DIR"},
		{name: "missing key", crt: good,
			want: "c_cert.key does not exist: put its PEM private key there"},
		{name: "certificate unreadable: a directory", key: k.ecSEC1,
			setup: func(t *testing.T, dir string) { must(t, os.Mkdir(filepath.Join(dir, "c_cert.crt"), 0o700)) },
			want:  "c_cert.crt cannot be read: is a directory; put the certificate's PEM chain there"},
		{name: "key unreadable: no permission", crt: good, key: k.ecSEC1,
			setup: func(t *testing.T, dir string) {
				if os.Geteuid() == 0 {
					t.Skip("root reads every file")
				}
				must(t, os.Chmod(filepath.Join(dir, "c_cert.key"), 0))
			},
			want: "c_cert.key cannot be read (permission denied)"},
		{name: "certificate not PEM (DER)", crt: mustDER(t, good), key: k.ecSEC1,
			want: "c_cert.crt is not PEM: it must hold the certificate as a -----BEGIN CERTIFICATE----- block"},
		{name: "empty certificate", crt: []byte{}, key: k.ecSEC1, want: "c_cert.crt is not PEM"},
		{name: "files swapped", crt: k.ecSEC1, key: good,
			want: "c_cert.crt holds a private key where its certificate chain should be (PEM block 1)"},
		{name: "key appended to the certificate", crt: append(append([]byte{}, good...), k.ecSEC1...), key: k.ecSEC1,
			want: "c_cert.crt holds a private key where its certificate chain should be (PEM block 2): it must hold CERTIFICATE blocks only; the private key goes in the .key file"},
		{name: "certificate block that does not parse", crt: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte("nonsense")}), key: k.ecSEC1,
			want: "c_cert.crt: its first CERTIFICATE block is not a certificate X.509 can read"},
		{name: "key not PEM", crt: good, key: []byte("not a key\n"),
			want: "c_cert.key is not PEM: it must hold the private key as a -----BEGIN PRIVATE KEY----- block"},
		{name: "key is a certificate", crt: good, key: good,
			want: "c_cert.key holds a certificate where the private key should be"},
		{name: "key of another PEM type", crt: good, key: pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: []byte("x")}),
			want: "c_cert.key holds a PEM block that is neither a certificate nor a private key where the private key should be"},
		{name: "encrypted key (traditional)", crt: good, key: encrypted,
			want: "c_cert.key holds an encrypted private key, which APIG refuses (APIG.2105): decrypt it"},
		{name: "encrypted key (PKCS #8)", crt: good, key: pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: []byte("sealed")}),
			want: "APIG.2105"},
		{name: "key block that does not parse", crt: good, key: pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: []byte("nonsense")}),
			want: "c_cert.key: its PRIVATE KEY block does not parse: export the key again"},
		{name: "key of another certificate", crt: good, key: k.other,
			want: "the private key in " + "DIR/c_cert.key is not the key of the certificate in DIR/c_cert.crt (APIG would refuse it: APIG.2101)"},
		{name: "expired", crt: certPEM(t, certSpec{dns: []string{domain}, notBefore: certNow.AddDate(-2, 0, 0), notAfter: certNow.AddDate(0, 0, -1)}, k.ec, k.ecPub), key: k.ecSEC1,
			want: "c_cert.crt expired on 2030-05-31 (APIG would refuse it: APIG.2102): renew it"},
		{name: "not yet valid", crt: certPEM(t, certSpec{dns: []string{domain}, notBefore: certNow.AddDate(0, 0, 1), notAfter: certNow.AddDate(1, 0, 0)}, k.ec, k.ecPub), key: k.ecSEC1,
			want: "c_cert.crt is not valid until 2030-06-02"},
		{name: "another domain", crt: good, key: k.ecSEC1, domain: "shop.example.com",
			want: `the certificate in DIR/c_cert.crt is not for domain shop.example.com, only for "api.example.com" (APIG would refuse it: APIG.2103)`},
		{name: "no subjectAltName", crt: certPEM(t, certSpec{notBefore: certNow.AddDate(0, -1, 0), notAfter: certNow.AddDate(1, 0, 0)}, k.ec, k.ecPub), key: k.ecSEC1,
			want: "has no DNS names in its subjectAltName (APIG would refuse it: APIG.2109)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeIf(t, filepath.Join(dir, "c_cert.crt"), tc.crt)
			writeIf(t, filepath.Join(dir, "c_cert.key"), tc.key)
			if tc.setup != nil {
				tc.setup(t, dir)
			}
			certDir := dir
			if tc.dir == "-" {
				certDir = ""
			}
			err := CheckCertificate(certDir, cmp.Or(tc.cert, "c_cert"), cmp.Or(tc.domain, domain), certNow)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("CheckCertificate: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("CheckCertificate: no error, want %q", tc.want)
			}
			msg := strings.ReplaceAll(err.Error(), dir, "DIR")
			if !strings.Contains(msg, tc.want) {
				t.Errorf("CheckCertificate:\n got %s\nwant %s", msg, tc.want)
			}
			for _, secret := range append(secretLines(tc.key), secretLines(k.ecSEC1)...) {
				if strings.Contains(msg, secret) {
					t.Errorf("the error shows the key file's contents: %s", msg)
				}
			}
		})
	}
}

// writeIf writes b to path, unless b is nil.
func writeIf(t *testing.T, path string, b []byte) {
	t.Helper()
	if b != nil {
		must(t, os.WriteFile(path, b, 0o600))
	}
}

// mustDER is the DER body of a PEM certificate.
func mustDER(t *testing.T, p []byte) []byte {
	t.Helper()
	block, _ := pem.Decode(p)
	if block == nil {
		t.Fatal("not PEM")
	}
	return block.Bytes
}
