package sync

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// SavedVersion is the format version of a saved plan.
const SavedVersion = 1

// Saved is a plan written to a file by `gwsync plan --out`: the change set,
// what it was planned from (a hash of the desired state), and a
// fingerprint of every live resource the plan read, so that apply can
// refuse the plan once either has changed.
type Saved struct {
	Version      int               `json:"version"`
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

// Write writes the saved plan as indented JSON.
func (s *Saved) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(s)
}

// ReadSaved reads a saved plan, refusing other format versions.
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
	return &s, nil
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
// target and every resource as a document, ownership markers included;
// positions and formatting do not count.
func DesiredHash(d *model.Desired, opts Options) string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	put := func(kind, name string, v any) { _ = enc.Encode([]any{kind, name, v}) }
	put("gateway", "", SavedGateway{Provider: d.Gateway.Provider, ID: d.Gateway.ID, Region: d.Gateway.Region})
	put("options", opts.Owner, opts.Prune)
	for _, e := range d.Environments {
		put("environment", e.Name, e.ID)
	}
	for _, s := range d.Services {
		put("service", s.Name, serviceDoc(s))
	}
	for _, dm := range d.Domains {
		put("domain", dm.Name, domainDoc(dm))
	}
	for _, p := range d.Policies {
		put("policy", p.Name, policyDoc(p, WithMarker(p.Description, opts.Owner)))
	}
	for _, a := range d.HTTPAPIs {
		put("httpApi", a.Name, httpAPIDoc(a, WithMarker(a.Description, opts.Owner)))
		for _, r := range a.Routes {
			put("route", r.Name, routeDoc(r, WithMarker(r.Description, opts.Owner)))
		}
	}
	for _, at := range d.Attachments {
		put("attachment", at.Policy.Name, attachmentDoc(at))
	}
	return hex.EncodeToString(h.Sum(nil))
}
