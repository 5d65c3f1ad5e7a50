package huawei

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// A domain's certificate is bound with its PEM files, which the desired
// state names by the certificate's name: <name>.crt (the certificate,
// then its chain) and <name>.key (its private key, unencrypted) in the
// certificate directory (Config.CertDir, $GWSYNC_HUAWEI_CERT_DIR).
// CheckCertificate checks them as APIG checks a certificate when it is
// bound, so that plan reports what apply would fail on, before anything
// is applied. What the files hold is never put into an error: a key is a
// secret.

// certificateFiles are the paths of the PEM files of certificate name in
// dir: the certificate chain and the private key.
func certificateFiles(dir, name string) (crt, key string) {
	base := filepath.Join(dir, name)
	return base + ".crt", base + ".key"
}

// readCertificate reads the PEM files of certificate name from dir. The
// error names the file and says what to change.
func readCertificate(dir, name string) (cert, key []byte, err error) {
	if dir == "" {
		return nil, nil, fmt.Errorf("its PEM files are read from $%s, which is not set: set it to a directory holding %s.crt and %s.key", EnvCertDir, name, name)
	}
	if strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
		return nil, nil, fmt.Errorf("certificate name %q cannot name a file: name the certificate by its file name, without a directory", name)
	}
	crtPath, keyPath := certificateFiles(dir, name)
	if cert, err = readPEMFile(crtPath, "the certificate's PEM chain"); err != nil {
		return nil, nil, err
	}
	if key, err = readPEMFile(keyPath, "its PEM private key"); err != nil {
		return nil, nil, err
	}
	return cert, key, nil
}

// readPEMFile reads one of a certificate's files; what names what
// belongs there, for the error.
func readPEMFile(path, what string) ([]byte, error) {
	b, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s does not exist: put %s there, or correct the certificate name or %s", path, what, EnvCertDir)
	case errors.Is(err, fs.ErrPermission):
		return nil, fmt.Errorf("%s cannot be read (permission denied): let the user gwsync runs as read it", path)
	case err != nil:
		return nil, fmt.Errorf("%s cannot be read: %v; put %s there", path, unwrapPath(err), what)
	}
	return b, nil
}

// unwrapPath is a file error without the path, which the caller names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// CheckCertificate checks the PEM files of certificate name in dir as
// APIG checks a certificate bound to domain at time now: both files
// readable; the .crt a PEM certificate chain (leaf first) and nothing
// else; the .key one unencrypted PEM private key (PKCS #8, PKCS #1 or
// SEC 1; APIG.2105), the key of that certificate (APIG.2101); the
// certificate valid at now (APIG.2102) and naming domain in its
// subjectAltName (APIG.2103, APIG.2109). The error says what to change
// and never holds what the files hold.
func CheckCertificate(dir, name, domain string, now time.Time) error {
	certPEM, keyPEM, err := readCertificate(dir, name)
	if err != nil {
		return err
	}
	crtPath, keyPath := certificateFiles(dir, name)
	cert, err := parseCertificateChain(crtPath, certPEM)
	if err != nil {
		return err
	}
	key, err := parsePrivateKey(keyPath, keyPEM)
	if err != nil {
		return err
	}
	if !samePublicKey(cert.PublicKey, key.Public()) {
		return fmt.Errorf("the private key in %s is not the key of the certificate in %s (APIG would refuse it: APIG.2101): put the certificate's own key there", keyPath, crtPath)
	}
	if err := checkValidity(crtPath, cert, now); err != nil {
		return err
	}
	return checkCovers(crtPath, cert, domain)
}

// parseCertificateChain parses a .crt file: PEM CERTIFICATE blocks only,
// the first the domain's certificate.
func parseCertificateChain(path string, b []byte) (*x509.Certificate, error) {
	blocks := pemBlocks(b)
	if len(blocks) == 0 {
		return nil, fmt.Errorf("%s is not PEM: it must hold the certificate as a -----BEGIN CERTIFICATE----- block, then its chain (convert a DER file with openssl x509 -inform der)", path)
	}
	for i, block := range blocks {
		if block.Type != "CERTIFICATE" {
			return nil, fmt.Errorf("%s holds %s where its certificate chain should be (PEM block %d): it must hold CERTIFICATE blocks only; the private key goes in the .key file", path, blockKind(block), i+1)
		}
	}
	cert, err := x509.ParseCertificate(blocks[0].Bytes)
	if err != nil {
		return nil, fmt.Errorf("%s: its first CERTIFICATE block is not a certificate X.509 can read (%v): export the certificate again as PEM", path, err)
	}
	return cert, nil
}

