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

// commonTerms are the contract's own action names, which are Alibaba
// Cloud APIG's words.
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

// providerTerms are the terms a kind of gateway (gateway.provider) uses
// in place of the common ones.
var providerTerms = map[string]map[Action]Term{
	huaweiProvider: huaweiTerms,
}

// kindTerms are the terms of the changes of a resource kind that only one
// kind of gateway has, so that a change alone says what it is called.
var kindTerms = map[Kind]map[Action]Term{
	KindAPI:     huaweiTerms,
	KindBinding: huaweiTerms,
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

// Term is what people call action a on the plan's gateway: for Huawei
// Cloud APIG, a deploy is a publish and an attach a binding.
func (p *Plan) Term(a Action) Term { return termOf(providerTerms[p.Gateway.Provider], a) }

// Term is what people call the change's action on its kind of resource:
// "publish" for a deploy of a Huawei API, "bind" for an attach of a
// Huawei binding, the action's own name otherwise.
func (c *Change) Term() Term { return termOf(kindTerms[c.Kind], c.Action) }
