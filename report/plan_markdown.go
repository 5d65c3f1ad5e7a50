package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/gwsync/gwsync/sync"
)

// PlanMarkdown writes a plan as a pull request comment, in this order:
//
//   - a heading naming the gateway, and the commit the plan was made for
//     and where the full plan is (PlanView.Commit, CommitURL,
//     FullPlanURL), when known;
//   - a table counting the changes by action (or "No changes"), and the
//     sentence saying the plan cannot be applied when planning found
//     errors;
//   - a warning that lists every risky change first: each delete,
//     replace, undeploy and detach, with its reason;
//   - the validation result ("Validation: no errors, 2 warnings") and
//     the findings, errors first;
//   - one collapsed <details> block per resource, in apply order, its
//     changes as a diff (PlanText's blocks, each line led by '+', '-',
//     '!' for an update or replace, '>' or '<' for a deploy or undeploy,
//     so that GitHub colours them) with where the resource is declared;
//   - what the plan leaves alone, collapsed.
//
// Text outside code is escaped for Markdown and HTML, and an @ cannot
// mention anyone; a diff fence is longer than any run of backticks inside
// it. The comment never exceeds CommentLimit - MarkerRoom, leaving room
// for the caller's hidden marker line, which it does not include: the
// heading, table, risky changes and validation result come first;
// resources that do not fit are left out whole, and a line says how many
// and where the full plan is.
func PlanMarkdown(w io.Writer, v PlanView) error {
	_, err := io.WriteString(w, planMarkdown(v, CommentLimit))
	return err
}

// planMarkdown renders the comment within limit bytes (at least as
// strict as characters).
func planMarkdown(v PlanView, limit int) string {
	where := fullPlanPhrase(v.FullPlanURL)
	foot := footer(v.Version)
	m := newComment(limit, len(foot)+3*len(where))
	m.fixed("### " + mdText(clip(v.title(), maxHeadText)) + "\n\n")
	m.fixed(provenance(v))
	m.summary(v)
	m.risky(v, where)
	m.validation(v, where)
	res := m.resources(v.changes(), where, v.titles())
	notesShown := m.notes(v.notes())
	m.cutNotice(res, len(v.notes())-notesShown, len(v.notes()), where)
	m.fixed(foot)
	return m.String()
}

// fullPlanPhrase says where the full plan is: the linked CI log when its
// URL is known.
func fullPlanPhrase(u string) string {
	return "the full plan is in " + mdLink("the CI log", u) + "."
}

// provenance is the line naming the commit the plan was made for and
// linking the full plan, or "" when neither is known.
func provenance(v PlanView) string {
	var parts []string
	if v.Commit != "" {
		verb := "Planned for commit"
		if v.Drift {
			verb = "Checked at commit"
		}
		parts = append(parts, verb+" "+mdLink(codeSpan(shortCommit(v.Commit)), v.CommitURL)+".")
	}
	if safeURL(v.FullPlanURL) != "" {
		parts = append(parts, "Full plan: "+mdLink("CI log", v.FullPlanURL)+".")
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, " ") + "\n\n"
}

// summary writes the counts table (non-zero actions only, each called
// what the gateway calls it: "publish" and "bind" on one that says so)
// or the "no changes" sentence, and the sentence saying the plan cannot
// be used.
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
				m.fixed(fmt.Sprintf("| %s | %d |\n", mdText(v.term(a).Verb), s[a]))
			}
		}
		m.fixed("\n")
	}
	if s := v.blockedSentence(); s != "" {
		m.fixed("**" + mdText(s) + "**\n\n")
	}
}

// riskyActions remove or recreate something live: a reviewer sees them
// first.
var riskyActions = []sync.Action{sync.Delete, sync.Replace, sync.Undeploy, sync.Detach}

// isRisky reports whether a change is one of riskyActions.
func isRisky(c *sync.Change) bool { return slices.Contains(riskyActions, c.Action) }

