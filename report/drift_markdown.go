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
// exceed CommentLimit (GitHub's limit for issue bodies too), an item too
// long for it is shortened to its line and a note (its fields left out),
// the items that do not fit even so are left out, and the body says how
// many and that the full report is in the CI log, linked to the run
// (RunURL) when known.
func DriftMarkdown(w io.Writer, v DriftView) error {
	_, err := io.WriteString(w, driftMarkdown(v, CommentLimit))
	return err
}

// driftMarkdown renders the body within limit bytes.
func driftMarkdown(v DriftView, limit int) string {
	where := "the full report is in " + mdLink("the CI log", v.RunURL) + "."
	m := newComment(limit, 2*len(where))
	m.fixed("### " + mdText(v.title()) + "\n\n")
	if s := driftSentence(v.Items, v.Findings); s != "" {
		m.fixed(mdText(s) + "\n\n")
	}
	driftTable(m, v.Items)
	if s := incompleteSentence(v.Findings); s != "" {
		m.fixed("**" + mdText(s) + "**\n\n")
	}
	if len(v.Findings) > 0 {
		m.findingList(v.Findings, nil, where)
	}
	driftSections(m, v.Items, where)
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

// driftSections writes a section per kind, as many items as fit (one too
// long shortened to its line and a note), then says how many were
// shortened and left out.
func driftSections(m *comment, items []sync.DriftItem, where string) {
	shown, shortened := 0, 0
	for _, group := range byKind(items) {
		head := fmt.Sprintf("#### %s (%d)\n\n", mdText(driftHeadings[group[0].Kind]), len(group))
		for i, it := range group {
			block, short := driftItemMarkdown(it), shortDriftItem(it, where)
			if i == 0 {
				block, short = head+block, head+short
			}
			ok, cut := m.fitOrShort(block, short)
			if ok {
				shown++
			}
			if ok && cut {
				shortened++
			}
		}
		if !m.full {
			m.fixed("\n")
		}
	}
	var said []string
	if shortened > 0 {
		said = append(said, fmt.Sprintf("**Shortened: %d of %s** (without %s).", shortened, count(len(items), "item", "items"),
			pick(shortened == 1, "its fields", "their fields")))
	}
	if left := len(items) - shown; left > 0 {
		said = append(said, fmt.Sprintf("**Left out: %d of %s.**", left, count(len(items), "item", "items")))
	}
	if len(said) > 0 {
		m.fixed(fmt.Sprintf("\n%s An issue holds at most %d characters; %s\n", strings.Join(said, " "), CommentLimit, where))
	}
}

// shortDriftItem is an item's line, its texts clipped, and a note saying
// how many field lines were left out and where they are.
func shortDriftItem(it sync.DriftItem, where string) string {
	var b strings.Builder
	b.WriteString("- " + mdText(clip(itemTitle(it), maxHeadText)))
	if place := itemPlace(it); place != "" {
		b.WriteString(" " + codeSpan(clip(place, maxHeadText)))
	}
	if it.Reason != "" {
		b.WriteString(": " + mdText(clip(it.Reason, maxShortText)))
	}
	b.WriteByte('\n')
	if n := len(itemFieldLines(it)); n > 0 {
		fmt.Fprintf(&b, "\n  Its fields (%s) are too long for this issue; %s\n", count(n, "line", "lines"), where)
	}
	return b.String()
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
