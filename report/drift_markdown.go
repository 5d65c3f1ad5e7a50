package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/gwsync/gwsync/sync"
)

// DriftMarkdown writes drift as the body of a GitHub issue: a heading
// naming the gateway, the summary sentence, a table counting the drift by
// kind, the findings as a list (errors first), then one section per kind
// with an item per resource (its live ID, where it is declared, what was
// found) and its fields in a diff block ('!' a change, '+' what is not
// declared, live value first).
//
// Text outside code is escaped for Markdown and HTML. When the body would
// exceed CommentLimit (GitHub's limit for issue bodies too), the items that
// do not fit are left out and the body says how many and that the full
// report is in the CI log.
func DriftMarkdown(w io.Writer, v DriftView) error {
	_, err := io.WriteString(w, driftMarkdown(v, CommentLimit))
	return err
}

// driftMarkdown renders the body within limit bytes.
func driftMarkdown(v DriftView, limit int) string {
	m := newComment(limit, 0)
	m.fixed("### " + mdText(v.title()) + "\n\n")
	if s := driftSentence(v.Items, v.Findings); s != "" {
		m.fixed(mdText(s) + "\n\n")
	}
	driftTable(m, v.Items)
	if s := incompleteSentence(v.Findings); s != "" {
		m.fixed("**" + mdText(s) + "**\n\n")
	}
	if len(v.Findings) > 0 {
		m.findingList(v.Findings, nil, "the full report is in the CI log.")
	}
	driftSections(m, v.Items)
	m.fixed(footer(v.Version))
	return m.String()
}

// driftTable counts the items by kind, kinds with items only.
func driftTable(m *comment, items []sync.DriftItem) {
	if len(items) == 0 {
		return
	}
	m.fixed("| drift | count |\n| --- | ---: |\n")
	s := sync.SummarizeDrift(items)
	for _, k := range sync.DriftKinds() {
		if s[k] > 0 {
			m.fixed(fmt.Sprintf("| %s | %d |\n", mdText(driftHeadings[k]), s[k]))
		}
	}
	m.fixed("\n")
}

// driftSections writes a section per kind, as many items as fit, then
// says how many were left out.
func driftSections(m *comment, items []sync.DriftItem) {
	shown := 0
	for _, group := range byKind(items) {
		head := fmt.Sprintf("#### %s (%d)\n\n", mdText(driftHeadings[group[0].Kind]), len(group))
		for i, it := range group {
			block := driftItemMarkdown(it)
			if i == 0 {
				block = head + block
			}
			if m.fit(block) {
				shown++
			}
		}
		if !m.full {
			m.fixed("\n")
		}
	}
	if left := len(items) - shown; left > 0 {
		m.fixed(fmt.Sprintf("\n**Left out: %d of %s** (an issue holds at most %d characters). The full report is in the CI log.\n",
			left, count(len(items), "item", "items"), CommentLimit))
	}
}

// driftItemMarkdown renders one item as a list item, its fields in a
// diff block under it.
func driftItemMarkdown(it sync.DriftItem) string {
	var b strings.Builder
	b.WriteString("- " + mdText(itemTitle(it)))
	if place := itemPlace(it); place != "" {
		b.WriteString(" " + codeSpan(place))
	}
	if it.Reason != "" {
		b.WriteString(": " + mdText(it.Reason))
	}
	b.WriteByte('\n')
	fields := itemFieldLines(it)
	if len(fields) == 0 {
		return b.String()
	}
	var diff strings.Builder
	for _, l := range fields {
		diff.WriteString("  " + l.diffText() + "\n")
	}
	fence := codeFence(diff.String())
	b.WriteString("\n  " + fence + "diff\n" + diff.String() + "  " + fence + "\n")
	return b.String()
}
