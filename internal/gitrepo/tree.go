package gitrepo

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os/exec"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Tree is the tree of a commit as a read-only fs.FS, its paths slash
// paths from the top of the working tree. Listing it costs one git call;
// a file's content is read from git when it is first read. Symbolic links
// read as files holding their target; submodules are left out. Close it
// when done.
type Tree struct {
	repo  *Repo
	files map[string]blob
	dirs  map[string][]fs.DirEntry

	mu  sync.Mutex
	cat *catFile // git cat-file --batch, started at the first read
}

// blob is a file of a tree: its object ID and size.
type blob struct {
	id   string
	size int64
}

// Tree lists the tree of a commit.
func (r *Repo) Tree(commit string) (*Tree, error) {
	out, err := r.git("ls-tree", "-r", "-z", "-l", "--full-tree", commit)
	if err != nil {
		return nil, err
	}
	t := &Tree{repo: r, files: map[string]blob{}, dirs: map[string][]fs.DirEntry{".": nil}}
	for _, rec := range strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00") {
		meta, p, ok := strings.Cut(rec, "\t")
		f := strings.Fields(meta)
		if !ok || len(f) != 4 || f[1] != "blob" || !fs.ValidPath(p) {
			continue // a submodule, or nothing
		}
		size, _ := strconv.ParseInt(f[3], 10, 64)
		t.files[p] = blob{id: f[2], size: size}
		t.addEntry(p, fileInfo{name: path.Base(p), size: size})
	}
	for _, entries := range t.dirs {
		slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	}
	return t, nil
}

// addEntry lists p in its directory, and the directories above it in
// theirs.
func (t *Tree) addEntry(p string, info fileInfo) {
	dir := path.Dir(p)
	_, known := t.dirs[dir]
	t.dirs[dir] = append(t.dirs[dir], fs.FileInfoToDirEntry(info))
	if !known && dir != "." {
		t.addEntry(dir, fileInfo{name: path.Base(dir), dir: true})
	}
}

// Open implements fs.FS.
func (t *Tree) Open(name string) (fs.File, error) {
	info, err := t.Stat(name)
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return &openDir{info: info, entries: t.dirs[name]}, nil
	}
	data, err := t.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return &openFile{info: info, Reader: bytes.NewReader(data)}, nil
}

// Stat implements fs.StatFS.
func (t *Tree) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	if b, ok := t.files[name]; ok {
		return fileInfo{name: path.Base(name), size: b.size}, nil
	}
	if _, ok := t.dirs[name]; ok {
		return fileInfo{name: path.Base(name), dir: true}, nil
	}
	return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
}

// ReadDir implements fs.ReadDirFS.
func (t *Tree) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, ok := t.dirs[name]
	if !ok || !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	return slices.Clone(entries), nil
}

// ReadFile implements fs.ReadFileFS.
func (t *Tree) ReadFile(name string) ([]byte, error) {
	b, ok := t.files[name]
	if !ok || !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cat == nil {
		cat, err := startCatFile(t.repo)
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		t.cat = cat
	}
	data, err := t.cat.read(b.id)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return data, nil
}

// Close stops the git process reading files, if one was started.
func (t *Tree) Close() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cat == nil {
		return nil
	}
	err := t.cat.close()
	t.cat = nil
	return err
}

// catFile is a running git cat-file --batch: object IDs in, contents out.
type catFile struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Reader
}

func startCatFile(r *Repo) (*catFile, error) {
	cmd := exec.CommandContext(r.ctx, "git", "-C", r.Top, "cat-file", "--batch")
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return &catFile{cmd: cmd, in: in, out: bufio.NewReader(out)}, nil
}

// read reads one object: git answers "ID TYPE SIZE", the content and a
// newline (or "ID missing").
func (c *catFile) read(id string) ([]byte, error) {
	if _, err := fmt.Fprintln(c.in, id); err != nil {
		return nil, err
	}
	header, err := c.out.ReadString('\n')
	if err != nil {
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	f := strings.Fields(header)
	if len(f) != 3 {
		return nil, fmt.Errorf("git cat-file: %s", strings.TrimSpace(header))
	}
	size, err := strconv.ParseInt(f[2], 10, 64)
	if err != nil {
		return nil, fmt.Errorf("git cat-file: %s", strings.TrimSpace(header))
	}
	data := make([]byte, size+1)
	if _, err := io.ReadFull(c.out, data); err != nil {
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	return data[:size], nil
}

func (c *catFile) close() error {
	_ = c.in.Close()
	return c.cmd.Wait()
}

// fileInfo describes a file or directory of a tree.
type fileInfo struct {
	name string
	size int64
	dir  bool
}

func (i fileInfo) Name() string       { return i.name }
func (i fileInfo) Size() int64        { return i.size }
func (i fileInfo) ModTime() time.Time { return time.Time{} }
func (i fileInfo) IsDir() bool        { return i.dir }
func (i fileInfo) Sys() any           { return nil }
func (i fileInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}

// openFile is an opened file of a tree.
type openFile struct {
	info fs.FileInfo
	*bytes.Reader
}

func (f *openFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *openFile) Close() error               { return nil }

// openDir is an opened directory of a tree.
type openDir struct {
	info    fs.FileInfo
	entries []fs.DirEntry
	next    int
}

func (d *openDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *openDir) Close() error               { return nil }
func (d *openDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.Name(), Err: fs.ErrInvalid}
}

// ReadDir implements fs.ReadDirFile.
func (d *openDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.next:]
	if n <= 0 {
		d.next = len(d.entries)
		return slices.Clone(rest), nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	rest = rest[:min(n, len(rest))]
	d.next += len(rest)
	return slices.Clone(rest), nil
}
