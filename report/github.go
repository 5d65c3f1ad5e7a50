package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/gwsync/gwsync/diag"
)

// GitHub writes GitHub Actions workflow commands (::error / ::warning) that
// annotate the pull request at each finding's line, then the summary line.
func GitHub(w io.Writer, v Validation) error {
	var b strings.Builder
	for _, f := range v.Findings {
		level := "error"
		if f.Severity == diag.Warning {
			level = "warning"
		}
		fmt.Fprintf(&b, "::%s %s::%s\n", level, annotationProps(f), escapeData(annotationText(f)))
	}
	// The summary names the inputs, which a pull request names: it must
	// not read as a command.
	safe := CommandSafe(&b)
	_, _ = io.WriteString(safe, summaryLine(v)+"\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func annotationProps(f diag.Finding) string {
	props := []string{}
	if f.Pos.File != "" {
		props = append(props, "file="+escapeProp(f.Pos.File))
	}
	if f.Pos.Line > 0 {
		props = append(props, fmt.Sprintf("line=%d", f.Pos.Line))
	}
	if f.Pos.Column > 0 {
		props = append(props, fmt.Sprintf("col=%d", f.Pos.Column))
	}
	props = append(props, "title="+escapeProp("gwsync "+f.Rule))
	return strings.Join(props, ",")
}

func annotationText(f diag.Finding) string {
	s := f.Message
	if f.Witness != "" {
		s += "\nwitness: " + f.Witness
	}
	for _, r := range f.Related {
		s += "\nsee " + r.Pos.String()
	}
	return s
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProp escapes a workflow command's property value.
func escapeProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
