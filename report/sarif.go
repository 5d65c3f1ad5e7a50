package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// SARIFResultLimit is the most results GitHub code scanning takes in one
// run; SARIF keeps the most important that many.
const SARIFResultLimit = 25000

// RulesURL is where each rule is explained: the README, at the rule's
// anchor (RuleDoc.Anchor).
const RulesURL = "https://github.com/gwsync/gwsync"

// SARIF 2.1.0 as GitHub code scanning reads it (only the parts gwsync
// fills).
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool        sarifTool         `json:"tool"`
		Invocations []sarifInvocation `json:"invocations"`
		Results     []sarifResult     `json:"results"`
		ColumnKind  string            `json:"columnKind"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name            string      `json:"name"`
		Version         string      `json:"version,omitempty"`
		SemanticVersion string      `json:"semanticVersion,omitempty"`
		InformationURI  string      `json:"informationUri"`
		Rules           []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string       `json:"id"`
		Name                 string       `json:"name"`
		ShortDescription     sarifText    `json:"shortDescription"`
		FullDescription      sarifText    `json:"fullDescription"`
		Help                 sarifHelp    `json:"help"`
		HelpURI              string       `json:"helpUri"`
		DefaultConfiguration sarifDefault `json:"defaultConfiguration"`
	}
	sarifDefault struct {
		Level string `json:"level"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifHelp struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	}
	sarifInvocation struct {
		ExecutionSuccessful        bool                `json:"executionSuccessful"`
		ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	sarifNotification struct {
		Level   string    `json:"level"`
		Message sarifText `json:"message"`
	}
	sarifResult struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Level               string            `json:"level"`
		Message             sarifText         `json:"message"`
		Locations           []sarifLocation   `json:"locations"`
		RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
	}
	sarifLocation struct {
		ID               *int                   `json:"id,omitempty"`
		PhysicalLocation *sarifPhysical         `json:"physicalLocation,omitempty"`
		LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
		Message          *sarifText             `json:"message,omitempty"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           *sarifRegion  `json:"region,omitempty"`
	}
	sarifArtifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
	sarifLogicalLocation struct {
		FullyQualifiedName string `json:"fullyQualifiedName"`
	}
)

// SARIF writes a SARIF 2.1.0 log with one run, every rule gwsync checks
// (with its description, help and README section), and one result per
// finding, up to SARIFResultLimit: past it, every error is kept before
// any warning, and the run's notifications say what was left out.
// Artifact URIs are the findings' file names, percent-encoded, relative
// to %SRCROOT% (the CLI makes them relative to the repository's root).
func SARIF(w io.Writer, v Validation) error {
	return sarifTo(w, v, SARIFResultLimit)
}

// sarifTo is SARIF with the result limit as a parameter, for tests.
func sarifTo(w io.Writer, v Validation, limit int) error {
	index := map[string]int{}
	driver := sarifDriver{Name: "gwsync", InformationURI: RulesURL}
	driver.Version, driver.SemanticVersion = sarifVersions(v.Version)
	for i, r := range diag.Rules() {
		index[r.ID] = i
		driver.Rules = append(driver.Rules, sarifRuleOf(r))
	}
	kept, notes := capResults(v.Findings, limit)
	run := sarifRun{Tool: sarifTool{driver}, Results: []sarifResult{}, ColumnKind: "unicodeCodePoints",
		Invocations: []sarifInvocation{{ExecutionSuccessful: true, ToolExecutionNotifications: notes}}}
	for _, f := range kept {
		run.Results = append(run.Results, sarifResultOf(f, index[f.Rule]))
	}
	return encodeJSON(w, sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{run},
	})
}

// sarifRuleOf describes a rule as code scanning shows it: a readable name,
// what it checks, what to do, and where the README explains it.
func sarifRuleOf(r diag.RuleInfo) sarifRule {
	doc, ok := diag.Doc(r.ID)
	if !ok {
		doc.Description, doc.Help = sentence(r.Summary), "See the rule in gwsync's README."
	}
	uri := RulesURL + "#" + doc.Anchor
	return sarifRule{
		ID: r.ID, Name: doc.Name, ShortDescription: sarifText{sentence(r.Summary)},
		FullDescription: sarifText{doc.Description},
		Help: sarifHelp{Text: doc.Help + " See " + uri + ".",
			Markdown: doc.Description + "\n\n" + doc.Help + "\n\nSee [" + r.ID + " in gwsync's README](" + uri + ")."},
		HelpURI:              uri,
		DefaultConfiguration: sarifDefault{sarifLevel(r.Severity)},
	}
}

// sentence starts s with a capital and ends it with a period.
func sentence(s string) string {
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// semver matches a semantic version with Go's leading v.
var semver = regexp.MustCompile(`^v(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$`)

// sarifVersions is the tool's version as SARIF wants it, starting with a
// number ("1.2.0" for v1.2.0; "0.0.0-dev" for a build without one), and
// its semantic version when it has one.
func sarifVersions(v string) (version, semantic string) {
	if m := semver.FindStringSubmatch(v); m != nil {
		return m[1], m[1]
	}
	if v == "" {
		v = "dev"
	}
	if v[0] >= '0' && v[0] <= '9' {
		return v, ""
	}
	return "0.0.0-" + v, ""
}

// capResults keeps at most limit findings: every error before any warning,
// each kind in its order, listed in the findings' order; and notifications
// saying what was left out.
func capResults(fs []diag.Finding, limit int) ([]diag.Finding, []sarifNotification) {
	if len(fs) <= limit {
		return fs, nil
	}
	errs, warns := diag.Counts(fs)
	keepErrs, keepWarns := min(errs, limit), max(limit-errs, 0)
	var kept []diag.Finding
	leftErrs, leftWarns := 0, 0
	for _, f := range fs {
		n, left := &keepErrs, &leftErrs
		if f.Severity == diag.Warning {
			n, left = &keepWarns, &leftWarns
		}
		if *n == 0 {
			*left++
			continue
		}
		*n--
		kept = append(kept, f)
	}
	msg := fmt.Sprintf("gwsync found %d results (%d errors, %d warnings), over the %d that GitHub code scanning takes in a run; "+
		"this log keeps %d: every error before any warning. Left out: %d errors, %d warnings. "+
		"gwsync validate --format text or json lists them all.",
		len(fs), errs, warns, limit, len(kept), leftErrs, leftWarns)
	return kept, []sarifNotification{{Level: "warning", Message: sarifText{msg}}}
}

func sarifResultOf(f diag.Finding, ruleIndex int) sarifResult {
	msg := f.Message
	if f.Witness != "" {
		msg += " (witness: " + f.Witness + ")"
	}
	loc := sarifLocationAt(f.Pos, f.Resource)
	res := sarifResult{
		RuleID: f.Rule, RuleIndex: ruleIndex, Level: sarifLevel(f.Severity),
		Message: sarifText{msg}, Locations: []sarifLocation{loc},
		PartialFingerprints: map[string]string{"gwsyncFinding/v1": fingerprint(f)},
	}
	for i, r := range f.Related {
		rl := sarifLocationAt(r.Pos, r.Resource)
		rl.ID = &i
		rl.Message = &sarifText{"related: " + r.Resource}
		res.RelatedLocations = append(res.RelatedLocations, rl)
	}
	return res
}

func sarifLocationAt(p model.Pos, resource string) sarifLocation {
	var loc sarifLocation
	if p.File != "" {
		loc.PhysicalLocation = &sarifPhysical{ArtifactLocation: artifactOf(p.File)}
		// Code scanning needs a line; a finding about a whole file is
		// shown at its first line.
		loc.PhysicalLocation.Region = &sarifRegion{StartLine: max(p.Line, 1), StartColumn: p.Column}
	}
	if resource != "" {
		loc.LogicalLocations = []sarifLogicalLocation{{FullyQualifiedName: resource}}
	}
	return loc
}

// artifactOf locates a file: a relative name relative to %SRCROOT%, an
// absolute one as a file: URI; either percent-encoded (SARIFURI).
func artifactOf(file string) sarifArtifact {
	file = strings.ReplaceAll(file, `\`, "/")
	if path.IsAbs(file) {
		return sarifArtifact{URI: "file://" + SARIFURI(file)}
	}
	if len(file) > 1 && file[1] == ':' { // a Windows drive, C:/...
		return sarifArtifact{URI: "file:///" + SARIFURI(file)}
	}
	return sarifArtifact{URI: SARIFURI(file), URIBaseID: "%SRCROOT%"}
}

// SARIFURI percent-encodes a slash-separated file name as the path of a
// URI reference (RFC 3986): every byte but an unreserved character
// (letters, digits, - . _ ~) and the separating / is written %XX, so
// spaces, non-ASCII letters, %, and a : that would read as a scheme are
// all safe ("my dir/gate way.cue" is my%20dir/gate%20way.cue).
func SARIFURI(file string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(file); i++ {
		c := file[i]
		if c == '/' || c == '-' || c == '.' || c == '_' || c == '~' ||
			'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func sarifLevel(s diag.Severity) string {
	if s == diag.Warning {
		return "warning"
	}
	return "error"
}

// fingerprint identifies a finding across commits that move its line.
func fingerprint(f diag.Finding) string {
	h := sha256.Sum256([]byte(f.Rule + "\x00" + f.Resource + "\x00" + f.Message))
	return hex.EncodeToString(h[:16])
}
