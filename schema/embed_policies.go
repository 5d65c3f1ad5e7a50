package schema

import _ "embed"

// PoliciesCUE is the CUE source of the policy config definitions
// (policies.cue, package schema): a #<ClassName>Config per className and
// #PolicyConfigs mapping each className to its definition. Each definition
// mirrors the className's JSON Schema in policies/<ClassName>.json.
//
//go:embed policies.cue
var PoliciesCUE []byte
