package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/sync"
)

// CommentLimit is the most characters GitHub accepts in a comment body;
// PlanMarkdown stays within it.
const CommentLimit = 65536

// commentReserve is room kept for what closes a comment after its
// optional parts: fences, tags, truncation notices and the footer.
const commentReserve = 1024

// PlanMarkdown writes a plan as a pull request comment: a heading naming
// the gateway, a table counting the changes by action, the findings as a
// list (errors first), and a collapsed <details> block with the changes
// as a diff (PlanText's blocks, each line led by '+', '-', '!' for an
// update or replace, '>' or '<' for a deploy or undeploy, so GitHub
// colours them) and what the plan leaves alone.
//
// Text outside code is escaped for Markdown and HTML; the diff fence is
// longer than any run of backticks inside it. When the comment would
// exceed CommentLimit, the changes that do not fit are left out and the
// comment says how many and that the full plan is in the CI log.
func PlanMarkdown(w io.Writer, v PlanView) error {
	_, err := io.WriteString(w, planMarkdown(v, CommentLimit))
	return err
}

// planMarkdown renders the comment within limit bytes (at least as
// strict as characters).
func planMarkdown(v PlanView, limit int) string {
	m := &comment{budget: limit - commentReserve}
	m.fixed("### " + mdText(v.title()) + "\n\n")
	m.summary(v)
	m.findings(v.Findings)
	m.details(v)
	if v.Version != "" {
		m.fixed("\n<sub>gwsync " + mdText(v.Version) + "</sub>\n")
	}
	return m.b.String()
}

// comment builds a Markdown comment whose optional parts share a budget.
type comment struct {
	b      strings.Builder
	budget int
	// full is set once an optional part did not fit: every optional
	// part after it is left out too, so what is shown has no gaps.
	full bool
}

// fixed writes s whatever the budget.
func (m *comment) fixed(s string) { m.b.WriteString(s) }

// fit writes s if it fits the budget and reports whether it did.
func (m *comment) fit(s string) bool {
	if m.full || m.b.Len()+len(s) > m.budget {
		m.full = true
		return false
	}
	m.b.WriteString(s)
	return true
}

// summary writes the counts table (non-zero actions only) or the "no
// changes" sentence, and the sentence saying the plan cannot be used.
func (m *comment) summary(v PlanView) {
	if len(v.changes()) == 0 {
		if s := v.summarySentence(); s != "" {
			m.fixed(mdText(s) + "\n\n")
		}
	} else {
		m.fixed("| action | count |\n| --- | ---: |\n")
		s := v.summary()
		for _, a := range planActions {
			if s[a] > 0 {
				m.fixed(fmt.Sprintf("| %s | %d |\n", mdText(string(a)), s[a]))
			}
		}
		m.fixed("\n")
	}
	if s := v.blockedSentence(); s != "" {
		m.fixed("**" + mdText(s) + "**\n\n")
	}
}

// findings writes the findings as a list, errors first.
func (m *comment) findings(fs []diag.Finding) {
	if len(fs) == 0 {
		return
	}
	ordered := slices.Clone(fs)
	slices.SortStableFunc(ordered, func(a, b diag.Finding) int {
		return cmp.Compare(severityRank(a.Severity), severityRank(b.Severity))
	})
	shown := 0
	for _, f := range ordered {
		if m.fit(findingItem(f)) {
			shown++
		}
	}
	if left := len(fs) - shown; left > 0 {
		m.fixed(fmt.Sprintf("- %s left out; the full list is in the CI log.\n", count(left, "more finding", "more findings")))
	}
	m.fixed("\n")
}

// severityRank puts errors before warnings.
func severityRank(s diag.Severity) int {
	if s == diag.Error {
		return 0
	}
	return 1
}

// findingItem is one finding as a list item: severity, `file:line:col`,
// rule, message, then the witness and related places.
func findingItem(f diag.Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "- **%s** %s %s: %s\n", mdText(string(f.Severity)), codeSpan(location(f)), mdText(f.Rule), mdText(f.Message))
	if f.Witness != "" {
		fmt.Fprintf(&b, "  - witness: %s\n", codeSpan(f.Witness))
	}
	for _, r := range f.Related {
		fmt.Fprintf(&b, "  - see %s %s\n", codeSpan(r.Pos.String()), mdText(r.Resource))
	}
	return b.String()
}

// details writes the collapsed block: the changes as a diff, then the
// notes, each cut short when the budget runs out.
func (m *comment) details(v PlanView) {
	cs, notes := v.changes(), v.notes()
	if len(cs) == 0 && len(notes) == 0 {
		return
	}
	what := count(len(cs), "change", "changes")
	if len(notes) > 0 {
		what += fmt.Sprintf(", %d left alone", len(notes))
	}
	m.fixed("<details><summary>" + what + "</summary>\n\n")
	m.diffBlock(cs)
	m.notes(notes)
	m.fixed("</details>\n")
}

// diffBlock writes the changes in a diff fence, as many as fit.
func (m *comment) diffBlock(cs []*sync.Change) {
	if len(cs) == 0 {
		return
	}
	blocks := make([]string, len(cs))
	for i, c := range cs {
		var b strings.Builder
		if i > 0 {
			b.WriteByte('\n')
		}
		for _, l := range changeLines(c) {
			b.WriteString(l.diffText())
			b.WriteByte('\n')
		}
		blocks[i] = b.String()
	}
	fence := strings.Repeat("`", max(3, longestBackticks(strings.Join(blocks, ""))+1))
	m.fixed(fence + "diff\n")
	shown := 0
	for _, b := range blocks {
		if m.fit(b) {
			shown++
		}
	}
	m.fixed(fence + "\n\n")
	if left := len(cs) - shown; left > 0 {
		m.fixed(fmt.Sprintf("**Left out: %d of %s** (a comment holds at most %d characters). The full plan is in the CI log.\n\n",
			left, count(len(cs), "change", "changes"), CommentLimit))
	}
}

// notes lists what the plan leaves alone, as many as fit.
func (m *comment) notes(notes []sync.Note) {
	if len(notes) == 0 {
		return
	}
	m.fixed("Left alone:\n\n")
	shown := 0
	for _, n := range notes {
		item := fmt.Sprintf("- %s %s (%s): %s\n", mdText(string(n.Kind)), mdText(n.Name), codeSpan(ref(n.ID, n.Resource)), mdText(n.Reason))
		if m.fit(item) {
			shown++
		}
	}
	if left := len(notes) - shown; left > 0 {
		m.fixed(fmt.Sprintf("- %s left out; the full plan is in the CI log.\n", count(left, "more note", "more notes")))
	}
	m.fixed("\n")
}

// mdEscaper escapes text for Markdown outside code: HTML's <, > and &,
// and the punctuation Markdown gives meaning to (| splits table cells).
var mdEscaper = strings.NewReplacer(
	"&", "&amp;", "<", "&lt;", ">", "&gt;",
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "|", `\|`, "~", `\~`,
)

// mdText escapes text for Markdown and keeps it on one line (line breaks
// become <br>).
func mdText(s string) string {
	return strings.ReplaceAll(mdEscaper.Replace(s), "\n", "<br>")
}

// codeSpan renders s as inline code, fenced by more backticks than it
// holds in a row.
func codeSpan(s string) string {
	s = oneLine(s)
	fence := strings.Repeat("`", longestBackticks(s)+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// longestBackticks is the length of the longest run of backticks in s.
func longestBackticks(s string) int {
	longest, run := 0, 0
	for _, r := range s {
		if r != '`' {
			run = 0
			continue
		}
		run++
		longest = max(longest, run)
	}
	return longest
}
