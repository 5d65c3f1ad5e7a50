package sync

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// SavedVersion is the format version of a saved plan.
const SavedVersion = 2

// Saved is a plan written to a file by `gwsync plan --out`: the change set,
// what it was planned from (a hash of the desired state), and a
// fingerprint of every live resource the plan read, so that apply can
// refuse the plan once either has changed. A digest of what a reviewer
// sees (changes, notes, findings) catches a file edited by hand before
// anything is read; apply then makes the plan again and refuses the file
// unless its changes are exactly those (see Differs), so only what was
// reviewed is applied.
type Saved struct {
	Version      int               `json:"version"`
	Digest       string            `json:"digest"`
	Gateway      SavedGateway      `json:"gateway"`
	Owner        string            `json:"owner,omitempty"`
	Prune        bool              `json:"prune,omitempty"`
	DesiredHash  string            `json:"desiredHash"`
	Fingerprints map[string]string `json:"fingerprints"`
	Changes      []*Change         `json:"changes"`
	Notes        []Note            `json:"notes"`
	// Findings are the warnings the plan was made with (a plan with
	// errors is not saved), for views of the saved plan such as a pull
	// request comment.
	Findings []diag.Finding `json:"findings,omitempty"`
}

// SavedGateway names the gateway a saved plan is for.
type SavedGateway struct {
	Provider string `json:"provider"`
	ID       string `json:"id,omitempty"`
	Region   string `json:"region,omitempty"`
}

// NewSaved records a plan made from d and live with opts.
func NewSaved(p *Plan, d *model.Desired, live *model.Live, opts Options) *Saved {
	return &Saved{Version: SavedVersion,
		Gateway: SavedGateway{Provider: d.Gateway.Provider, ID: d.Gateway.ID, Region: d.Gateway.Region},
		Owner:   opts.Owner, Prune: opts.Prune, DesiredHash: DesiredHash(d, opts),
		Fingerprints: live.Fingerprints, Changes: p.Changes, Notes: p.Notes}
}

// Plan returns the saved change set.
func (s *Saved) Plan() *Plan {
	return &Plan{Gateway: model.Gateway{Provider: s.Gateway.Provider, ID: s.Gateway.ID, Region: s.Gateway.Region, Owner: s.Owner},
		Changes: s.Changes, Notes: s.Notes}
}

// Options returns the options the plan was made with.
func (s *Saved) Options() Options { return Options{Owner: s.Owner, Prune: s.Prune} }

// Write writes the saved plan as indented JSON, with its digest.
func (s *Saved) Write(w io.Writer) error {
	s.Digest = s.digest()
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(s)
}

// ReadSaved reads a saved plan. It refuses another format version,
// anything after the plan, a change of an unknown action or kind, a
// change listed twice, and a plan whose digest does not match what it
// holds (a file edited by hand).
func ReadSaved(r io.Reader) (*Saved, error) {
	var s Saved
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("not a gwsync saved plan: %w", err)
	}
	if s.Version != SavedVersion {
		return nil, fmt.Errorf("saved plan format version %d, but this gwsync reads version %d: plan again with this gwsync", s.Version, SavedVersion)
	}
	if trailing(dec) {
		return nil, errors.New("the saved plan is followed by more data: it was not written by gwsync plan --out alone; plan again")
	}
	if err := checkChanges(s.Changes); err != nil {
		return nil, err
	}
	if s.Digest != s.digest() {
		return nil, errors.New("the saved plan's digest does not match its changes, notes and findings: the file was edited after gwsync wrote it; plan again and review the new plan")
	}
	return &s, nil
}

// trailing reports whether anything but white space follows the value
// dec read.
func trailing(dec *json.Decoder) bool {
	_, err := dec.Token()
	return err != io.EOF
}

// knownActions are the actions a plan makes.
var knownActions = map[Action]bool{Create: true, Update: true, Delete: true, Replace: true,
	Deploy: true, Undeploy: true, Attach: true, Detach: true}

// checkChanges refuses a change of an unknown action or kind (its
// documents' types follow the kind, so decoding already refused unknown
// kinds with documents) and a change listed twice.
func checkChanges(changes []*Change) error {
	seen := map[string]int{}
	for i, c := range changes {
		if c == nil {
			return fmt.Errorf("change %d of the saved plan is null", i+1)
		}
		if !knownActions[c.Action] {
			return fmt.Errorf("change %d of the saved plan has action %q, which gwsync never plans", i+1, c.Action)
		}
		if _, err := newDocument(c.Kind, c.Action, nil); err != nil {
			return fmt.Errorf("change %d of the saved plan: %w", i+1, err)
		}
		key := string(c.Action) + " " + string(c.Kind) + " " + c.Resource
		if j, dup := seen[key]; dup {
			return fmt.Errorf("changes %d and %d of the saved plan both %s: a plan never lists a change twice", j, i+1, c.Label())
		}
		seen[key] = i + 1
	}
	return nil
}