// risky writes a GitHub warning alert listing the risky changes, as many
// as fit, then how many more there are and where.
func (m *comment) risky(v PlanView, where string) {
	var rs []*sync.Change
	for _, c := range v.changes() {
		if isRisky(c) {
			rs = append(rs, c)
		}
	}
	if len(rs) == 0 {
		return
	}
	m.fixed("> [!WARNING]\n> **" + riskyHeadline(rs, v.term) + "**\n>\n")
	shown := 0
	for _, c := range rs {
		if ok, _ := m.fitOrShort(riskyItem(c, 0), riskyItem(c, maxShortText)); ok {
			shown++
		}
	}
	if left := len(rs) - shown; left > 0 {
		m.fixed(fmt.Sprintf("> - %d more; %s\n", left, where))
	}
	m.fixed("\n")
}

// riskyHeadline counts the risky changes by action, each called by its
// term: "Review first: 2 risky changes (1 delete, 1 undeploy)."
func riskyHeadline(rs []*sync.Change, term func(sync.Action) sync.Term) string {
	var parts []string
	for _, a := range riskyActions {
		n := 0
		for _, c := range rs {
			if c.Action == a {
				n++
			}
		}
		if n > 0 {
			t := term(a)
			parts = append(parts, count(n, t.One, t.Many))
		}
	}
	return fmt.Sprintf("Review first: %s (%s).", count(len(rs), "risky change", "risky changes"), strings.Join(parts, ", "))
}

// riskyItem is a risky change as a list item in the alert: the action,
// the resource, its live ID and declaration, and the reason, clipped to
// maxText characters when maxText is not 0.
func riskyItem(c *sync.Change, maxText int) string {
	cl := func(s string) string {
		if maxText == 0 {
			return s
		}
		return clip(s, maxText)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "> - **%s** %s", mdText(c.Term().Verb), mdText(cl(c.Label())))
	if c.Action == sync.Undeploy {
		b.WriteString(mdText(environmentPhrase("from", c.Before)))
	}
	if r := ref(c.ID, c.Resource); r != "" {
		b.WriteString(" " + codeSpan(cl(r)))
	}
	if c.Pos.IsValid() {
		b.WriteString(" at " + codeSpan(cl(c.Pos.String())))
	}
	if c.Reason != "" {
		b.WriteString(": " + mdText(cl(c.Reason)))
	}
	b.WriteByte('\n')
	return b.String()
}

// validation writes the validation result and the findings.
func (m *comment) validation(v PlanView, where string) {
	m.fixed("**Validation:** " + findingCounts(v.Findings) + ".\n\n")
	if len(v.Findings) > 0 {
		m.findingList(v.Findings, nil, where)
	}
}

// shownParts counts what a comment showed of a list of parts: in full,
// shortened, and of how many.
type shownParts struct{ shown, shortened, total int }

// resources writes one collapsed block per resource, as many as fit: a
// block too long for the comment is shortened to its summary and a note
// saying where its diff is, so that it hides none after it.
func (m *comment) resources(cs []*sync.Change, where string, title func(*sync.Change) string) shownParts {
	groups := groupByResource(cs)
	if len(groups) == 0 {
		return shownParts{}
	}
	m.fixed(fmt.Sprintf("#### %s to %s, in apply order\n\n",
		count(len(cs), "change", "changes"), count(len(groups), "resource", "resources")))
	res := shownParts{total: len(groups)}
	for _, g := range groups {
		ok, short := m.fitOrShort(resourceBlock(g, title), shortResourceBlock(g, where, title))
		if ok {
			res.shown++
		}
		if ok && short {
			res.shortened++
		}
	}
	return res
}

// shortResourceBlock is a resource's block without its diff: the summary
// line and a note saying how long the diff is and where it can be read.
func shortResourceBlock(g []*sync.Change, where string, title func(*sync.Change) string) string {
	lines := 0
	for _, c := range g {
		lines += len(changeLines(c, title))
	}
	return "<details><summary>" + resourceSummary(g) + "</summary>\n\n" +
		fmt.Sprintf("Its diff (%s) is too long for this comment; %s\n\n</details>\n\n", count(lines, "line", "lines"), where)
}

// groupByResource groups changes by the resource they act on, in the
// order of each resource's first change; each group keeps apply order.
func groupByResource(cs []*sync.Change) [][]*sync.Change {
	var groups [][]*sync.Change
	index := map[string]int{}
	for _, c := range cs {
		key := c.Resource
		if key == "" {
			key = string(c.Kind) + " " + c.Name
		}
		i, ok := index[key]
		if !ok {
			i = len(groups)
			index[key] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], c)
	}
	return groups
}

