package huawei

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/gwsync/gwsync/provider/internal/callpolicy"
)

// The environment variables ConfigFromEnv reads.
const (
	// EnvAccessKey holds the access key (AK).
	EnvAccessKey = "HUAWEICLOUD_SDK_AK"
	// EnvSecretKey holds the secret key (SK).
	EnvSecretKey = "HUAWEICLOUD_SDK_SK"
	// EnvSecurityToken holds a temporary security token (optional).
	EnvSecurityToken = "HUAWEICLOUD_SDK_SECURITY_TOKEN"
	// EnvProjectID holds the project ID; it wins over gateway.projectId.
	EnvProjectID = "HUAWEICLOUD_SDK_PROJECT_ID"
	// EnvEndpoint overrides the regional endpoint (optional), for example
	// with a local emulator's address.
	EnvEndpoint = "GWSYNC_HUAWEI_ENDPOINT"
	// EnvCertDir names the directory certificates are read from (see
	// Config.CertDir).
	EnvCertDir = "GWSYNC_HUAWEI_CERT_DIR"
)

// Defaults that NewClient fills in for zero Config fields.
const (
	// DefaultMaxRetries is how many times a transient failure is retried.
	DefaultMaxRetries = 5
	// DefaultBaseBackoff is the ceiling of the first retry's wait.
	DefaultBaseBackoff = 200 * time.Millisecond
	// DefaultMaxBackoff caps the ceiling of any retry's wait.
	DefaultMaxBackoff = 10 * time.Second
)

// Config says where and how to reach Huawei Cloud APIG.
//
// Its String, GoString and LogValue methods redact the secret key and the
// security token, so a Config can be printed or logged.
type Config struct {
	// Region is the region ID, for example cn-north-4. The endpoint is
	// https://apig.<region>.myhuaweicloud.com unless Endpoint is set.
	Region string
	// Endpoint overrides the endpoint: "host[:port]", "https://host[:port]"
	// or, for a loopback address only, "http://host[:port]". A bare
	// loopback address is reached over plain HTTP, any other over HTTPS.
	Endpoint string
	// ProjectID is the project every path names (required).
	ProjectID string
	// AccessKey and SecretKey sign every call (SDK-HMAC-SHA256).
	AccessKey, SecretKey string
	// SecurityToken goes with temporary keys (optional).
	SecurityToken string
	// CertDir is where the certificate a domain names is read from:
	// <CertDir>/<name>.crt (PEM chain) and <CertDir>/<name>.key (PEM
	// key). Only binding a certificate needs it.
	CertDir string
	// QPS limits the calls per second this client starts, retries
	// included (0: no limit).
	QPS float64
	// MaxRetries is how many times a transient failure is retried (0:
	// DefaultMaxRetries; negative: never).
	MaxRetries int
	// BaseBackoff is the ceiling of the first retry's wait; the ceiling
	// doubles on each retry up to MaxBackoff (0: the defaults). Each wait
	// is drawn uniformly below its ceiling ("full jitter") but is never
	// shorter than a Retry-After the server sent.
	BaseBackoff, MaxBackoff time.Duration
	// Seed seeds the backoff jitter (0: seeded from the clock).
	Seed uint64
	// Sleep waits d or until ctx is done (nil: a timer); any error it
	// returns stops the retries. Tests set it to record waits.
	Sleep func(ctx context.Context, d time.Duration) error
}

