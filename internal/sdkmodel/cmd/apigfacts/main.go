// Command apigfacts extracts, from a checkout of the Alibaba Cloud APIG Go
// SDK (github.com/alibabacloud-go/apig-20240327), the facts gwsync's
// conformance tests judge the wire by: for each named operation its HTTP
// method, path template, query and body parameters with their types, and
// the request and response models as JSON shapes (package sdkmodel).
//
//	go run ./internal/sdkmodel/cmd/apigfacts -sdk DIR -ops internal/sdkmodel/facts/apig-operations.txt \
//	    > internal/sdkmodel/facts/apig-20240327.json
//
// DIR is a checkout of the SDK; its commit is read with git (or given
// with -commit). The SDK is read as source, never imported: the module
// cannot be downloaded everywhere gwsync is built.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/gwsync/gwsync/internal/sdkmodel"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "apigfacts:", err)
		os.Exit(1)
	}
}

func run() error {
	sdk := flag.String("sdk", "", "a checkout of github.com/alibabacloud-go/apig-20240327")
	opsFile := flag.String("ops", "", "a file naming one operation a line (# starts a comment)")
	commit := flag.String("commit", "", "the SDK's commit (default: git rev-parse HEAD in -sdk)")
	flag.Parse()
	if *sdk == "" || *opsFile == "" {
		return fmt.Errorf("-sdk and -ops are required")
	}
	ops, err := readOps(*opsFile)
	if err != nil {
		return err
	}
	if *commit == "" {
		if *commit, err = gitHead(*sdk); err != nil {
			return err
		}
	}
	facts, err := extract(*sdk, ops)
	if err != nil {
		return err
	}
	facts.Commit = *commit
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(facts)
}

// readOps reads the operation names, one a line.
func readOps(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var ops []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		if line = strings.TrimSpace(line); line != "" {
			ops = append(ops, line)
		}
	}
	return ops, sc.Err()
}

func gitHead(dir string) (string, error) {
	out, err := exec.Command("git", "-C", dir, "rev-parse", "HEAD").Output()
	if err != nil {
		return "", fmt.Errorf("reading the SDK's commit (give -commit): %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// extract reads the SDK's client and models and builds the facts of ops.
func extract(dir string, ops []string) (*sdkmodel.Facts, error) {
	structs, err := parseModels(dir)
	if err != nil {
		return nil, err
	}
	funcs, version, err := parseClient(dir)
	if err != nil {
		return nil, err
	}
	b := &builder{structs: structs, models: sdkmodel.Models{}}
	facts := &sdkmodel.Facts{SDK: "github.com/alibabacloud-go/apig-20240327", APIVersion: version,
		Operations: map[string]*sdkmodel.Operation{}, Models: b.models}
	for _, name := range ops {
		fn, ok := funcs[name]
		if !ok {
			return nil, fmt.Errorf("the SDK's client has no %sWithOptions", name)
		}
		op, err := b.operation(fn)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		facts.Operations[name] = op
	}
	return facts, nil
}
