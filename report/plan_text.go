package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/gwsync/gwsync/sync"
	hwsync "github.com/gwsync/gwsync/sync/huawei"
)

// PlanText writes a plan for people, Terraform-style: a header naming the
// gateway, one block per change in apply order, what the plan leaves
// alone, the findings (as validate's text shows them), and a summary line.
//
// A block starts with a symbol, then the resource and where it is
// declared. The symbols are "+" create and attach, "~" update, "-" delete
// and detach, "±" replace, ">" deploy and "<" undeploy. Every block names
// what it acts on the same way, by its live ID in parentheses, "(new)"
// when it has none yet: "+ service svc (new)", "~ route orders (hr-1)",
// "> deploy route orders (new) in environment "prod"". Deploys and
// attaches, in titles and in the summary line, are called what the
// gateway calls them: on Huawei Cloud APIG, publishes and bindings
// ("> publish api a (new) in environment "TEST"", "Plan: ...; 6
// publishes, 0 unpublishes, 7 bindings, 0 unbindings.").
//
// Under it come the reason as a "# " comment, then for a create the new
// document, one "/json/pointer = value" line per field, and for an update
// or replace the fields that change ("~ /path: before → after", "+" for
// a field added, "-" for one removed). A changed list of scalars (and a set
// the API takes as one string, such as an IP whitelist) shows what it
// gains and loses instead: "~ /path: +2 -1", then "+ value" and "- value"
// lines indented under it. Values are JSON. A secret's value is never
// shown: "(sensitive)" stands in for it, "(sensitive, changed)" when it
// changes. The compact view (PlanView.Compact) is one line a change.
func PlanText(w io.Writer, v PlanView) error {
	var b strings.Builder
	b.WriteString(v.title())
	b.WriteByte('\n')
	if v.Compact {
		b.WriteByte('\n')
	}
	for _, c := range v.changes() {
		if !v.Compact {
			b.WriteByte('\n')
		}
		for _, l := range changeLines(c) {
			if v.Compact && l.detail {
				continue
			}
			b.WriteString(l.text())
			b.WriteByte('\n')
		}
	}
	writeTextNotes(&b, v.notes())
	if len(v.Findings) > 0 {
		b.WriteByte('\n')
	}
	for _, f := range v.Findings {
		writeTextFinding(&b, f)
	}
	writeConclusion(&b, v)
	_, err := io.WriteString(w, b.String())
	return err
}

// writeTextNotes lists what the plan leaves alone.
func writeTextNotes(b *strings.Builder, notes []sync.Note) {
	if len(notes) == 0 {
		return
	}
	b.WriteString("\nLeft alone:\n")
	for _, n := range notes {
		fmt.Fprintf(b, "  %s %s (%s): %s\n", n.Kind, n.Name, ref(n.ID, n.Resource), oneLine(n.Reason))
	}
}

