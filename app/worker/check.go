package worker

import (
	"time"

	"passcheck/app/shift"
	"passcheck/app/wire"
	"passcheck/verify"
	"passcheck/verify/rules"
	"passcheck/verify/shc"
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
func (c *checker) check(text, policy string, at time.Time) wire.Outcome {
	o, _ := c.admit(text, policy, at)
	return o
}

// admit is check, and names the certificate (shift.ID) when the outcome
// admits it: Valid, venue policy included. Otherwise the id is "".
func (c *checker) admit(text, policy string, at time.Time) (wire.Outcome, string) {
	if c.bundle == nil {
		return wire.NoTrustOutcome(), ""
	}
	return c.decide(c.verifier().VerifyAny(text, at), policy, at)
}

// checkChunks verifies a chunked SMART Health Card whose chunks are all
// in, as check does a single QR text.
func (c *checker) checkChunks(chunks *shc.Chunks, policy string, at time.Time) (wire.Outcome, string) {
	if c.bundle == nil {
		return wire.NoTrustOutcome(), ""
	}
	return c.decide(c.verifier().VerifyChunks(chunks, at), policy, at)
}

// verifier trusts the bundle's keys of every format.
func (c *checker) verifier() *verify.Verifier {
	return &verify.Verifier{Trust: c.bundle, Revocations: c.bundle,
		SHC: c.bundle.SHCIssuers(), NZCP: c.bundle.NZCPIssuers()}
}

func (c *checker) decide(r *verify.Result, policy string, at time.Time) (wire.Outcome, string) {
	p := c.policies.InForce(policy)
	o := wire.NewOutcome(r)
	o.Check = checkFor(p, r.Format)
	o = o.WithDecision(rules.Apply(r, p, c.valueSets, at), p.ID)
	if o.Verdict != verify.Valid {
		return o, ""
	}
	id, _ := shift.ID(r)
	return o, id
}

// checkFor names what policy p applies to a credential of format f ("":
// it does not admit f). A policy without formats reads HC1 with its rules
// (rules.Policy.Formats).
func checkFor(p *rules.Policy, f verify.Format) string {
	if f == "" {
		f = verify.FormatHC1
	}
	if p == nil {
		return rules.CheckSignatureOnly
	}
	if len(p.Formats) == 0 {
		if f == verify.FormatHC1 {
			return rules.CheckRules
		}
		return ""
	}
	return p.Formats[f]
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

// menu is the policies on offer, for the page's settings and status line.
func (c *checker) menu() wire.PolicyMenu { return wire.Menu(c.policies) }
