package dump

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Write writes files into dir (made if missing) and returns the paths it
// wrote. It refuses a dir holding a desired-state file (.cue, .json, .yaml,
// .yml) that gwsync dump did not write, since gwsync would read it as
// part of the dumped package; it removes the .cue files an earlier dump
// wrote that this one does not, so none is left stale. Other files and
// subdirectories are left alone.
func Write(dir string, files []File) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	ours, err := checkDir(dir)
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, f := range files {
		path := filepath.Join(dir, f.Name)
		if err := writeFile(path, f.Data); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	for _, name := range ours {
		if !slices.ContainsFunc(files, func(f File) bool { return f.Name == name }) {
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				return paths, err
			}
		}
	}
	return paths, nil
}

// checkDir lists the .cue files of dir that an earlier dump wrote, and
// fails on a desired-state file it did not.
func checkDir(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var ours, foreign []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !isInput(name) {
			continue
		}
		if strings.EqualFold(filepath.Ext(name), ".cue") && writtenByDump(filepath.Join(dir, name)) {
			ours = append(ours, name)
		} else {
			foreign = append(foreign, name)
		}
	}
	if len(foreign) > 0 {
		return nil, fmt.Errorf("%s holds %s, which gwsync dump did not write (its first line does not begin %q) and gwsync would read as part of the dumped package: move it away, or give another --out directory",
			dir, strings.Join(foreign, ", "), HeaderPrefix)
	}
	return ours, nil
}

// isInput reports whether gwsync reads a file of this name in a directory.
func isInput(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".cue", ".json", ".yaml", ".yml":
		return true
	}
	return false
}

// writtenByDump reports whether a file's first line is the dump's header.
func writtenByDump(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	line, err := bufio.NewReader(f).ReadString('\n')
	return (err == nil || line != "") && strings.HasPrefix(line, HeaderPrefix)
}

// writeFile replaces path with data through a temporary file, so a reader
// never sees half a file. The file is readable by its owner only, as a
// saved plan is: a live gateway's policy configs may hold secrets (a
// JWT key, an Authorization header), to review before committing.
func writeFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".gwsync-dump-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
