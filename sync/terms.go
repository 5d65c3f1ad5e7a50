package sync

// Term is what people call an action on one kind of gateway: the verb a
// change is shown with ("deploy", "publish") and its past tense
// ("deployed", "published"), and the noun, singular and plural, a summary
// counts it by ("deploy", "deploys"; "binding", "bindings"). The
// contract's action names (Action) stay what programs read, in JSON and
// in saved plans; terms are for people.
type Term struct {
	Verb, Past string
	One, Many  string
}

// commonTerms are the contract's own action names, which are also the
// words of a kind whose ActionTerms are nil.
var commonTerms = map[Action]Term{
	Create:   {"create", "created", "create", "creates"},
	Update:   {"update", "updated", "update", "updates"},
	Delete:   {"delete", "deleted", "delete", "deletes"},
	Replace:  {"replace", "replaced", "replace", "replaces"},
	Deploy:   {"deploy", "deployed", "deploy", "deploys"},
	Undeploy: {"undeploy", "undeployed", "undeploy", "undeploys"},
	Attach:   {"attach", "attached", "attach", "attaches"},
	Detach:   {"detach", "detached", "detach", "detaches"},
}

// termOf is a's term in terms, or its common term.
func termOf(terms map[Action]Term, a Action) Term {
	if t, ok := terms[a]; ok {
		return t
	}
	if t, ok := commonTerms[a]; ok {
		return t
	}
	s := string(a)
	return Term{Verb: s, Past: s + "ed", One: s, Many: s + "s"}
}

// termsOf are p's ActionTerms, or none for no kind.
func termsOf(p Planner) map[Action]Term {
	if p == nil {
		return nil
	}
	return p.ActionTerms()
}

// Term is what people call action a on the plan's gateway: the words of
// the gateway kind serving its provider (a kind may call a deploy a
// publish), the contract's own otherwise.
func (p *Plan) Term(a Action) Term {
	k, _ := registry.providers.Lookup(p.Gateway.Provider)
	return termOf(termsOf(k), a)
}

// Term is what people call the change's action on its kind of resource:
// the words of the gateway kind the change is of (see Planner), the
// action's own name otherwise.
func (c *Change) Term() Term { return termOf(termsOf(ownerOf(c)), c.Action) }
