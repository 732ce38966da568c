//go:build !wasm

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"passcheck/verify"
	"passcheck/verify/rules"
)

func init() {
	commands["rules"] = command{summary: "test business rules; list the shipped venue policies", run: runRules}
}

const rulesUsage = `usage:
  passcheck rules test DIR...
  passcheck rules list [--trust FILE]

test   runs the tests of every rule.json under each DIR (the EU business-rules
       test-data layout: <CC>/<RuleID>/rule.json with tests/*.json holding
       "payload", "external" and "expected"). Prints one line per failing test,
       then "rules: N tests, K pass". Exit 0 only when every test passes.
list   prints the policies available to "passcheck verify --policy": those built
       into this program and, with --trust, those of a trust bundle (ID, rule
       count, English and Korean name).
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
		return rulesList(args[1:], stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, rulesUsage)
		return 0
	}
	fmt.Fprintf(stderr, "passcheck rules: unknown subcommand %q\n", args[0])
	fmt.Fprint(stderr, rulesUsage)
	return 2
}

// rulesList is `passcheck rules list [--trust FILE]`.
func rulesList(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rules list", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, rulesUsage) }
	trustArg := fs.String("trust", "", "")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		if err == nil {
			fs.Usage()
		}
		return 2
	}
	type entry struct {
		p      *rules.Policy
		source string
	}
	var list []entry
	seen := map[string]bool{}
	if *trustArg != "" {
		store, _, err := loadTrustBundle(*trustArg, time.Now())
		if err != nil {
			fmt.Fprintf(stderr, "passcheck rules list: --trust: %v\n", err)
			return 2
		}
		if b, ok := store.(bundleRules); ok && len(b.Rules()) > 0 {
			bps, err := rules.ParsePolicies(b.Rules())
			if err != nil {
				fmt.Fprintf(stderr, "passcheck rules list: %s: %v\n", *trustArg, err)
				return 1
			}
			for _, p := range bps {
				list, seen[p.ID] = append(list, entry{p, "bundle"}), true
			}
		}
	}
	// A bundle's policy hides the built-in one of the same ID, as in verify.
	for _, p := range rules.DefaultPolicies() {
		if !seen[p.ID] {
			list = append(list, entry{p, "built-in"})
		}
	}
	for _, e := range list {
		fmt.Fprintf(stdout, "%-28s %-8s %2d rules  %s / %s\n", e.p.ID, e.source, len(e.p.Rules), e.p.Title("en"), e.p.Title("ko"))
	}
	return 0
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

// ruleReport is one entry of the "rules" array of `passcheck verify
// --policy NAME --json`.
type ruleReport struct {
	ID          string            `json:"id"`
	Result      string            `json:"result"`      // passed, failed or open
	Description map[string]string `json:"description"` // lang → text
}

// bundleRules is what a trust bundle carries for the rules engine.
type bundleRules interface {
	Rules() []byte
	ValueSets() []byte
}

// findPolicy resolves --policy NAME (an ID, or a name in any language,
// case-insensitive) among the embedded policies and those of the trust
// bundle (which win on the same ID). The value sets are the bundle's when
// it has some, else the embedded ones.
func findPolicy(name string, store any) (*rules.Policy, *rules.ValueSets, error) {
	ps := rules.DefaultPolicies()
	vs := rules.DefaultValueSets()
	if j, ok := store.(joinedStores); ok {
		store = j[0] // the bundle; the others are --cert key sets
	}
	if b, ok := store.(bundleRules); ok {
		if raw := b.Rules(); len(raw) > 0 {
			bps, err := rules.ParsePolicies(raw)
			if err != nil {
				return nil, nil, fmt.Errorf("trust bundle: %w", err)
			}
			ps = append(bps, ps...)
		}
		if raw := b.ValueSets(); len(raw) > 0 {
			bvs, err := rules.ParseValueSets(raw)
			if err != nil {
				return nil, nil, fmt.Errorf("trust bundle: %w", err)
			}
			vs = bvs
		}
	}
	for _, p := range ps {
		if p.ID == name {
			return p, vs, nil
		}
	}
	for _, p := range ps {
		for _, n := range p.Name {
			if strings.EqualFold(n, name) {
				return p, vs, nil
			}
		}
	}
	ids := map[string]bool{}
	for _, p := range ps {
		ids[p.ID] = true
	}
	list := make([]string, 0, len(ids))
	for id := range ids {
		list = append(list, id)
	}
	sort.Strings(list)
	return nil, nil, fmt.Errorf("no policy %q (have: %s)", name, strings.Join(list, ", "))
}

// applyPolicy makes the venue-policy decision of the app (rules.Apply) on
// the result r behind rep: rules run only on a verified certificate; a
// failed rule makes the verdict invalid, an undecided one cannot-verify,
// with the rule named in the error. Without a verified certificate, "rules"
// and its step are absent: they did not run.
func applyPolicy(rep *report, r *verify.Result, p *rules.Policy, vs *rules.ValueSets, at time.Time) {
	if p == nil || r == nil {
		return
	}
	d := rules.Apply(r, p, vs, at)
	if d.Rules == nil {
		return
	}
	list := make([]ruleReport, 0, len(d.Rules))
	passed := true
	for _, rr := range d.Rules {
		list = append(list, ruleReport{ID: rr.ID, Result: rr.Result.String(), Description: rr.Description})
		if rr.Result != rules.Passed {
			passed = false
			why := rr.Text("en")
			if rr.Err != nil {
				why += " (" + rr.Err.Error() + ")"
			}
			rep.all = append(rep.all, fmt.Sprintf("rules: %s %s: %s", rr.ID, rr.Result, why))
		}
	}
	rep.Rules = &list
	rep.Steps["rules"] = passed
	if d.Err != nil {
		rep.Verdict = d.Verdict.String()
		code := "rule-failed"
		if errors.Is(d.Err, rules.ErrRuleOpen) {
			code = "rule-open"
		}
		rep.Error = &reportError{Step: "rules", Code: code, Message: d.Err.Error()}
	}
}
