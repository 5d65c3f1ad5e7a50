// Package synth generates synthetic gwsync desired states for benchmarks
// and scale tests: a CUE package (package gateway) in the shape of the
// contract's aliyun/orders.cue, sized by a Config.
//
// The output is deterministic (one Config, one set of bytes, on every Go
// release), formatted as `cue fmt` formats it, and valid under every gwsync
// rule: every path a route matches starts with a base unique to that route,
// so no two routes ever match the same request, and every reference,
// backend, certificate and policy attachment is well formed.
package synth

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"cuelang.org/go/cue/format"
)

// SharedFile is the file that holds the gateway block and every resource
// other than the HTTP APIs.
const SharedFile = "gateway.cue"

// File is one generated file: its name inside the package directory, and
// its content.
type File struct {
	Name string
	Data []byte
}

// Build generates the desired state c describes, as files sorted by name.
func Build(c Config) ([]File, error) {
	c = c.withDefaults()
	if err := c.check(); err != nil {
		return nil, err
	}
	files := []File{{Name: SharedFile, Data: sharedSource(c)}}
	for f, parts := range layout(c) {
		files = append(files, File{Name: fileName(c, f), Data: routesSource(c, parts)})
	}
	for i := range files {
		out, err := format.Source(files[i].Data)
		if err != nil {
			return nil, fmt.Errorf("synth: formatting %s: %w", files[i].Name, err)
		}
		files[i].Data = out
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	return files, nil
}

// Write generates the desired state c describes into dir, creating it if
// needed, and returns the paths it wrote. It refuses a dir holding other
// .cue files, which CUE would unify with the generated package.
func Write(dir string, c Config) ([]string, error) {
	files, err := Build(c)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := checkStale(dir, files); err != nil {
		return nil, err
	}
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = filepath.Join(dir, f.Name)
		if err := os.WriteFile(paths[i], f.Data, 0o644); err != nil {
			return nil, err
		}
	}
	return paths, nil
}

// checkStale fails if dir holds a .cue file that Write would not overwrite.
func checkStale(dir string, files []File) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if filepath.Ext(name) != ".cue" || e.IsDir() {
			continue
		}
		if !slices.ContainsFunc(files, func(f File) bool { return f.Name == name }) {
			return fmt.Errorf("synth: %s already holds %s, which would join the generated package; write to an empty directory", dir, name)
		}
	}
	return nil
}

// part is the run of routes [lo, hi) of one HTTP API that one file holds;
// header marks the file that also declares the API's own fields.
type part struct {
	api, lo, hi int
	header      bool
}

// layout cuts the routes into c.Files equal runs and returns, per file,
// the parts of the HTTP APIs it holds. An API is declared in the file
// holding its first route.
func layout(c Config) [][]part {
	files := make([][]part, c.Files)
	for a := range c.APIs {
		lo, hi := span(a, c.APIs, c.Routes)
		f := fileOf(c, lo)
		_, fhi := span(f, c.Files, c.Routes)
		files[f] = append(files[f], part{api: a, lo: lo, hi: min(hi, fhi), header: true})
		for f++; f < c.Files; f++ {
			flo, fhi := span(f, c.Files, c.Routes)
			if flo >= hi {
				break
			}
			files[f] = append(files[f], part{api: a, lo: flo, hi: min(hi, fhi)})
		}
	}
	return files
}

// fileOf returns the file that route i falls in (the last file for i at
// the end of the routes).
func fileOf(c Config, i int) int {
	f := sort.Search(c.Files, func(f int) bool {
		_, hi := span(f, c.Files, c.Routes)
		return hi > i
	})
	return min(f, c.Files-1)
}

// fileName names route file f: after its HTTP API when there is one file
// per API, else by number.
func fileName(c Config, f int) string {
	if c.Files == c.APIs {
		return apiName(c, f) + ".cue"
	}
	return padded("routes-", f, c.Files) + ".cue"
}

// routesSource is one route file.
func routesSource(c Config, parts []part) []byte {
	var s src
	s.header(c)
	for _, p := range parts {
		name := label(apiName(c, p.api))
		if p.header {
			s.printf("httpApis: %s: {\ndescription: %s\nprotocols: [\"HTTP\", \"HTTPS\"]\n",
				name, q(fmt.Sprintf("synthetic HTTP API %d", p.api)))
		} else {
			s.printf("httpApis: %s: {\n", name)
		}
		if p.hi > p.lo {
			s.printf("routes: {\n")
			for i := p.lo; i < p.hi; i++ {
				s.route(genRoute(c, p.api, i))
			}
			s.printf("}\n")
		}
		s.printf("}\n\n")
	}
	return s.Bytes()
}
