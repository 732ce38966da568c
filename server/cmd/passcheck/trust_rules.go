//go:build !wasm

package main

import (
	"fmt"
	"os"

	"passcheck/verify/rules"
)

// loadRules reads a policies folder (the layout of verify/rules/policies)
// and a value-set folder for `trust build`, checked by verify/rules and
// written in the bundle form the app reads back (rules.ParseSet,
// rules.ParseValueSets). def names the policy in force until a venue
// chooses one ("": signature only). Any may be "".
func loadRules(rulesDir, def, valueSetsDir string) (policies, valueSets []byte, err error) {
	if rulesDir != "" {
		ps, err := rules.LoadPolicies(os.DirFS(rulesDir))
		if err != nil {
			return nil, nil, fmt.Errorf("--rules %s: %w", rulesDir, err)
		}
		if policies, err = rules.MarshalSet(&rules.Set{Policies: ps, Default: def}); err != nil {
			return nil, nil, fmt.Errorf("--default-policy: %w", err)
		}
	}
	if valueSetsDir != "" {
		vs, err := rules.LoadValueSets(os.DirFS(valueSetsDir))
		if err != nil {
			return nil, nil, fmt.Errorf("--valuesets %s: %w", valueSetsDir, err)
		}
		if valueSets, err = vs.MarshalJSON(); err != nil {
			return nil, nil, err
		}
	}
	return policies, valueSets, nil
}
