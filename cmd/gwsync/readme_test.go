package main

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// recipeScript runs the README's emulator recipe.
const recipeScript = "testdata/script/emulator_readme_recipe.txtar"

// testOnlyFlags are the flags (with their values) the recipe's script adds
// to gwsync emulator serve: free ports, the file it waits for, and short
// deploys.
var testOnlyFlags = regexp.MustCompile(` --(listen|dataplane|ready-file|deploy-delay) \S+`)

// TestREADMERecipeIsTheScript holds the README's emulator recipe and the
// script that runs it to the same commands: every gwsync command of the
// recipe is run by the script, in the recipe's order, as written (the
// script may check more in between), and every variable it exports is
// set to the same value (the endpoint from the emulator's ready file).
func TestREADMERecipeIsTheScript(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	script, err := os.ReadFile(recipeScript)
	if err != nil {
		t.Fatal(err)
	}
	recipe := recipeBlock(t, string(readme))
	commands, exports := recipeCommands(recipe)
	if len(commands) < 5 {
		t.Fatalf("the README's recipe holds %d gwsync commands; the block found:\n%s", len(commands), recipe)
	}
	run, env := scriptCommands(string(script))
	if missing := notInOrder(commands, run); missing != "" {
		t.Errorf("the README's recipe runs %q, which %s does not run in that place; it runs:\n%s", missing, recipeScript, strings.Join(run, "\n"))
	}
	for k, v := range exports {
		if env[k] != v {
			t.Errorf("the README's recipe exports %s=%s; %s sets %q", k, v, recipeScript, env[k])
		}
	}
}

// recipeBlock is the README's sh block that runs gwsync emulator console.
func recipeBlock(t *testing.T, readme string) string {
	t.Helper()
	for _, part := range strings.Split(readme, "```sh\n")[1:] {
		block, _, _ := strings.Cut(part, "```")
		if strings.Contains(block, "gwsync emulator console") {
			return block
		}
	}
	t.Fatal("README.md has no sh block that runs gwsync emulator console")
	return ""
}

// recipeCommands are the gwsync commands of a recipe, without comments and
// shell redirections, and the variables it exports.
func recipeCommands(block string) ([]string, map[string]string) {
	var commands []string
	exports := map[string]string{}
	for _, line := range strings.Split(block, "\n") {
		line, _, _ = strings.Cut(line, "#")
		fields := strings.Fields(line)
		switch {
		case len(fields) > 1 && fields[0] == "export":
			for _, kv := range fields[1:] {
				k, v, _ := strings.Cut(kv, "=")
				exports[k] = v
			}
		case len(fields) > 0 && fields[0] == "gwsync":
			fields = slices.DeleteFunc(fields, func(f string) bool { return f == "&" || strings.HasPrefix(f, "2>") })
			commands = append(commands, strings.Join(fields, " "))
		}
	}
	return commands, exports
}

// scriptCommands are the gwsync commands a script runs (exec or exits),
// without the test-only flags, and the variables it sets: with env, and
// GWSYNC_ALIYUN_ENDPOINT from readyenv as the emulator's default address.
func scriptCommands(script string) ([]string, map[string]string) {
	var run []string
	env := map[string]string{}
	for _, line := range strings.Split(script, "\n") {
		fields := strings.Fields(line)
		switch {
		case len(fields) > 0 && fields[0] == "env":
			k, v, _ := strings.Cut(fields[1], "=")
			env[k] = v
		case len(fields) > 0 && fields[0] == "readyenv":
			env["GWSYNC_ALIYUN_ENDPOINT"] = "127.0.0.1:9080"
		case len(fields) > 1 && fields[0] == "exec" && fields[1] == "gwsync":
			run = append(run, scriptCommand(fields[1:]))
		case len(fields) > 2 && fields[0] == "exits" && fields[2] == "gwsync":
			run = append(run, scriptCommand(fields[2:]))
		}
	}
	return run, env
}

// scriptCommand is one command of a script as a user would type it.
func scriptCommand(fields []string) string {
	fields = slices.DeleteFunc(fields, func(f string) bool { return strings.HasPrefix(f, "&") && strings.HasSuffix(f, "&") })
	return testOnlyFlags.ReplaceAllString(strings.Join(fields, " "), "")
}

// notInOrder is the first of want that does not follow the previous one
// in got, or "".
func notInOrder(want, got []string) string {
	i := 0
	for _, w := range want {
		j := slices.Index(got[i:], w)
		if j < 0 {
			return w
		}
		i += j + 1
	}
	return ""
}
