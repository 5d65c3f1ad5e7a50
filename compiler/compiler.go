// Package compiler turns a desired state written in CUE, JSON or YAML into
// the typed model: it loads the files with cuelang.org/go (evalv3), checks
// them against the schema, and decodes them through the gateway kind their
// gateway.provider names (see Decoder), keeping the source position of
// every resource; a kind also compiles what its API needs that users
// should not write by hand.
//
// A CUE package may import gwsync's schema module and unify its values with
// the module's definitions (a typed desired state, see typed.go); its
// findings and positions still point at its own files.
//
// It is the only package that knows CUE; every later stage reads the model.
package compiler

import (
	"path/filepath"
	"sync"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// DefaultMaxFileSize bounds the size of one input file unless Options say
// otherwise.
const DefaultMaxFileSize = 32 << 20

// Options configure Compile.
type Options struct {
	// Dir is the directory that file names in findings are relative to.
	// Empty means the working directory.
	Dir string
	// MaxFileSize bounds the size of one input file in bytes; 0 means
	// DefaultMaxFileSize.
	MaxFileSize int64
}

// Result is what Compile found.
type Result struct {
	// Desired is the compiled desired state; nil when the input could not
	// be read or does not match the schema.
	Desired *model.Desired
	// Findings are the input's schema problems, sorted.
	Findings []diag.Finding
	// Skipped says, for each file of a directory that was not read, why
	// and how to include it (see the package doc's directory rules).
	Skipped []string

	// unchecked is the model decoded from a desired state the schema
	// check refused (Desired is nil then), for what can still be checked
	// on it.
	unchecked *model.Desired
}

// Compile loads, checks and decodes the desired state at paths (files or
// directories; none means "."). Every problem with the input is a finding
// with a position; Compile itself never fails.
func Compile(paths []string, opts Options) Result {
	c := newCompilation(opts)
	res := c.compile(paths)
	res.Skipped = c.skipped
	return res
}

// compile is Compile without the notes of skipped files.
func (c *compilation) compile(paths []string) Result {
	v, ok := c.load(paths)
	if !ok {
		return Result{Findings: diag.Sort(c.failed(paths))}
	}
	return c.fromValue(v)
}

// failed is what is wrong with a desired state that did not evaluate: for a
// typed one, what gwsync's own check says when it says something (see
// explainTyped), else CUE's errors.
func (c *compilation) failed(paths []string) []diag.Finding {
	if c.written != nil {
		if fs, ok := c.explainTyped(paths); ok {
			return fs
		}
	}
	return c.findings
}

// fromValue checks and decodes the evaluated desired state, through the
// kind its gateway.provider names.
func (c *compilation) fromValue(v cue.Value) Result {
	tree := treeOf(v, c.written)
	// The evaluation is no longer needed: drop it so the collector can
	// reclaim it while the tree is checked and the model built.
	c.ctx, v = nil, cue.Value{}
	k, ok := decoderOf(tree)
	if !ok {
		return Result{Findings: diag.Sort(append(c.findings, c.checkUnknown(tree)...))}
	}
	d, fs := k.DecodeDesired(&Decoding{c}, tree)
	if len(fs) > 0 {
		return Result{Findings: diag.Sort(append(c.findings, fs...)), unchecked: d}
	}
	return Result{Desired: d, Findings: diag.Sort(c.findings)}
}

// compilation is the state of one Compile call.
type compilation struct {
	opts     Options
	ctx      *cue.Context
	findings []diag.Finding
	// skipped notes the files of directories that were not read.
	skipped []string
	// firstInput is the first input file, where findings about the whole
	// desired state are placed.
	firstInput string
	// relNames caches file names relative to opts.Dir; positions are
	// converted from two goroutines.
	relNames sync.Map
	// written indexes where the user's files write each value when a
	// package read imports the schema module (a typed desired state, see
	// typed.go); it is nil otherwise. laxSchema serves the module with its
	// definitions open.
	written   writtenIndex
	laxSchema bool
}

func newCompilation(opts Options) *compilation {
	if opts.Dir == "" {
		opts.Dir = "."
	}
	if abs, err := filepath.Abs(opts.Dir); err == nil {
		opts.Dir = abs
	}
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	return &compilation{
		opts: opts,
		ctx:  cuecontext.New(cuecontext.EvaluatorVersion(cuecontext.EvalV3)),
	}
}

// add records a schema error finding.
func (c *compilation) add(resource string, pos model.Pos, msg string) {
	c.findings = append(c.findings, diag.Errorf(diag.RuleSchema, resource, pos, msg))
}