// pemBlocks are the PEM blocks of b, in order.
func pemBlocks(b []byte) []*pem.Block {
	var blocks []*pem.Block
	for block, rest := pem.Decode(b); block != nil; block, rest = pem.Decode(rest) {
		blocks = append(blocks, block)
	}
	return blocks
}

// blockKind says what a PEM block that should not be there is, by its
// type, without repeating the type (the file is not ours to print).
func blockKind(block *pem.Block) string {
	switch {
	case block.Type == "CERTIFICATE":
		return "a certificate"
	case strings.HasSuffix(block.Type, "PRIVATE KEY"):
		return "a private key"
	}
	return "a PEM block that is neither a certificate nor a private key"
}

// keyParsers parse a private key by its PEM block type.
var keyParsers = map[string]func([]byte) (any, error){
	"PRIVATE KEY":     x509.ParsePKCS8PrivateKey,
	"RSA PRIVATE KEY": func(b []byte) (any, error) { return x509.ParsePKCS1PrivateKey(b) },
	"EC PRIVATE KEY":  func(b []byte) (any, error) { return x509.ParseECPrivateKey(b) },
}

// parsePrivateKey parses a .key file: one unencrypted PEM private key,
// after any EC PARAMETERS block (as openssl ecparam writes them).
func parsePrivateKey(path string, b []byte) (crypto.Signer, error) {
	block, rest := pem.Decode(b)
	for block != nil && block.Type == "EC PARAMETERS" {
		block, rest = pem.Decode(rest)
	}
	switch {
	case block == nil:
		return nil, fmt.Errorf("%s is not PEM: it must hold the private key as a -----BEGIN PRIVATE KEY----- block", path)
	case block.Type == "ENCRYPTED PRIVATE KEY" || strings.Contains(block.Headers["Proc-Type"], "ENCRYPTED"):
		return nil, fmt.Errorf("%s holds an encrypted private key, which APIG refuses (APIG.2105): decrypt it, e.g. openssl pkey -in %s -out %s", path, path, path)
	}
	parse, ok := keyParsers[block.Type]
	if !ok {
		return nil, fmt.Errorf("%s holds %s where the private key should be: it must hold a -----BEGIN PRIVATE KEY----- block (are the .crt and .key files swapped?)", path, blockKind(block))
	}
	key, err := parse(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("%s: its %s block does not parse: export the key again, e.g. openssl pkey -in %s -out %s", path, block.Type, path, path)
	}
	signer, ok := key.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("%s holds a private key of a kind APIG does not take: use an RSA or ECDSA key", path)
	}
	return signer, nil
}

// samePublicKey reports whether two public keys are the same key.
func samePublicKey(a, b crypto.PublicKey) bool {
	k, ok := a.(interface{ Equal(crypto.PublicKey) bool })
	return ok && k.Equal(b)
}

// checkValidity checks that the certificate is valid at now.
func checkValidity(path string, cert *x509.Certificate, now time.Time) error {
	const day = "2006-01-02"
	switch {
	case now.After(cert.NotAfter):
		return fmt.Errorf("the certificate in %s expired on %s (APIG would refuse it: APIG.2102): renew it", path, cert.NotAfter.UTC().Format(day))
	case now.Before(cert.NotBefore):
		return fmt.Errorf("the certificate in %s is not valid until %s (APIG would refuse it: APIG.2102): use a certificate valid now", path, cert.NotBefore.UTC().Format(day))
	}
	return nil
}

// checkCovers checks that the certificate names domain in its
// subjectAltName.
func checkCovers(path string, cert *x509.Certificate, domain string) error {
	if cert.VerifyHostname(domain) == nil {
		return nil
	}
	if len(cert.DNSNames) == 0 {
		return fmt.Errorf("the certificate in %s has no DNS names in its subjectAltName (APIG would refuse it: APIG.2109): use a certificate whose subjectAltName names %s", path, domain)
	}
	return fmt.Errorf("the certificate in %s is not for domain %s, only for %s (APIG would refuse it: APIG.2103): use a certificate whose subjectAltName names the domain", path, domain, dnsNames(cert.DNSNames))
}

// shownNames is how many of a certificate's DNS names an error lists.
const shownNames = 5

// dnsNames lists a certificate's DNS names, quoted, the first few of
// many: "\"a.example.com\", \"b.example.com\" and 3 more".
func dnsNames(names []string) string {
	shown := make([]string, 0, shownNames)
	for _, n := range names[:min(len(names), shownNames)] {
		shown = append(shown, strconv.Quote(n))
	}
	s := strings.Join(shown, ", ")
	if more := len(names) - len(shown); more > 0 {
		s += fmt.Sprintf(" and %d more", more)
	}
	return s
}
