package compiler

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// gwsyncFiles tell the files gwsync writes, never desired state, by a
// top-level key, the most telling first: a saved plan, plan's, validate's
// and drift's JSON.
var gwsyncFiles = [][2]string{{"digest", "a saved plan (gwsync plan --out)"}, {"changes", "a plan gwsync wrote (plan --format json)"},
	{"findings", "findings gwsync wrote (validate --format json)"}, {"drift", "a drift report gwsync wrote (drift --format json)"}}

// notDesired says why a JSON or YAML file of a directory is not plainly a
// desired state ("" when it is): empty, written by gwsync, or a mapping
// with a top-level key a desired state does not have. A file that does
// not parse is read, so its error is reported.
func notDesired(file string) string {
	src, err := os.ReadFile(file)
	if err != nil {
		return "" // the read reports it
	}
	return notDesiredSrc(file, src)
}

// notDesiredSrc is notDesired of a file that holds src.
func notDesiredSrc(file string, src []byte) string {
	if len(bytes.TrimSpace(src)) == 0 {
		return "it is empty"
	}
	keys, ok := topKeys(file, src)
	if !ok {
		return ""
	}
	for _, g := range gwsyncFiles {
		if slices.Contains(keys, g[0]) {
			return "it is " + g[1] + ", not a desired state"
		}
	}
	top := topLevel()
	var foreign []string
	for _, k := range keys {
		if !slices.Contains(top, k) {
			foreign = append(foreign, k)
		}
	}
	if len(foreign) > 0 {
		return fmt.Sprintf("its top-level keys (%s) are not a desired state's (%s)", list(foreign), strings.Join(top[:min(6, len(top))], ", ")+", ...")
	}
	return ""
}

// topKeys reads the top-level keys of a JSON or YAML mapping; false when
// the file does not parse as one.
func topKeys(file string, src []byte) ([]string, bool) {
	var m map[string]any
	var err error
	if kindOf(file) == kindJSON {
		err = json.Unmarshal(src, &m)
	} else {
		err = yaml.Unmarshal(src, &m)
	}
	if err != nil || m == nil {
		return nil, false
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys, true
}

// list names at most five keys.
func list(keys []string) string {
	if len(keys) > 5 {
		return strings.Join(keys[:5], ", ") + ", ..."
	}
	return strings.Join(keys, ", ")
}
