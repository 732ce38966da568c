package rules

import (
	"fmt"
	"time"

	"passcheck/verify"
)

// Decision is a verification result as a venue policy sees it: the verdict
// at the door and, when the rules ran, what each of them said.
type Decision struct {
	Verdict verify.Verdict
	// Rules holds the result of every rule in force, in policy order; nil
	// when the rules did not run (the certificate did not verify).
	Rules []RuleResult
	// Err names the first rule that failed (or, when none failed, stayed
	// open) and why; nil when the policy admits the certificate or the
	// rules did not run. It wraps ErrRuleFailed or ErrRuleOpen.
	Err error
}

// Apply is the one policy decision of the app and of `passcheck verify`.
// The rules run only on a verified certificate (r.Verified), at the
// validation time at, with the certificate's own exp and iat; any other
// verdict is kept as it is and no rule runs. Then a failed rule makes the
// verdict Invalid and an undecided one CannotVerify, each with the rule
// named in Err. A nil policy, or one without rules, keeps the verdict.
//
// A credential of a format the policy does not admit is Invalid
// (ErrFormatNotAdmitted); an admitted one of another format than HC1 gets
// the check the policy names for it (signature only, or
// VaccinationCompletedRule), reported in Rules like a rule.
func Apply(r *verify.Result, p *Policy, vs *ValueSets, at time.Time) Decision {
	d := Decision{Verdict: r.Verdict}
	if p == nil || r.Verdict != verify.Valid {
		return d
	}
	if applyFormat(&d, r, p) {
		return d
	}
	c, ok := r.Verified()
	if !ok {
		return d
	}
	d.Rules = p.EvaluateCertificate(c, vs, at, "")
	switch Overall(d.Rules) {
	case Failed:
		d.Verdict, d.Err = verify.Invalid, firstNotPassed(p, d.Rules, Failed, ErrRuleFailed)
	case Open:
		d.Verdict, d.Err = verify.CannotVerify, firstNotPassed(p, d.Rules, Open, ErrRuleOpen)
	}
	return d
}

func firstNotPassed(p *Policy, rs []RuleResult, res Result, sentinel error) error {
	for _, r := range rs {
		if r.Result != res {
			continue
		}
		if r.Err != nil {
			return fmt.Errorf("%w: policy %s, rule %s %s: %s (%v)", sentinel, p.ID, r.ID, res, r.Text("en"), r.Err)
		}
		return fmt.Errorf("%w: policy %s, rule %s %s: %s", sentinel, p.ID, r.ID, res, r.Text("en"))
	}
	return sentinel
}
