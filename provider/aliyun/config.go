package aliyun

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
	// EnvAccessKeyID holds the AccessKey ID.
	EnvAccessKeyID = "ALIBABA_CLOUD_ACCESS_KEY_ID"
	// EnvAccessKeySecret holds the AccessKey secret.
	EnvAccessKeySecret = "ALIBABA_CLOUD_ACCESS_KEY_SECRET"
	// EnvSecurityToken holds an STS security token (optional).
	EnvSecurityToken = "ALIBABA_CLOUD_SECURITY_TOKEN"
	// EnvEndpoint overrides the regional endpoint (optional), for example
	// with a local emulator's address.
	EnvEndpoint = "GWSYNC_ALIYUN_ENDPOINT"
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

// Config says where and how to reach APIG.
//
// Its String, GoString and LogValue methods redact the secret and the
// security token, so a Config can be printed or logged.
type Config struct {
	// Region is the region ID, for example cn-hangzhou. The endpoint is
	// apig.<region>.aliyuncs.com unless Endpoint is set.
	Region string
	// Endpoint overrides the endpoint: "host[:port]", "https://host[:port]"
	// or, for a loopback address only, "http://host[:port]". A bare
	// loopback address is reached over plain HTTP, any other over HTTPS.
	Endpoint string
	// AccessKeyID and AccessKeySecret sign every call (ACS3-HMAC-SHA256).
	AccessKeyID, AccessKeySecret string
	// SecurityToken is an STS token to send with the keys (optional).
	SecurityToken string
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
	// Sleep waits d or until ctx is done, returning ctx.Err() in that case
	// (nil: a timer); any error it returns stops the retries. Tests set it
	// to record waits without waiting.
	Sleep func(ctx context.Context, d time.Duration) error
}

// ConfigFromEnv builds a Config for region from the environment: the keys
// from ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET and
// ALIBABA_CLOUD_SECURITY_TOKEN, the endpoint from endpointFlag if it is not
// empty, else from GWSYNC_ALIYUN_ENDPOINT. getenv reads a variable (nil:
// os.Getenv). The Config is checked as NewClient would check it.
func ConfigFromEnv(region, endpointFlag string, getenv func(string) string) (Config, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	env := func(name string) string { return strings.TrimSpace(getenv(name)) }
	cfg := Config{
		Region:          strings.TrimSpace(region),
		Endpoint:        cmp.Or(strings.TrimSpace(endpointFlag), env(EnvEndpoint)),
		AccessKeyID:     env(EnvAccessKeyID),
		AccessKeySecret: env(EnvAccessKeySecret),
		SecurityToken:   env(EnvSecurityToken),
	}
	if err := cfg.check(); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

// String describes the Config with the secret and token redacted.
func (c Config) String() string {
	return fmt.Sprintf("aliyun.Config{Region:%q Endpoint:%q AccessKeyID:%q AccessKeySecret:%s SecurityToken:%s QPS:%g MaxRetries:%d BaseBackoff:%s MaxBackoff:%s Seed:%d}",
		c.Region, c.Endpoint, c.AccessKeyID, redact(c.AccessKeySecret), redact(c.SecurityToken),
		c.QPS, c.MaxRetries, c.BaseBackoff, c.MaxBackoff, c.Seed)
}

// GoString is String, so %#v redacts too.
func (c Config) GoString() string { return c.String() }

// LogValue logs the Config with the secret and token redacted.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("region", c.Region), slog.String("endpoint", c.Endpoint),
		slog.String("accessKeyId", c.AccessKeyID), slog.String("accessKeySecret", redact(c.AccessKeySecret)),
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
	if c.AccessKeyID == "" || c.AccessKeySecret == "" {
		return fmt.Errorf("aliyun: missing credentials: set %s and %s (and %s for STS credentials)",
			EnvAccessKeyID, EnvAccessKeySecret, EnvSecurityToken)
	}
	if c.QPS < 0 || math.IsNaN(c.QPS) {
		return fmt.Errorf("aliyun: QPS must be 0 (no limit) or positive, got %g", c.QPS)
	}
	if c.BaseBackoff < 0 || c.MaxBackoff < 0 {
		return errors.New("aliyun: BaseBackoff and MaxBackoff must not be negative")
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
	if c.BaseBackoff == 0 {
		c.BaseBackoff = DefaultBaseBackoff
	}
	if c.MaxBackoff == 0 {
		c.MaxBackoff = DefaultMaxBackoff
	}
	c.MaxBackoff = max(c.MaxBackoff, c.BaseBackoff)
	return c
}

// endpoint is where the client sends calls.
type endpoint struct {
	host     string // host[:port], as the SDK sends it in the Host header
	protocol string // HTTP or HTTPS
}

// regionRE is what a region ID looks like (cn-hangzhou, ap-southeast-1).
var regionRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// endpoint resolves the Config's endpoint and protocol.
func (c Config) endpoint() (endpoint, error) {
	if c.Endpoint == "" {
		return regionEndpoint(c.Region)
	}
	return parseEndpoint(c.Endpoint)
}

// regionEndpoint is the public APIG endpoint of region.
func regionEndpoint(region string) (endpoint, error) {
	if region == "" {
		return endpoint{}, fmt.Errorf("aliyun: a region is required (or an endpoint override, %s)", EnvEndpoint)
	}
	if !regionRE.MatchString(region) {
		return endpoint{}, fmt.Errorf("aliyun: %q is not a region ID (like cn-hangzhou)", region)
	}
	return endpoint{host: "apig." + region + ".aliyuncs.com", protocol: "HTTPS"}, nil
}

// parseEndpoint reads an endpoint override (see
// [callpolicy.ParseEndpoint]).
func parseEndpoint(raw string) (endpoint, error) {
	ep, err := callpolicy.ParseEndpoint(raw)
	if err != nil {
		return endpoint{}, fmt.Errorf("aliyun: %w", err)
	}
	if !ep.HTTPS {
		return endpoint{host: ep.Host, protocol: "HTTP"}, nil
	}
	return endpoint{host: ep.Host, protocol: "HTTPS"}, nil
}
