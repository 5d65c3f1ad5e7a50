package compiler

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Input file kinds, by extension.
const (
	kindCUE  = ".cue"
	kindJSON = ".json"
	kindYAML = ".yaml"
)

// inputs are the files a compilation reads.
type inputs struct {
	// cue holds .cue files grouped by directory (CUE loads one directory's
	// files as one package instance).
	cue map[string][]string
	// data holds .json and .yaml files.
	data []string
}

func (in *inputs) empty() bool { return len(in.cue) == 0 && len(in.data) == 0 }

// first names the first input file, where a finding about the whole
// desired state is placed when nothing more precise exists.
func (in *inputs) first() string {
	if dirs := sortedKeys(in.cue); len(dirs) > 0 {
		return in.cue[dirs[0]][0]
	}
	if len(in.data) > 0 {
		return in.data[0]
	}
	return ""
}

// kindOf returns the input kind of a file name, or "".
func kindOf(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".cue":
		return kindCUE
	case ".json":
		return kindJSON
	case ".yaml", ".yml":
		return kindYAML
	}
	return ""
}

// collect resolves paths into input files, recording a finding for each path
// that cannot be read.
func (c *compilation) collect(paths []string) inputs {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	in := inputs{cue: map[string][]string{}}
	seen := map[string]bool{}
	for _, p := range paths {
		for _, f := range c.expand(p) {
			abs, err := filepath.Abs(f)
			if err != nil || seen[abs] || !c.sizeOK(f) {
				continue
			}
			seen[abs] = true
			if kindOf(f) == kindCUE {
				in.cue[filepath.Dir(abs)] = append(in.cue[filepath.Dir(abs)], abs)
			} else {
				in.data = append(in.data, abs)
			}
		}
	}
	return in
}

// expand turns one path argument into the input files it names.
func (c *compilation) expand(p string) []string {
	p = c.resolve(p)
	st, err := os.Stat(p)
	switch {
	case err != nil:
		c.add("", c.filePos(p), fmt.Sprintf("cannot read %s: %s; give a .cue, .json or .yaml file, or a directory of them", c.rel(p), reason(err)))
		return nil
	case st.IsDir():
		return c.dirFiles(p)
	case kindOf(p) == "":
		c.add("", c.filePos(p), fmt.Sprintf("%s is not a .cue, .json or .yaml file", c.rel(p)))
		return nil
	}
	return []string{p}
}

// dirFiles lists the desired-state files directly inside dir, sorted, by
// the directory rules:
//   - a file whose name starts with "." is never read;
//   - every .cue file is read: the directory is its CUE package;
//   - a JSON or YAML file is read when it is plainly desired state: a
//     mapping whose keys are all top-level fields of a desired state
//     (gateway, services, ...), so neither a package.json, nor a file
//     gwsync wrote (a saved plan, validate's JSON), nor an empty file is.
//
// Every data file left out is noted in c.skipped with why and how to
// include it (name it as a PATH: a file named is always read).
func (c *compilation) dirFiles(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		c.add("", c.filePos(dir), fmt.Sprintf("cannot read directory %s: %s", c.rel(dir), reason(err)))
		return nil
	}
	var cue, data []string
	for _, e := range entries {
		name := e.Name()
		switch {
		case e.IsDir() || strings.HasPrefix(name, ".") || kindOf(name) == "":
		case kindOf(name) == kindCUE:
			cue = append(cue, filepath.Join(dir, name))
		default:
			data = append(data, filepath.Join(dir, name))
		}
	}
	out := append(cue, c.plainData(data)...)
	if len(out) == 0 {
		c.add("", c.filePos(dir), fmt.Sprintf("directory %s holds no desired state (no .cue file, and no JSON or YAML file whose top-level keys are a desired state's); point gwsync at the directory of your desired state", c.rel(dir)))
	}
	slices.Sort(out)
	return out
}

// plainData keeps the data files that are plainly desired state.
func (c *compilation) plainData(files []string) []string {
	var out []string
	for _, f := range files {
		if why := notDesired(f); why != "" {
			c.skip(f, why)
			continue
		}
		out = append(out, f)
	}
	return out
}

// skip notes a file of a directory left out, with why and how to
// include it.
func (c *compilation) skip(f, why string) {
	c.skipped = append(c.skipped, fmt.Sprintf("%s was not read: %s; name it as a PATH to read it", c.rel(f), why))
}

// sizeOK reports whether a file is small enough to read, recording a finding
// if it is not.
func (c *compilation) sizeOK(f string) bool {
	st, err := os.Stat(f)
	if err != nil {
		c.add("", c.filePos(f), fmt.Sprintf("cannot read %s: %s", c.rel(f), reason(err)))
		return false
	}
	if st.Size() > c.opts.MaxFileSize {
		c.add("", c.filePos(f), fmt.Sprintf("%s is %s, more than the %s gwsync reads from one file; split it into several files of the same package (or raise --max-file-size)",
			c.rel(f), humanSize(st.Size()), humanSize(c.opts.MaxFileSize)))
		return false
	}
	return true
}

// resolve makes p absolute against the compilation's directory.
func (c *compilation) resolve(p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(c.opts.Dir, p)
}

// rel returns p relative to the compilation's directory, with forward
// slashes, as findings name files.
func (c *compilation) rel(p string) string {
	if p == "" {
		return ""
	}
	if filepath.IsAbs(p) {
		if r, err := filepath.Rel(c.opts.Dir, p); err == nil {
			p = r
		}
	}
	return filepath.ToSlash(p)
}

// reason is the human part of a file-system error.
func reason(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		err = pe.Err
	}
	if os.IsNotExist(err) {
		return "no such file or directory"
	}
	return err.Error()
}

// humanSize renders a byte count as KiB/MiB.
func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
