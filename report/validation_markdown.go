package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/gwsync/gwsync/diag"
)

// ValidationMarkdownView is what a validation comment shows.
type ValidationMarkdownView struct {
	// Findings are what validate found, in any order; errors are listed
	// first.
	Findings []diag.Finding
	// Gateway names what was validated for the heading, e.g. "local
	// gateway gw-1 (state in gw/.gwsync)"; "" falls back to Inputs.
	Gateway string
	// Inputs names the paths validated, e.g. "gateways/orders/"; shown
	// when set.
	Inputs string
	// Commit is the commit validated (a SHA, shown by its first 7
	// characters, or a ref); "" says nothing about it.
	Commit string
	// FileURL builds the URL of a line of a file at the commit, e.g.
	// https://github.com/OWNER/REPO/blob/SHA/FILE#L12 (line is 0 when
	// only the file is known); nil shows plain file:line:col.
	FileURL func(file string, line int) string
	// FullReportURL is where every finding can be read, e.g. the GitHub
	// Actions run; it is linked when findings are left out.
	FullReportURL string
	// Version is gwsync's version.
	Version string
}

// ValidationMarkdown writes a validation result as a pull request
// comment: a heading saying whether validation failed or passed and for
// what, the commit and inputs, the counts, then every finding as a list
// item, errors first: severity, the position linked to the file and line
// (View.FileURL), rule ID, message, witness and related positions.
//
// Text outside code is escaped for Markdown and HTML, and an @ cannot
// mention anyone. The comment never exceeds CommentLimit - MarkerRoom,
// leaving room for the caller's hidden marker line, which it does not
// include: findings that do not fit are left out whole, and a line says
// how many and where they all are.
func ValidationMarkdown(w io.Writer, v ValidationMarkdownView) error {
	_, err := io.WriteString(w, validationMarkdown(v, CommentLimit))
	return err
}

// validationMarkdown renders the comment within limit bytes.
func validationMarkdown(v ValidationMarkdownView, limit int) string {
	where := fullReportPhrase(v.FullReportURL)
	foot := footer(v.Version)
	m := newComment(limit, len(foot)+len(where))
	m.fixed("### " + mdText(clip(validationTitle(v), maxHeadText)) + "\n\n")
	m.fixed(validationProvenance(v))
	m.fixed(validationVerdict(v.Findings))
	if len(v.Findings) > 0 {
		m.findingList(v.Findings, fileLinker(v.FileURL), where)
	}
	m.fixed(foot)
	return m.String()
}

// validationTitle is "gwsync: validation failed for GATEWAY" (or passed).
func validationTitle(v ValidationMarkdownView) string {
	errs, _ := diag.Counts(v.Findings)
	t := "gwsync: validation passed"
	if errs > 0 {
		t = "gwsync: validation failed"
	}
	what := v.Gateway
	if what == "" {
		what = v.Inputs
	}
	if what != "" {
		t += " for " + what
	}
	return t
}

// validationProvenance names the commit and inputs validated, or is ""
// when neither is known.
func validationProvenance(v ValidationMarkdownView) string {
	var s string
	if v.Commit != "" {
		s = "Validated commit " + codeSpan(shortCommit(v.Commit))
	}
	if v.Inputs != "" {
		if s == "" {
			s = "Validated"
		}
		s += " (inputs: " + codeSpan(clip(v.Inputs, maxHeadText)) + ")"
	}
	if s == "" {
		return ""
	}
	return s + ".\n\n"
}

// validationVerdict counts the findings and says what they mean.
func validationVerdict(fs []diag.Finding) string {
	errs, _ := diag.Counts(fs)
	c := findingCounts(fs)
	s := "**" + mdText(strings.ToUpper(c[:1])+c[1:]) + ".**"
	if errs > 0 {
		s += fmt.Sprintf(" Nothing can be planned or applied until %s fixed.", pluralVerb(errs, "it is", "they are"))
	}
	return s + "\n\n"
}

// pluralVerb picks the singular or plural phrase for n.
func pluralVerb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// fullReportPhrase says where every finding is: the linked CI log when
// its URL is known, else gwsync validate itself.
func fullReportPhrase(u string) string {
	if safeURL(u) == "" {
		return "`gwsync validate` lists them all."
	}
	return "they are all in " + mdLink("the CI log", u) + "."
}
