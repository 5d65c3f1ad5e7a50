package sync

import (
	"errors"
	"fmt"
)

// ExistsError is what a provider's Execute returns when a create finds a
// resource of the same name already on the gateway (a duplicate-name
// conflict such as APIG's ServiceExisted or RouteNameDuplicated), perhaps
// made by an earlier, interrupted attempt of the same create. Apply then
// reads the resource and adopts it when it is what the plan wanted.
type ExistsError struct {
	// Kind and Name are the resource's kind and name; for an attachment,
	// Name is the policy's.
	Kind Kind
	Name string
	// Resource is the resource path the change is about (for an
	// attachment, its key as the kind names it).
	Resource string
	// ID is the live ID of the resource that is already there.
	ID string
	// Err is the gateway's answer to the create.
	Err error
}

// Error says what already exists, under which ID, and the gateway's answer.
func (e *ExistsError) Error() string {
	name := e.Name
	if e.Kind == KindAttachment {
		name = e.Resource
	}
	return fmt.Sprintf("%s %s already exists on the gateway as %s: %v", e.Kind, name, e.ID, e.Err)
}

// Unwrap returns the gateway's answer.
func (e *ExistsError) Unwrap() error { return e.Err }

// ErrBusy is matched (errors.Is) by a provider's refusal to change a
// route while a deploy or undeploy of it is under way (APIG's 409
// DeployRouteForbidden). Apply waits for the route to settle and tries
// the change again.
var ErrBusy = errors.New("the route is busy with a deploy or undeploy")
