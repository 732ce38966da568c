//go:build !wasm

package main

import (
	"fmt"
	"io"
	"os"

	"passcheck/verify/rules"
)

func init() {
	commands["rules"] = command{summary: "test business rules; list the shipped venue policies", run: runRules}
}

const rulesUsage = `usage:
  passcheck rules test DIR...
  passcheck rules list

test   runs the tests of every rule.json under each DIR (the EU business-rules
       test-data layout: <CC>/<RuleID>/rule.json with tests/*.json holding
       "payload", "external" and "expected"). Prints one line per failing test,
       then "rules: N tests, K pass". Exit 0 only when every test passes.
list   prints the policies built into this program (ID, English and Korean name,
       rule count).
`

func runRules(args []string) int {
	return rulesMain(args, os.Stdout, os.Stderr)
}

func rulesMain(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, rulesUsage)
		return 2
	}
	switch args[0] {
	case "test":
		return rulesTest(args[1:], stdout, stderr)
	case "list":
		if len(args) != 1 {
			fmt.Fprint(stderr, rulesUsage)
			return 2
		}
		for _, p := range rules.DefaultPolicies() {
			fmt.Fprintf(stdout, "%-28s %2d rules  %s / %s\n", p.ID, len(p.Rules), p.Title("en"), p.Title("ko"))
		}
		return 0
	case "-h", "--help", "help":
		fmt.Fprint(stdout, rulesUsage)
		return 0
	}
	fmt.Fprintf(stderr, "passcheck rules: unknown subcommand %q\n", args[0])
	fmt.Fprint(stderr, rulesUsage)
	return 2
}

// rulesTest is `passcheck rules test DIR...`.
func rulesTest(dirs []string, stdout, stderr io.Writer) int {
	if len(dirs) == 0 {
		fmt.Fprint(stderr, rulesUsage)
		return 2
	}
	n, pass := 0, 0
	for _, dir := range dirs {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			fmt.Fprintf(stderr, "passcheck rules test: %s: not a folder\n", dir)
			return 2
		}
		res, err := rules.RunTests(os.DirFS(dir))
		if err != nil {
			fmt.Fprintf(stderr, "passcheck rules test: %s: %v\n", dir, err)
			return 1
		}
		for _, r := range res {
			n++
			if r.Pass {
				pass++
				continue
			}
			r.File = dir + "/" + r.File
			fmt.Fprintln(stdout, r)
		}
	}
	fmt.Fprintf(stdout, "rules: %d tests, %d pass\n", n, pass)
	if n == 0 || pass != n {
		return 1
	}
	return 0
}
