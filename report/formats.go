package report

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// formatNames lists the names of a command's output formats, sorted.
func formatNames[W any](formats map[string]W) []string { return slices.Sorted(maps.Keys(formats)) }

// forFormat returns a command's writer for a format name, or an error
// listing the names it accepts.
func forFormat[W any](formats map[string]W, format string) (W, error) {
	w, ok := formats[format]
	if !ok {
		return w, fmt.Errorf("unknown format %q; use one of: %s", format, strings.Join(formatNames(formats), ", "))
	}
	return w, nil
}
