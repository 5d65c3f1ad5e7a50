package sync

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/gwsync/gwsync/model"
)

// Helpers the gateway kinds' diffs share to build documents and messages.

// SortedSet returns the distinct values of s, sorted; nil for none.
func SortedSet(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	out := slices.Clone(s)
	slices.Sort(out)
	return slices.Compact(out)
}

// RefNames returns the names refs refer to, in order.
func RefNames(refs []model.Ref) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.Name
	}
	return out
}

// SplitList splits an address list written with commas, semicolons or
// newlines, dropping empty entries.
func SplitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == ';' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// CanonicalObject round-trips m through JSON, so numbers are float64 and
// nested values plain maps and slices; nil for an empty or unencodable m.
func CanonicalObject(m map[string]any) map[string]any {
	if len(m) == 0 {
		return nil
	}
	b, err := json.Marshal(m)
	if err != nil {
		return nil
	}
	var out map[string]any
	if json.Unmarshal(b, &out) != nil {
		return nil
	}
	return out
}

// ByName indexes items by name.
func ByName[T any](items []T, name func(T) string) map[string]T {
	out := make(map[string]T, len(items))
	for _, it := range items {
		out[name(it)] = it
	}
	return out
}

// ListNames renders names for a message, sorted, at most five of them.
func ListNames(names []string) string {
	names = slices.Clone(names)
	slices.Sort(names)
	if len(names) > 5 {
		return strings.Join(names[:5], ", ") + fmt.Sprintf(" and %d more", len(names)-5)
	}
	return strings.Join(names, ", ")
}
