package sync

// What a change needs, and what its failure marks: a change is skipped
// when any mark it needs was left by a failed or skipped change. Marks
// are resource paths, plus what the gateway kind the change is of adds
// (see ChangeRules.ChangeMarks and ChangeNeeds).

// marks lists what a change that did not happen leaves unusable.
func marks(c *Change) []string {
	out := []string{c.Resource}
	if k := ownerOf(c); k != nil {
		out = append(out, k.ChangeMarks(c)...)
	}
	return out
}

// needs lists the marks a change depends on.
func needs(c *Change) []string {
	if k := ownerOf(c); k != nil {
		return k.ChangeNeeds(c)
	}
	return nil
}
