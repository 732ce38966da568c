package app

import (
	"encoding/json"
	"time"

	"passcheck/verify"
	"passcheck/verify/rules"
	"passcheck/verify/trust"
)

// checker is what the worker verifies with: the trust bundle and the venue
// policies and value sets it carries. It is plain Go (no JS), so that the
// outcome path is tested natively, side by side with `passcheck verify`.
type checker struct {
	bundle    *trust.Bundle
	policies  *rules.Set // nil: the bundle carries none (signature only)
	valueSets *rules.ValueSets
}

// check verifies text at `at` and applies the policy in force for the
// venue's choice (rules.Set.InForce, as the screen shows it) through
// rules.Apply, the decision `passcheck verify --policy` makes too.
func (c *checker) check(text, policy string, at time.Time) outcome {
	if c.bundle == nil {
		return noTrustOutcome()
	}
	v := verify.Verifier{Trust: c.bundle, Revocations: c.bundle}
	r := v.Verify(text, at)
	p := c.policies.InForce(policy)
	return newOutcome(r).withDecision(rules.Apply(r, p, c.valueSets, at), p.ID)
}

// load takes a verified bundle and reads the policies and value sets it
// carries. A bundle without them (or with ones that do not parse) leaves
// signature checking only, and the screen says so: the bundle itself is
// still good.
func (c *checker) load(b *trust.Bundle) (policyErr, valueSetErr error) {
	c.bundle, c.policies, c.valueSets = b, nil, nil
	if raw := b.Rules(); len(raw) > 0 {
		c.policies, policyErr = rules.ParseSet(raw)
	}
	if raw := b.ValueSets(); len(raw) > 0 {
		c.valueSets, valueSetErr = rules.ParseValueSets(raw)
	}
	return policyErr, valueSetErr
}

// policyMenu is what the page needs of the policies: every choice (the
// bundle's, and signature only) and the bundle's default.
type policyMenu struct {
	Choices []policyChoice `json:"choices"`
	Default string         `json:"default,omitempty"`
}

func (c *checker) menu() policyMenu {
	m := policyMenu{Choices: []policyChoice{}}
	for _, p := range c.policies.Choices() {
		m.Choices = append(m.Choices, policyChoice{ID: p.ID, Names: p.Name})
	}
	if c.policies != nil {
		m.Default = c.policies.Default
	}
	return m
}

func (m policyMenu) marshal() string {
	b, _ := json.Marshal(m)
	return string(b)
}

// inForce is the policy the page names as in force for the venue's choice:
// the same rules.Set.InForce the worker applies, over the menu's IDs.
func (m policyMenu) inForce(chosen string) (policyChoice, bool) {
	if len(m.Choices) == 0 {
		return policyChoice{}, false
	}
	set := rules.Set{Default: m.Default}
	for _, c := range m.Choices {
		set.Policies = append(set.Policies, &rules.Policy{ID: c.ID, Name: c.Names})
	}
	p := set.InForce(chosen)
	return policyChoice{ID: p.ID, Names: p.Name}, true
}
