package aliyun

import (
	"encoding/json"
	"strings"

	alimodel "github.com/gwsync/gwsync/model/aliyun"
)

// liveConfig is a live policy's config decoded with every number as
// written (json.Number), or nil when it is not a JSON object.
func liveConfig(p *alimodel.Policy) map[string]any {
	src := p.ConfigJSON
	if src == "" && p.Config != nil {
		b, err := json.Marshal(p.Config)
		if err != nil {
			return nil
		}
		src = string(b)
	}
	dec := json.NewDecoder(strings.NewReader(src))
	dec.UseNumber()
	var m map[string]any
	if dec.Decode(&m) != nil {
		return nil
	}
	return m
}

func upper(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = strings.ToUpper(v)
	}
	return out
}

// splitList splits an address list written with commas, newlines or
// semicolons, as the gateway takes it.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == ';' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
