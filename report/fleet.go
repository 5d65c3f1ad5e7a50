package report

import (
	"fmt"
	"io"
	"strings"
)

// FleetRow is one gateway of a run over a fleet (ROOT/...).
type FleetRow struct {
	// Gateway names the gateway ("" when its desired state did not load).
	Gateway string
	// Path is the gateway's directory, as the run names it.
	Path string
	// Changes counts the changes planned (plan) or the drift found (drift).
	Changes int
	// Status is the gateway's outcome in the command's words ("changes",
	// "no changes", "failed", ...).
	Status string
}

// FleetMarkdown writes a fleet run's summary for a GitHub Actions job
// summary: a heading with the summary line, then a table of one row a
// gateway (gateway, path, changes, status). Names and paths come from
// pull requests: they are escaped, and a gateway not known is "—".
func FleetMarkdown(w io.Writer, title, summary string, rows []FleetRow) error {
	var b strings.Builder
	fmt.Fprintf(&b, "### %s\n\n%s\n\n| gateway | path | changes | status |\n|---|---|---:|---|\n", mdText(title), mdText(summary))
	for _, r := range rows {
		gateway := "—"
		if r.Gateway != "" {
			gateway = mdText(clip(r.Gateway, maxHeadText))
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %s |\n", gateway, mdText(clip(r.Path, maxHeadText)), r.Changes, mdText(r.Status))
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// FleetHeader is the line that opens one gateway's section of a fleet
// run's output, naming its directory and gateway: "=== gateways/a: local
// gateway gw-1 ===", or in Markdown a level-2 heading.
func FleetHeader(markdown bool, path, gateway string) string {
	name := path
	if gateway != "" {
		name += ": " + gateway
	}
	if markdown {
		return "## " + mdText(clip(name, maxHeadText)) + "\n"
	}
	return "=== " + name + " ==="
}
