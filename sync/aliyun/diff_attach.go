package aliyun

import (
	"fmt"

	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	gwsync "github.com/gwsync/gwsync/sync"
)

// attachments plans the policy attachments: attach what is declared and
// missing, detach what is live and no longer declared (or whose policy or
// resource goes away), and detach and attach again what changed.
func (df *differ) attachments() {
	wanted := map[string]bool{}
	for _, a := range df.want.Attachments {
		key := alimodel.AttachmentKey(a.Policy.Name, a.Resource)
		wanted[key] = true
		df.attachment(key, a)
	}
	for _, la := range df.have.Attachments {
		key := alimodel.AttachmentKey(la.Policy.Name, la.Resource)
		if !wanted[key] {
			df.liveAttachment(key, la)
		}
	}
}

func (df *differ) attachment(key string, a *alimodel.Attachment) {
	want := attachmentDoc(a)
	if la := df.idx.attachments[key]; la != nil {
		have := attachmentDoc(la)
		reason := ""
		switch {
		case df.replacedPolicies[a.Policy.Name]:
			reason = fmt.Sprintf("policy %q is replaced", a.Policy.Name)
		case !gwsync.EqualDocs(have, want):
			reason = fmt.Sprintf("the attachment's environment changes from %q to %q", envLabel(have.Environment), envLabel(want.Environment))
		default:
			return
		}
		df.detach(key, la, reason+"; it is attached again")
	}
	df.Add(&gwsync.Change{Action: gwsync.Attach, Kind: gwsync.KindAttachment, Name: a.Policy.Name, Resource: key, After: want, Pos: a.Policy.Pos})
}

// envLabel renders an attachment's environment.
func envLabel(env string) string {
	if env == "" {
		return "*"
	}
	return env
}

// liveAttachment decides about a live attachment the desired state does
// not declare.
func (df *differ) liveAttachment(key string, la *alimodel.Attachment) {
	policy := alimodel.PolicyPath(la.Policy.Name)
	switch {
	case df.replacedPolicies[la.Policy.Name]:
		df.detach(key, la, fmt.Sprintf("policy %q is replaced", la.Policy.Name))
	case df.Gone[policy]:
		df.detach(key, la, fmt.Sprintf("policy %q is deleted", la.Policy.Name))
	case df.Gone[la.Resource]:
		df.detach(key, la, fmt.Sprintf("%s is deleted", la.Resource))
	case df.Declared[policy] && df.Declared[la.Resource]:
		df.detach(key, la, fmt.Sprintf("%s no longer lists policy %q", la.Resource, la.Policy.Name))
	case df.Declared[policy] && df.Opts.Prune:
		df.detach(key, la, fmt.Sprintf("policy %q is declared here and %s no longer is", la.Policy.Name, la.Resource))
	case df.Declared[policy]:
		df.Keep(gwsync.KindAttachment, la.Policy.Name, key, fmt.Sprintf("policy %q is declared here, but %s, which it is attached to, is not: kept (--keep-removed); plan without --keep-removed to detach it", la.Policy.Name, la.Resource))
	case df.Declared[la.Resource]:
		df.Note(gwsync.KindAttachment, la.Policy.Name, key, fmt.Sprintf("policy %q, which this desired state does not manage, is attached to %s; left alone", la.Policy.Name, la.Resource))
	}
}

func (df *differ) detach(key string, la *alimodel.Attachment, reason string) {
	df.Add(&gwsync.Change{Action: gwsync.Detach, Kind: gwsync.KindAttachment, Name: la.Policy.Name, Resource: key, ID: df.ID(key),
		Before: attachmentDoc(la), Reason: reason})
}

// unmanagedRoutes are the live routes the desired state does not declare
// and the plan does not delete: what the desired routes must not clash
// with.
func (df *differ) unmanagedRoutes() []*model.Route {
	var out []*model.Route
	for _, lr := range df.have.Routes() {
		if !df.Declared["routes."+lr.Name] && !df.Gone[lr.Path()] {
			out = append(out, lr)
		}
	}
	return out
}
