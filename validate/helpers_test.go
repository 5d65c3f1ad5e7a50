package validate_test

import "github.com/gwsync/gwsync/internal/validatetest"

// The tables are package validatetest's cases, each with the findings it
// yields.
type (
	tcase = validatetest.Case
	want  = validatetest.Want
)
