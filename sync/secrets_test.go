package sync

import (
	"strings"
	"testing"
)

func TestLooksSecret(t *testing.T) {
	secret := []string{
		"Bearer abc.def", "basic dXNlcjpwYXNz", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln",
		"ghp_" + strings.Repeat("a1B", 12), "AKIAABCDEFGHIJKLMNOP", "LTAI5tABCdef123456XYZ",
		"sk_live_abcdef1234567890", "-----BEGIN RSA PRIVATE KEY-----\nMII",
		"q8ZrT5vWx2KpL9mN3bC7dF1gH4jS6aE0uY", // 34 random characters
	}
	plain := []string{
		"orders-route", "hr-4nhl893qv0dsupcqvcgs", "10.0.0.0/8,192.168.0.0/16", "/orders/[0-9]+",
		"235556-cn-hangzhou", "da39a3ee5e6b4b0d3255bfef95601890afd80709", // a SHA-1, lower-case hex
		"application/json", "Bearer", "a long sentence of many words that is not a token at all",
	}
	for _, s := range secret {
		if !LooksSecret(s) {
			t.Errorf("LooksSecret(%q) = false", s)
		}
	}
	for _, s := range plain {
		if LooksSecret(s) {
			t.Errorf("LooksSecret(%q) = true", s)
		}
	}
}

// TestMaskedByWhatValuesAre: a header's value is masked when the header
// is a credential, whatever the value's key is called, and a value shaped
// like a token is masked wherever it is.
func TestMaskedByWhatValuesAre(t *testing.T) {
	doc := &PolicyDoc{ClassName: "HeaderModify", Config: map[string]any{
		"enable": true,
		"request": map[string]any{"set": []any{
			map[string]any{"name": "Authorization", "value": "Opaque xyzzy"},
			map[string]any{"name": "X-Team", "value": "orders"},
			map[string]any{"key": "Cookie", "value": "session=1"},
		}},
		"note":   "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln",
		"values": []any{"plain", "Bearer t0k3n"},
	}}
	m := Masked(doc).(map[string]any)["config"].(map[string]any)
	set := m["request"].(map[string]any)["set"].([]any)
	for i, want := range []string{SensitiveMask, "orders", SensitiveMask} {
		if got := set[i].(map[string]any)["value"]; got != want {
			t.Errorf("set[%d].value shown as %v, want %v", i, got, want)
		}
	}
	if set[0].(map[string]any)["name"] != "Authorization" {
		t.Errorf("the header's name is masked too: %v", set[0])
	}
	if m["note"] != SensitiveMask || m["values"] != SensitiveMask {
		t.Errorf("token-shaped values shown: note %v, values %v", m["note"], m["values"])
	}

	before := &PolicyDoc{ClassName: "HeaderModify", Config: map[string]any{"request": map[string]any{"set": []any{
		map[string]any{"name": "Authorization", "value": "Opaque old"}}}}}
	after := &PolicyDoc{ClassName: "HeaderModify", Config: map[string]any{"request": map[string]any{"set": []any{
		map[string]any{"name": "Authorization", "value": "Opaque new"}}}}}
	fields := FieldChanges(before, after)
	if len(fields) != 1 || !fields[0].Sensitive {
		t.Errorf("a changed credential header is not marked sensitive: %+v", fields)
	}
}
