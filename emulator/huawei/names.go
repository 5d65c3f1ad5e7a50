package huawei

import (
	"regexp"
	"unicode/utf8"
)

// The naming rules the API enforces (fact sheet §4-§13). Lengths count
// characters.
var (
	groupNameRe  = regexp.MustCompile(`^[A-Za-z0-9\p{Han}][A-Za-z0-9\p{Han}\-_./():（）：、]{2,254}$`)
	apiNameRe    = groupNameRe
	envNameRe    = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{2,63}$`)
	varNameRe    = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{2,31}$`)
	varValueRe   = regexp.MustCompile(`^[A-Za-z0-9_\-/.:]{1,255}$`)
	policyNameRe = regexp.MustCompile(`^[A-Za-z\p{Han}][A-Za-z0-9_\p{Han}]{2,63}$`)
	pluginNameRe = regexp.MustCompile(`^[A-Za-z\p{Han}][A-Za-z0-9_\-\p{Han}]{2,254}$`)
	domainRe     = regexp.MustCompile(`^(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$`)
	paramNameRe  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]{0,31}$`)
	reqURIRe     = regexp.MustCompile(`^/[A-Za-z0-9*%\-_./{}+~]*$`)
	variableRe   = regexp.MustCompile(`#([A-Za-z][A-Za-z0-9_-]{2,31})#`)
)

// checkName checks a required name against its pattern; rule says what
// the pattern allows, for the message.
func checkName(field, value string, re *regexp.Regexp, rule string) error {
	if value == "" {
		return missing(field)
	}
	if !re.MatchString(value) {
		return invalid(field, "%q does not follow the rule: %s", value, rule)
	}
	return nil
}

// checkLen checks an optional text field's length.
func checkLen(field, value string, maxLen int) error {
	if utf8.RuneCountInString(value) > maxLen {
		return invalid(field, "at most %d characters, got %d", maxLen, utf8.RuneCountInString(value))
	}
	return nil
}

// Rules in words, for messages.
const (
	ruleGroupName  = "3-255 characters: letters, digits, Chinese characters and -_./():（）：、, starting with a letter, digit or Chinese character"
	ruleEnvName    = "3-64 characters: letters, digits and _, starting with a letter"
	ruleVarName    = "3-32 characters: letters, digits, - and _, starting with a letter"
	rulePolicyName = "3-64 characters: letters, digits, _ and Chinese characters, starting with a letter or Chinese character"
	rulePluginName = "3-255 characters: letters, digits, -, _ and Chinese characters, starting with a letter or Chinese character"
)