// resourceBlock is one resource's collapsed block: a summary line, then
// its changes as a diff.
func resourceBlock(g []*sync.Change, title func(*sync.Change) string) string {
	var body strings.Builder
	for i, c := range g {
		if i > 0 {
			body.WriteByte('\n')
		}
		for _, l := range changeLines(c, title) {
			body.WriteString(l.diffText())
			body.WriteByte('\n')
		}
	}
	fence := codeFence(body.String())
	return "<details><summary>" + resourceSummary(g) + "</summary>\n\n" +
		fence + "diff\n" + body.String() + fence + "\n\n</details>\n\n"
}

// resourceSummary is a resource block's summary (HTML, not Markdown):
// a warning sign when a change is risky, the resource, its actions and
// where it is declared.
func resourceSummary(g []*sync.Change) string {
	var actions []string
	var b strings.Builder
	if slices.ContainsFunc(g, isRisky) {
		b.WriteString("⚠️ ")
	}
	for _, c := range g {
		if verb := c.Term().Verb; !slices.Contains(actions, verb) {
			actions = append(actions, verb)
		}
	}
	fmt.Fprintf(&b, "<b>%s</b>: %s", htmlText(clip(g[0].Label(), maxHeadText)), htmlText(strings.Join(actions, ", ")))
	if i := slices.IndexFunc(g, func(c *sync.Change) bool { return c.Pos.IsValid() }); i >= 0 {
		b.WriteString(" <code>" + htmlText(clip(g[i].Pos.String(), maxHeadText)) + "</code>")
	}
	return b.String()
}

// notes writes what the plan leaves alone in a collapsed block, as many
// as fit, and returns how many it showed.
func (m *comment) notes(notes []sync.Note) int {
	if len(notes) == 0 {
		return 0
	}
	open := "<details><summary>" + count(len(notes), "resource left alone", "resources left alone") + "</summary>\n\n"
	if ok, _ := m.fitOrShort(open+noteItem(notes[0]), open+noteItem(shortNote(notes[0]))); !ok {
		return 0
	}
	shown := 1
	for _, n := range notes[1:] {
		if ok, _ := m.fitOrShort(noteItem(n), noteItem(shortNote(n))); ok {
			shown++
		}
	}
	m.fixed("\n</details>\n\n")
	return shown
}

// noteItem is one note as a list item.
func noteItem(n sync.Note) string {
	return fmt.Sprintf("- %s %s (%s): %s\n", mdText(string(n.Kind)), mdText(n.Name), codeSpan(ref(n.ID, n.Resource)), mdText(n.Reason))
}

// shortNote is a note with its name and reason clipped.
func shortNote(n sync.Note) sync.Note {
	n.Name, n.Reason = clip(n.Name, maxHeadText), clip(n.Reason, maxShortText)
	return n
}

// cutNotice says what was shortened or left out to keep within
// CommentLimit and where the full plan is; it says nothing when nothing
// was.
func (m *comment) cutNotice(res shownParts, notesLeft, notesTotal int, where string) {
	var parts []string
	if left := res.total - res.shown; left > 0 {
		parts = append(parts, fmt.Sprintf("%d of %s", left, count(res.total, "changed resource", "changed resources")))
	}
	if notesLeft > 0 {
		parts = append(parts, fmt.Sprintf("%d of %s", notesLeft, count(notesTotal, "resource left alone", "resources left alone")))
	}
	var said []string
	if res.shortened > 0 {
		said = append(said, fmt.Sprintf("**Shortened: %d of %s** (without %s).",
			res.shortened, count(res.total, "changed resource", "changed resources"), pick(res.shortened == 1, "its diff", "their diffs")))
	}
	if len(parts) > 0 {
		said = append(said, fmt.Sprintf("**Left out: %s.**", strings.Join(parts, " and ")))
	}
	if len(said) == 0 {
		return
	}
	m.fixed(fmt.Sprintf("%s A comment holds at most %d characters; %s\n", strings.Join(said, " "), CommentLimit, where))
}

// pick is one when ok, else other.
func pick(ok bool, one, other string) string {
	if ok {
		return one
	}
	return other
}