// digest is a hash of what a reviewer of the plan sees: its changes
// (without positions, which depend on where the plan was made), notes and
// findings.
func (s *Saved) digest() string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	for _, c := range s.Changes {
		_ = enc.Encode(canonicalChange(c))
	}
	_ = enc.Encode(s.Notes)
	_ = enc.Encode(s.Findings)
	return hex.EncodeToString(h.Sum(nil))
}

// Digest is a hash of what a reviewer of plan p sees: its changes
// (without positions) and notes. Two plans with one Digest make the same
// changes, so a plan shown and approved can be told from one made later.
func Digest(p *Plan) string { return (&Saved{Changes: p.Changes, Notes: p.Notes}).digest() }

// canonicalChange is a change as plain JSON values, without its position.
func canonicalChange(c *Change) map[string]any {
	b, err := json.Marshal(c)
	var m map[string]any
	if err != nil || json.Unmarshal(b, &m) != nil {
		return map[string]any{"unencodable": c.Label()}
	}
	delete(m, "file")
	delete(m, "line")
	delete(m, "column")
	return m
}

// Differs says how the saved changes differ from fresh, a plan made now
// from the same desired state and live gateway ("" when they are the
// same): the first change that differs, and the first field of it. A
// saved plan that Differs was edited, or made by another gwsync, and must
// not be applied: it is not what a plan shows.
func (s *Saved) Differs(fresh *Plan) string {
	for i := range max(len(s.Changes), len(fresh.Changes)) {
		if i >= len(s.Changes) {
			return fmt.Sprintf("a plan made now has %d changes, the saved plan %d: it lacks %s", len(fresh.Changes), len(s.Changes), describe(fresh.Changes[i]))
		}
		if i >= len(fresh.Changes) {
			return fmt.Sprintf("the saved plan has %d changes, a plan made now %d: change %d, %s, is not one a plan makes", len(s.Changes), len(fresh.Changes), i+1, describe(s.Changes[i]))
		}
		if d := changeDiff(canonicalChange(s.Changes[i]), canonicalChange(fresh.Changes[i])); d != "" {
			return fmt.Sprintf("change %d, %s, differs from a plan made now at %s", i+1, describe(s.Changes[i]), d)
		}
	}
	return ""
}

// describe names a change for people: "update service orders-backend".
func describe(c *Change) string { return string(c.Action) + " " + c.Label() }

// changeDiff is the first JSON pointer where two canonical changes
// differ, with both values (masked when the field is sensitive).
func changeDiff(saved, fresh map[string]any) string {
	a, b := flatten(saved), flatten(fresh)
	paths := sortedKeys(a)
	for p := range b {
		if _, ok := a[p]; !ok {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	for _, p := range paths {
		if !reflect.DeepEqual(a[p], b[p]) {
			return fmt.Sprintf("%s: saved %s, now %s", p, shown(p, a[p]), shown(p, b[p]))
		}
	}
	return ""
}

// shown is a value for a message: JSON, masked when sensitive, cut when
// long.
func shown(pointer string, v any) string {
	if v == nil {
		return "absent"
	}
	if Sensitive(pointer) {
		return SensitiveMask
	}
	b, _ := json.Marshal(v)
	if len(b) > 120 {
		return string(b[:117]) + "..."
	}
	return string(b)
}

// Stale lists why the plan no longer fits: the desired state d differs
// from the one planned, or live resources changed, appeared or went since
// the plan read them. None means the plan may be applied.
func (s *Saved) Stale(d *model.Desired, live *model.Live) []string {
	var out []string
	if h := DesiredHash(d, s.Options()); h != s.DesiredHash {
		out = append(out, "the desired state changed since the plan was made")
	}
	for _, path := range sortedKeys(s.Fingerprints) {
		now, ok := live.Fingerprints[path]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("%s (%s) was deleted since the plan was made", path, s.idOf(path)))
		case now != s.Fingerprints[path]:
			out = append(out, fmt.Sprintf("%s (%s) changed since the plan was made", path, live.IDs[path]))
		}
	}
	for _, path := range sortedKeys(live.Fingerprints) {
		if _, ok := s.Fingerprints[path]; !ok {
			out = append(out, fmt.Sprintf("%s (%s) was created since the plan was made", path, live.IDs[path]))
		}
	}
	return out
}

// idOf is the live ID the plan knew for a path, if any change names it.
func (s *Saved) idOf(path string) string {
	for _, c := range s.Changes {
		if c.Resource == path && c.ID != "" {
			return c.ID
		}
	}
	return "gone"
}

// sortedKeys lists a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// DesiredHash is a hash of what a desired state asks of the gateway: its
// target and every resource as a document, ownership markers included, as
// each gateway kind puts it (see Planner.HashDesired); positions and
// formatting do not count.
func DesiredHash(d *model.Desired, opts Options) string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	put := func(kind, name string, v any) { _ = enc.Encode([]any{kind, name, v}) }
	put("gateway", "", SavedGateway{Provider: d.Gateway.Provider, ID: d.Gateway.ID, Region: d.Gateway.Region})
	put("options", opts.Owner, opts.Prune)
	for _, k := range planners() {
		k.HashDesired(d, opts, put)
	}
	return hex.EncodeToString(h.Sum(nil))
}
