package report

import (
	"cmp"
	"fmt"
	"html"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// CommentLimit is the most characters GitHub accepts in a comment body;
// PlanMarkdown and ValidationMarkdown stay within it, counting bytes
// (never fewer than characters or UTF-16 units).
const CommentLimit = 65536

// MarkerRoom is room a comment leaves under its limit for a line the
// caller puts before it, such as the hidden marker that finds the comment
// again (<!-- gwsync:plan:GATEWAY -->): PlanMarkdown and
// ValidationMarkdown write at most CommentLimit - MarkerRoom bytes.
const MarkerRoom = 256

// commentReserve is room kept for what closes a comment after its
// optional parts: closing tags, the cut notices and the footer's fixed
// text. Links the tail repeats are reserved on top of it.
const commentReserve = 1024

// Longest user-given texts a comment's fixed parts show: longer names
// are clipped and longer URLs not linked, so that the fixed parts cannot
// crowd out the rest.
const (
	maxHeadText = 256
	maxURL      = 2048
)

// comment builds a Markdown comment whose optional parts share a budget.
type comment struct {
	b      strings.Builder
	budget int
	// full is set once an optional part did not fit: every optional
	// part after it is left out too, so what is shown has no gaps.
	full bool
}

// newComment starts a comment of at most limit - MarkerRoom bytes that
// keeps tail bytes (besides commentReserve) for what is written after the
// optional parts.
func newComment(limit, tail int) *comment {
	return &comment{budget: limit - MarkerRoom - commentReserve - tail}
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

// fitOrShort writes full if it fits the budget, else short (the same part
// shortened: its summary line and a note), so that one oversized part does
// not hide the parts after it. It reports whether it wrote either and
// whether that was short; once neither fits, the parts after are left out
// too, as with fit.
func (m *comment) fitOrShort(full, short string) (wrote, shortened bool) {
	if !m.full && m.b.Len()+len(full) <= m.budget {
		m.b.WriteString(full)
		return true, false
	}
	return m.fit(short), true
}

// maxShortText is the most characters a shortened part keeps of a text
// (a message, a reason, a witness).
const maxShortText = 200

// String is the comment so far.
func (m *comment) String() string { return m.b.String() }

// mdEscaper escapes text for Markdown outside code: HTML's <, > and &,
// and the punctuation Markdown gives meaning to (| splits table cells).
// An @ is followed by a word joiner, so that a name in the text never
// mentions (and notifies) a GitHub user or team.
var mdEscaper = strings.NewReplacer(
	"&", "&amp;", "<", "&lt;", ">", "&gt;",
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "|", `\|`, "~", `\~`,
	"@", "@\u2060",
)

// mdText escapes text for Markdown and keeps it on one line (line breaks
// become <br>).
func mdText(s string) string {
	return strings.ReplaceAll(mdEscaper.Replace(unifyBreaks(s)), "\n", "<br>")
}

// htmlText escapes text for the inside of an HTML block (a <summary>),
// where Markdown is not read, on one line; an @ mentions no one.
func htmlText(s string) string {
	s = html.EscapeString(strings.ReplaceAll(unifyBreaks(s), "\n", " "))
	return strings.ReplaceAll(s, "@", "@\u2060")
}

// unifyBreaks turns every line break (CR LF, CR) into LF: Markdown ends a
// line at each of them.
func unifyBreaks(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// codeSpan renders s as inline code, fenced by more backticks than it
// holds in a row.
func codeSpan(s string) string {
	s = strings.ReplaceAll(unifyBreaks(s), "\n", " ")
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

// codeFence is a fence for a code block holding body: longer than any
// run of backticks in it, so no line of body can close it.
func codeFence(body string) string {
	return strings.Repeat("`", max(3, longestBackticks(body)+1))
}

// clip shortens s to at most n characters, marking the cut with "…".
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// safeURL returns u ready for a Markdown link target, or "" when it is
// not an absolute http(s) URL or is too long to show: characters that
// could end the link or break out of it are percent-encoded.
func safeURL(u string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" || len(u) > maxURL {
		return ""
	}
	var b strings.Builder
	for _, c := range []byte(u) {
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`()<>"'\`+"`|[]", c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// mdLink links text (already Markdown) to u, or is text alone when u is
// not a URL safeURL accepts.
func mdLink(text, u string) string {
	if s := safeURL(u); s != "" {
		return "[" + text + "](" + s + ")"
	}
	return text
}

// fileLinker builds the URL of a line of a file, e.g. on GitHub at a
// commit; nil links nothing.
type fileLinker func(file string, line int) string

// pos renders a position as inline code, linked to the file and line
// when the linker gives a URL for it.
func (l fileLinker) pos(p model.Pos, text string) string {
	if l == nil || !p.IsValid() {
		return codeSpan(text)
	}
	return mdLink(codeSpan(text), l(p.File, p.Line))
}

// sortedFindings is fs with errors first, otherwise in their order.
func sortedFindings(fs []diag.Finding) []diag.Finding {
	ordered := slices.Clone(fs)
	slices.SortStableFunc(ordered, func(a, b diag.Finding) int {
		return cmp.Compare(severityRank(a.Severity), severityRank(b.Severity))
	})
	return ordered
}

// severityRank puts errors before warnings.
func severityRank(s diag.Severity) int {
	if s == diag.Error {
		return 0
	}
	return 1
}

// findingItem is one finding as a list item: severity, `file:line:col`
// (linked when link gives a URL), rule, message, then the witness and
// related places.
func findingItem(f diag.Finding, link fileLinker) string {
	var b strings.Builder
	fmt.Fprintf(&b, "- **%s** %s %s: %s\n", mdText(string(f.Severity)), link.pos(f.Pos, location(f)), mdText(f.Rule), mdText(f.Message))
	if f.Witness != "" {
		fmt.Fprintf(&b, "  - witness: %s\n", codeSpan(f.Witness))
	}
	for _, r := range f.Related {
		b.WriteString(relatedItem(r, link))
	}
	return b.String()
}

// relatedItem is a related place as a nested list item; a related
// resource without a position is a live one.
func relatedItem(r diag.Related, link fileLinker) string {
	if !r.Pos.IsValid() && r.Resource != "" {
		return fmt.Sprintf("  - see live %s\n", mdText(r.Resource))
	}
	return fmt.Sprintf("  - see %s %s\n", link.pos(r.Pos, r.Pos.String()), mdText(r.Resource))
}

// findingCounts says how many errors and warnings there are: "no errors,
// 2 warnings".
func findingCounts(fs []diag.Finding) string {
	errs, warns := diag.Counts(fs)
	return countOrNo(errs, "error", "errors") + ", " + countOrNo(warns, "warning", "warnings")
}

// countOrNo is count, with "no" for zero.
func countOrNo(n int, one, many string) string {
	if n == 0 {
		return "no " + many
	}
	return count(n, one, many)
}

// findingList writes the findings, errors first, as many as fit (one too
// long shortened), then a line saying how many were left out and where to
// find them (more).
func (m *comment) findingList(fs []diag.Finding, link fileLinker, more string) {
	shown := 0
	for _, f := range sortedFindings(fs) {
		if ok, _ := m.fitOrShort(findingItem(f, link), findingItem(shortFinding(f), link)); ok {
			shown++
		}
	}
	if left := len(fs) - shown; left > 0 {
		m.fixed(fmt.Sprintf("- %s left out; %s\n", count(left, "more finding", "more findings"), more))
	}
	m.fixed("\n")
}

// shortFinding is a finding cut to what a crowded comment can show: its
// message and witness clipped, at most one related place.
func shortFinding(f diag.Finding) diag.Finding {
	f.Message, f.Witness = clip(f.Message, maxShortText), clip(f.Witness, maxShortText)
	if len(f.Related) > 1 {
		f.Message += fmt.Sprintf(" (and %s)", count(len(f.Related)-1, "more related place", "more related places"))
		f.Related = f.Related[:1]
	}
	f.Related = slices.Clone(f.Related)
	for i := range f.Related {
		f.Related[i].Resource = clip(f.Related[i].Resource, maxHeadText)
	}
	return f
}

// footer is the comment's last line, naming gwsync's version, or "".
func footer(version string) string {
	if version == "" {
		return ""
	}
	return "\n<sub>gwsync " + mdText(clip(version, 64)) + "</sub>\n"
}

// shortCommit shows a full SHA by its first 7 characters and anything
// else (clipped) as it is.
func shortCommit(c string) string {
	if len(c) >= 12 && strings.Trim(strings.ToLower(c), "0123456789abcdef") == "" {
		return c[:7]
	}
	return clip(c, 64)
}
