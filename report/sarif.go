package report

import (
	"crypto/sha256"
	"encoding/hex"
	"io"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// SARIF 2.1.0 as GitHub code scanning reads it (only the parts gwsync
// fills).
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool       sarifTool     `json:"tool"`
		Results    []sarifResult `json:"results"`
		ColumnKind string        `json:"columnKind"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string       `json:"id"`
		Name                 string       `json:"name"`
		ShortDescription     sarifText    `json:"shortDescription"`
		DefaultConfiguration sarifDefault `json:"defaultConfiguration"`
	}
	sarifDefault struct {
		Level string `json:"level"`
	}
	sarifText struct {
		Text string `json:"text"`
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
		URIBaseID string `json:"uriBaseId"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
	sarifLogicalLocation struct {
		FullyQualifiedName string `json:"fullyQualifiedName"`
	}
)

// SARIF writes a SARIF 2.1.0 log with one run, every rule gwsync checks,
// and one result per finding.
func SARIF(w io.Writer, v Validation) error {
	index := map[string]int{}
	driver := sarifDriver{Name: "gwsync", Version: v.Version, InformationURI: "https://github.com/gwsync/gwsync"}
	for i, r := range diag.Rules {
		index[r.ID] = i
		driver.Rules = append(driver.Rules, sarifRule{
			ID: r.ID, Name: r.ID, ShortDescription: sarifText{r.Summary},
			DefaultConfiguration: sarifDefault{sarifLevel(r.Severity)},
		})
	}
	run := sarifRun{Tool: sarifTool{driver}, Results: []sarifResult{}, ColumnKind: "unicodeCodePoints"}
	for _, f := range v.Findings {
		run.Results = append(run.Results, sarifResultOf(f, index[f.Rule]))
	}
	return encodeJSON(w, sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{run},
	})
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
		loc.PhysicalLocation = &sarifPhysical{ArtifactLocation: sarifArtifact{URI: p.File, URIBaseID: "%SRCROOT%"}}
		// Code scanning needs a line; a finding about a whole file is
		// shown at its first line.
		loc.PhysicalLocation.Region = &sarifRegion{StartLine: max(p.Line, 1), StartColumn: p.Column}
	}
	if resource != "" {
		loc.LogicalLocations = []sarifLogicalLocation{{FullyQualifiedName: resource}}
	}
	return loc
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