// writeConclusion writes the summary line and, when planning found
// errors, the line saying the plan cannot be used.
func writeConclusion(b *strings.Builder, v PlanView) {
	b.WriteByte('\n')
	for _, s := range []string{v.summarySentence(), v.blockedSentence()} {
		if s != "" {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
}

// planLine is one line of a change's block.
type planLine struct {
	// detail is set for the lines under the change's header, and element
	// too for an element of a changed list, under its field's line.
	detail, element bool
	// mark is the symbol text shows before the body ("" for none) and
	// diff the first character of the line in a diff block.
	mark string
	diff byte
	body string
}

// text renders the line as PlanText shows it.
func (l planLine) text() string {
	switch {
	case !l.detail:
		return "  " + l.mark + " " + l.body
	case l.element:
		return "        " + l.mark + " " + l.body
	case l.mark != "":
		return "      " + l.mark + " " + l.body
	}
	return "      " + l.body
}

// diffText renders the line for a diff block: its diff mark first, so
// that the line is coloured as an addition, removal or change.
func (l planLine) diffText() string {
	switch {
	case l.element:
		return string(l.diff) + "       " + l.body
	case l.detail:
		return string(l.diff) + "     " + l.body
	}
	return string(l.diff) + " " + l.body
}

// actionMarks are the symbols text shows for each action, and diffMarks
// the first character of a change's lines in a diff block ('!' marks a
// change; '>' and '<' colour like '+' and '-').
var (
	actionMarks = map[sync.Action]string{
		sync.Create: "+", sync.Update: "~", sync.Delete: "-", sync.Replace: "±",
		sync.Deploy: ">", sync.Undeploy: "<", sync.Attach: "+", sync.Detach: "-",
	}
	diffMarks = map[sync.Action]byte{
		sync.Create: '+', sync.Update: '!', sync.Delete: '-', sync.Replace: '!',
		sync.Deploy: '>', sync.Undeploy: '<', sync.Attach: '+', sync.Detach: '-',
	}
)

// changeLines renders one change: its header, its reason, and the
// document it creates or the fields it changes.
func changeLines(c *sync.Change) []planLine {
	lines := []planLine{headerLine(c)}
	if c.Reason != "" {
		lines = append(lines, planLine{detail: true, diff: ' ', body: "# " + oneLine(c.Reason)})
	}
	switch c.Action {
	case sync.Create:
		lines = append(lines, documentLines(c.After)...)
	case sync.Update, sync.Replace:
		for _, f := range c.Fields {
			lines = append(lines, fieldLines(f)...)
		}
	}
	return lines
}

// headerLine is a change's first line: symbol, title and position.
func headerLine(c *sync.Change) planLine {
	mark, ok := actionMarks[c.Action]
	if !ok {
		mark = "?"
	}
	diff, ok := diffMarks[c.Action]
	if !ok {
		diff = '!'
	}
	body := changeTitle(c)
	if c.Pos.IsValid() {
		body += "   " + c.Pos.String()
	}
	return planLine{mark: mark, diff: diff, body: body}
}

// changeTitle names what a change does to which resource. Every title
// names what the change acts on by its live ID in parentheses, or "(new)"
// when it has none yet: "service svc (new)", "route orders (hr-1)",
// "deploy route orders (new) in environment "prod"", "attach policy p to
// httpApis.a.routes.r (new) in every environment" (an attachment's ID).
// A deploy, undeploy, attach or detach is named in the words of the
// change's gateway (sync.Change.Term): "publish api a (new) in
// environment "RELEASE"" on Huawei Cloud APIG.
func changeTitle(c *sync.Change) string {
	if t := bindingTitle(c); t != "" {
		return t
	}
	verb := c.Term().Verb
	switch c.Action {
	case sync.Deploy:
		return fmt.Sprintf("%s %s%s", verb, resourceTitle(c), environmentPhrase("in", c.After))
	case sync.Undeploy:
		return fmt.Sprintf("%s %s%s", verb, resourceTitle(c), environmentPhrase("from", c.Before))
	case sync.Attach:
		return fmt.Sprintf("%s policy %s to %s (%s)%s", verb, c.Name, attachmentTarget(c, c.After), liveRef(c), attachmentScope(c.After))
	case sync.Detach:
		return fmt.Sprintf("%s policy %s from %s (%s)", verb, c.Name, attachmentTarget(c, c.Before), liveRef(c))
	case sync.Replace:
		return resourceTitle(c) + " must be replaced"
	}
	return resourceTitle(c)
}

// bindingTitle names a Huawei binding change: "bind throttle t to api a
// (new) in environment "RELEASE"", or "" for any other change.
func bindingTitle(c *sync.Change) string {
	for _, d := range []sync.Document{c.After, c.Before} {
		if b, ok := d.(*hwsync.BindingDoc); ok && b != nil {
			kind := strings.TrimSuffix(b.PolicyKind, "s")
			if c.Action == sync.Detach {
				return fmt.Sprintf("%s %s %s from api %s (%s) in environment %q", c.Term().Verb, kind, b.Policy, b.API, liveRef(c), b.Env)
			}
			return fmt.Sprintf("%s %s %s to api %s (%s) in environment %q", c.Term().Verb, kind, b.Policy, b.API, liveRef(c), b.Env)
		}
	}
	return ""
}

// resourceTitle is "kind name (id)", "(new)" for a resource that has no
// ID yet.
func resourceTitle(c *sync.Change) string {
	return fmt.Sprintf("%s %s (%s)", c.Kind, c.Name, liveRef(c))
}

// liveRef is the live ID a change acts on, or "new" when it has none yet
// (a create, or a deploy or attach of what the plan creates).
func liveRef(c *sync.Change) string {
	if c.ID != "" {
		return c.ID
	}
	return "new"
}

// environmentPhrase is ` in environment "prod"` for a deploy document, or
// "" when it names none.
func environmentPhrase(prep string, d sync.Document) string {
	if dd, ok := d.(*sync.DeployDoc); ok && dd != nil && dd.Environment != "" {
		return fmt.Sprintf(" %s environment %q", prep, dd.Environment)
	}
	return ""
}

// attachmentTarget is the resource path an attachment joins a policy to.
func attachmentTarget(c *sync.Change, d sync.Document) string {
	if a, ok := d.(*sync.AttachmentDoc); ok && a != nil && a.Resource != "" {
		return a.Resource
	}
	return c.Resource
}

// attachmentScope says which environments an attachment applies in.
func attachmentScope(d sync.Document) string {
	a, ok := d.(*sync.AttachmentDoc)
	switch {
	case !ok || a == nil:
		return ""
	case a.Environment == "":
		return " in every environment"
	}
	return fmt.Sprintf(" in environment %q", a.Environment)
}

// documentLines lists a created document, one masked leaf per line.
func documentLines(d sync.Document) []planLine {
	var lines []planLine
	for _, l := range leaves(sync.Masked(d)) {
		lines = append(lines, planLine{detail: true, diff: '+', body: l.path + " = " + shownValue(l.value, sync.Sensitive(l.path))})
	}
	return lines
}

// fieldLines renders one changed field: a list of scalars element by
// element (see elementLines), anything else on one line (fieldLine).
func fieldLines(f sync.FieldChange) []planLine {
	if added, removed, ok := f.Elements(); ok && !sensitiveField(f) {
		return elementLines(f.Path, added, removed)
	}
	return []planLine{fieldLine(f)}
}

// elementLines renders a changed list as what it gains and loses: "~
// /path: +2 -1", then a "+ value" line per element added and a "- value"
// line per element removed.
func elementLines(path string, added, removed []any) []planLine {
	lines := []planLine{{detail: true, mark: "~", diff: '!', body: fmt.Sprintf("%s: +%d -%d", path, len(added), len(removed))}}
	for _, e := range added {
		lines = append(lines, planLine{detail: true, element: true, mark: "+", diff: '+', body: jsonText(e)})
	}
	for _, e := range removed {
		lines = append(lines, planLine{detail: true, element: true, mark: "-", diff: '-', body: jsonText(e)})
	}
	return lines
}

// fieldLine renders one changed field: "+" added, "-" removed, "~"
// changed.
func fieldLine(f sync.FieldChange) planLine {
	s := sensitiveField(f)
	switch {
	case f.Before == nil:
		return planLine{detail: true, mark: "+", diff: '+', body: f.Path + ": " + shownValue(f.After, s)}
	case f.After == nil:
		return planLine{detail: true, mark: "-", diff: '-', body: f.Path + ": " + shownValue(f.Before, s)}
	}
	after := shownValue(f.After, s)
	if s && !reflect.DeepEqual(f.Before, f.After) {
		after = "(sensitive, changed)"
	}
	return planLine{detail: true, mark: "~", diff: '!', body: f.Path + ": " + shownValue(f.Before, s) + " → " + after}
}

// shownValue renders a value as JSON, or the mask for a secret.
func shownValue(v any, sensitive bool) string {
	if sensitive {
		return sync.SensitiveMask
	}
	return jsonText(v)
}

// jsonText renders a value as compact JSON without HTML escaping.
func jsonText(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// oneLine keeps free text on one line.
func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }

// leaf is one value of a document at its JSON pointer.
type leaf struct {
	path  string
	value any
}

// leaves flattens a document (plain JSON values) to its leaves sorted by
// pointer. Objects and lists of objects are walked; scalars, lists of
// scalars and empty objects are leaves, as in the plan's field changes.
func leaves(doc any) []leaf {
	var out []leaf
	collectLeaves(&out, "", doc)
	if len(out) == 1 && out[0].path == "" && out[0].value == nil {
		return nil
	}
	slices.SortFunc(out, func(a, b leaf) int { return strings.Compare(a.path, b.path) })
	return out
}

func collectLeaves(out *[]leaf, path string, v any) {
	switch t := v.(type) {
	case map[string]any:
		if len(t) == 0 && path != "" {
			*out = append(*out, leaf{path, t})
		}
		for k, e := range t {
			collectLeaves(out, path+"/"+pointerToken(k), e)
		}
	case []any:
		if !slices.ContainsFunc(t, isObject) {
			*out = append(*out, leaf{path, t})
			return
		}
		for i, e := range t {
			collectLeaves(out, path+"/"+strconv.Itoa(i), e)
		}
	default:
		*out = append(*out, leaf{path, t})
	}
}

func isObject(v any) bool {
	_, ok := v.(map[string]any)
	return ok
}

// pointerToken escapes an object key for a JSON pointer.
func pointerToken(k string) string {
	return strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1")
}