// ConfigFromEnv builds a Config for the region and project of a
// gateway block from the environment: the keys from HUAWEICLOUD_SDK_AK,
// HUAWEICLOUD_SDK_SK and HUAWEICLOUD_SDK_SECURITY_TOKEN, the project from
// HUAWEICLOUD_SDK_PROJECT_ID when set (else projectID), the endpoint from
// endpointFlag if it is not empty, else from GWSYNC_HUAWEI_ENDPOINT, the
// certificate directory from GWSYNC_HUAWEI_CERT_DIR. getenv reads a
// variable (nil: os.Getenv). The Config is checked as NewClient would.
func ConfigFromEnv(region, projectID, endpointFlag string, getenv func(string) string) (Config, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	env := func(name string) string { return strings.TrimSpace(getenv(name)) }
	cfg := Config{
		Region:        strings.TrimSpace(region),
		Endpoint:      cmp.Or(strings.TrimSpace(endpointFlag), env(EnvEndpoint)),
		ProjectID:     cmp.Or(env(EnvProjectID), strings.TrimSpace(projectID)),
		AccessKey:     env(EnvAccessKey),
		SecretKey:     env(EnvSecretKey),
		SecurityToken: env(EnvSecurityToken),
		CertDir:       env(EnvCertDir),
	}
	if err := cfg.check(); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

// String describes the Config with the secret key and token redacted.
func (c Config) String() string {
	return fmt.Sprintf("huawei.Config{Region:%q Endpoint:%q ProjectID:%q AccessKey:%q SecretKey:%s SecurityToken:%s CertDir:%q QPS:%g MaxRetries:%d BaseBackoff:%s MaxBackoff:%s Seed:%d}",
		c.Region, c.Endpoint, c.ProjectID, c.AccessKey, redact(c.SecretKey), redact(c.SecurityToken), c.CertDir,
		c.QPS, c.MaxRetries, c.BaseBackoff, c.MaxBackoff, c.Seed)
}

// GoString is String, so %#v redacts too.
func (c Config) GoString() string { return c.String() }

// LogValue logs the Config with the secret key and token redacted.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("region", c.Region), slog.String("endpoint", c.Endpoint), slog.String("projectId", c.ProjectID),
		slog.String("accessKey", c.AccessKey), slog.String("secretKey", redact(c.SecretKey)),
		slog.String("securityToken", redact(c.SecurityToken)), slog.Float64("qps", c.QPS))
}

// redact stands in for a secret: it tells only whether one is set.
func redact(secret string) string {
	if secret == "" {
		return `""`
	}
	return "[redacted]"
}

// check reports what makes the Config unusable.
func (c Config) check() error {
	if c.AccessKey == "" || c.SecretKey == "" {
		return fmt.Errorf("huawei: missing credentials: set %s and %s (and %s for temporary credentials)",
			EnvAccessKey, EnvSecretKey, EnvSecurityToken)
	}
	if c.ProjectID == "" {
		return fmt.Errorf("huawei: missing project ID: set gateway.projectId or %s", EnvProjectID)
	}
	if c.QPS < 0 || math.IsNaN(c.QPS) {
		return fmt.Errorf("huawei: QPS must be 0 (no limit) or positive, got %g", c.QPS)
	}
	if c.BaseBackoff < 0 || c.MaxBackoff < 0 {
		return errors.New("huawei: BaseBackoff and MaxBackoff must not be negative")
	}
	_, err := c.endpoint()
	return err
}

// withDefaults fills in the zero retry settings.
func (c Config) withDefaults() Config {
	if c.MaxRetries == 0 {
		c.MaxRetries = DefaultMaxRetries
	}
	c.MaxRetries = max(c.MaxRetries, 0)
	c.BaseBackoff = cmp.Or(c.BaseBackoff, DefaultBaseBackoff)
	c.MaxBackoff = max(cmp.Or(c.MaxBackoff, DefaultMaxBackoff), c.BaseBackoff)
	return c
}

// regionRE is what a region ID looks like (cn-north-4, ap-southeast-1).
var regionRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// endpoint resolves the Config's endpoint URL (scheme://host[:port]).
func (c Config) endpoint() (string, error) {
	if c.Endpoint == "" {
		return regionEndpoint(c.Region)
	}
	return parseEndpoint(c.Endpoint)
}

// regionEndpoint is the public APIG endpoint of region.
func regionEndpoint(region string) (string, error) {
	if region == "" {
		return "", fmt.Errorf("huawei: a region is required (gateway.region, or an endpoint override, %s)", EnvEndpoint)
	}
	if !regionRE.MatchString(region) {
		return "", fmt.Errorf("huawei: %q is not a region ID (like cn-north-4)", region)
	}
	return "https://apig." + region + ".myhuaweicloud.com", nil
}

// parseEndpoint reads an endpoint override (see
// [callpolicy.ParseEndpoint]) as a URL.
func parseEndpoint(raw string) (string, error) {
	ep, err := callpolicy.ParseEndpoint(raw)
	if err != nil {
		return "", fmt.Errorf("huawei: %w", err)
	}
	if !ep.HTTPS {
		return "http://" + ep.Host, nil
	}
	return "https://" + ep.Host, nil
}
