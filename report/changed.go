package report

import (
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"unicode"
)

// ChangedGateway is a gateway gwsync changed lists.
type ChangedGateway struct {
	// Path is the gateway's directory, relative to the working directory
	// (or absolute, as ROOT was given), with forward slashes.
	Path string `json:"path"`
	// Gateway is the gateway's ID (gateway.id), or Path when the desired
	// state gives none (a local gateway may not) or could not be read.
	Gateway string `json:"gateway"`
	// Provider is gateway.provider ("" when it could not be read).
	Provider string `json:"provider"`
	// Deleted: the directory held a gateway where the changes start and
	// holds none now.
	Deleted bool `json:"deleted"`
}

// ChangedWriter renders the gateways gwsync changed found to w.
type ChangedWriter func(w io.Writer, gs []ChangedGateway) error

var changedFormats = map[string]ChangedWriter{"text": ChangedText, "json": ChangedJSON}

// ChangedFormats lists the format names gwsync changed accepts, sorted.
func ChangedFormats() []string { return formatNames(changedFormats) }

// ForChanged returns the writer for a format name.
func ForChanged(format string) (ChangedWriter, error) { return forFormat(changedFormats, format) }

// ChangedText writes one path a line, for shell loops: a deleted
// gateway's followed by " (deleted)", and a path that is not plain
// printable text (a newline in a directory name) quoted as Go quotes it.
func ChangedText(w io.Writer, gs []ChangedGateway) error {
	var b strings.Builder
	for _, g := range gs {
		p := g.Path
		if strings.ContainsFunc(p, func(r rune) bool { return !unicode.IsPrint(r) }) {
			p = strconv.Quote(p)
		}
		b.WriteString(p)
		if g.Deleted {
			b.WriteString(" (deleted)")
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// ChangedJSON writes a GitHub Actions matrix, {"include": [...]} with one
// object a gateway, on one line (so that it fits a step output).
func ChangedJSON(w io.Writer, gs []ChangedGateway) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		Include []ChangedGateway `json:"include"`
	}{Include: append([]ChangedGateway{}, gs...)})
}
