package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"

	"github.com/gwsync/gwsync/model"
)

// maxOwner is the longest owner name a marker holds (gateway.owner's
// schema).
const maxOwner = 63

// ownerFor is the ownership identity of the desired state at paths: its
// gateway.owner when set, else one derived from where the desired state
// lives, so two desired states on one gateway never take each other's
// resources for their own: the path of its directory within its Git
// repository ("teams/orders" is owner "teams.orders"; the repository's
// root is "root"), which is the same on every clone and CI runner, or,
// outside a repository, the directory's own name ("/tmp/orders" is
// "orders"), which stays when it is copied or moved. from says which.
func ownerFor(d *model.Desired, paths []string) (owner, from string) {
	if d.Gateway.Owner != "" {
		return d.Gateway.Owner, "gateway.owner"
	}
	dir := stateDir(paths)
	if root, ok := repoRoot(dir); ok {
		rel, err := filepath.Rel(root, dir)
		if err == nil {
			return ownerName(filepath.ToSlash(rel)), "the desired state's path in its Git repository"
		}
	}
	return ownerName(filepath.Base(dir)), "the desired state's directory name (it is in no Git repository)"
}

// stateDir is the absolute directory of the desired state: its first
// PATH, or that file's directory.
func stateDir(paths []string) string {
	p := "."
	if len(paths) > 0 {
		p = paths[0]
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	if fi, err := os.Stat(abs); err == nil && !fi.IsDir() {
		return filepath.Dir(abs)
	}
	return abs
}

// repoRoot finds the Git repository holding dir: the nearest directory
// at or above it with a .git entry.
func repoRoot(dir string) (string, bool) {
	for {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// ownerName writes a path in the marker's alphabet (a-z 0-9 . _ -,
// starting with a letter or digit, at most 63 characters): lower case,
// "/" as ".", anything else as "-"; a long one keeps its end and a hash
// of the whole.
func ownerName(path string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.Trim(path, "/")) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			b.WriteRune(r)
		case r == '/':
			b.WriteByte('.')
		default:
			b.WriteByte('-')
		}
	}
	name := strings.TrimLeft(b.String(), "._-")
	if name == "" {
		return "root"
	}
	if len(name) > maxOwner {
		sum := sha256.Sum256([]byte(path))
		name = strings.TrimLeft(name[len(name)-(maxOwner-9):], "._-") + "-" + hex.EncodeToString(sum[:4])
	}
	return name
}

// githubKey keys what gwsync keeps on GitHub for a gateway, its sticky
// plan comment and its drift issue: the gateway's ID, or for an embedded
// gateway without gateway.id (whose live ID is the same in every state
// directory) its provider and ownership identity ("local.gateways.orders"),
// so that each of a fleet's local gateways keeps its own.
func githubKey(provider, id, owner string) string {
	if id != "" {
		return id
	}
	return provider + "." + owner
}
