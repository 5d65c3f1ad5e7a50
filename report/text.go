package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/gwsync/gwsync/diag"
)

// Text writes one line per finding, `file:line:col: rule: message`, with
// related positions and the witness indented below, then a summary line.
func Text(w io.Writer, v Validation) error {
	var b strings.Builder
	for _, f := range v.Findings {
		writeTextFinding(&b, f)
	}
	b.WriteString(summaryLine(v))
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}

func writeTextFinding(b *strings.Builder, f diag.Finding) {
	sev := ""
	if f.Severity == diag.Warning {
		sev = "warning: "
	}
	fmt.Fprintf(b, "%s: %s: %s%s\n", location(f), f.Rule, sev, f.Message)
	if f.Witness != "" {
		fmt.Fprintf(b, "\twitness: %s\n", f.Witness)
	}
	for _, r := range f.Related {
		switch {
		case r.Resource != "" && !r.Pos.IsValid():
			fmt.Fprintf(b, "\tsee live %s\n", r.Resource)
		case r.Resource != "":
			fmt.Fprintf(b, "\tsee %s: %s\n", r.Pos, r.Resource)
		default:
			fmt.Fprintf(b, "\tsee %s\n", r.Pos)
		}
	}
}

// location renders where a finding is: file:line:col, or the file, or the
// resource when no file is known.
func location(f diag.Finding) string {
	switch {
	case f.Pos.IsValid():
		return f.Pos.String()
	case f.Resource != "":
		return f.Resource
	}
	return "gwsync"
}

// summaryLine says how validation went, in one line.
func summaryLine(v Validation) string {
	errs, warns := diag.Counts(v.Findings)
	what := strings.Join(v.Inputs, " ")
	if errs == 0 {
		s := fmt.Sprintf("%s: valid", what)
		if v.Stats != nil {
			s += " (" + statsText(v.Stats) + ")"
		}
		if warns > 0 {
			s += ", " + Plural(warns, "warning")
		}
		return s
	}
	return fmt.Sprintf("%s: %s, %s", what, Plural(errs, "error"), Plural(warns, "warning"))
}

// statsText counts what was validated, in the kind's terms and order:
// "1 route, 2 HTTP APIs".
func statsText(counts []Count) string {
	parts := make([]string, len(counts))
	for i, c := range counts {
		parts[i] = Plural(c.N, c.Noun)
	}
	return strings.Join(parts, ", ")
}

// Plural counts n of noun: "1 route", "2 routes", "3 policies".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	switch {
	case strings.HasSuffix(noun, "y"):
		noun = strings.TrimSuffix(noun, "y") + "ies"
	default:
		noun += "s"
	}
	return fmt.Sprintf("%d %s", n, noun)
}
