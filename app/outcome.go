package app

import (
	"encoding/json"
	"errors"
	"time"

	"passcheck/verify"
	"passcheck/verify/rules"
	"passcheck/verify/trust"
)

// outcome is a verify.Result as it crosses from the worker to the page:
// plain data, with the verified/unverified split kept. Verified is set only
// from Result.Verified (a Valid verdict); for any other verdict at most the
// unverified name travels, and it is labelled so on screen.
type outcome struct {
	Verdict   verify.Verdict `json:"verdict"`
	Step      verify.Step    `json:"step,omitempty"`
	Code      string         `json:"code,omitempty"` // verify.ErrorCode, or one of the codes below
	IssuedAt  int64          `json:"iat,omitempty"`  // Unix seconds, unverified unless Valid
	ExpiresAt int64          `json:"exp,omitempty"`
	Verified  *verify.DCC    `json:"verified,omitempty"`
	// Policy is the ID of the venue policy applied.
	Policy string `json:"policy,omitempty"`
	// Rules lists the venue-policy rules that did not pass.
	Rules []ruleNote `json:"rules,omitempty"`

	UnverifiedName *verify.Name `json:"unverifiedName,omitempty"`
}

// ruleNote is one venue rule that did not pass.
type ruleNote struct {
	ID     string            `json:"id"`
	Result string            `json:"result"` // "failed" or "open"
	Text   map[string]string `json:"text"`   // lang → the rule's description
}

// text is the rule's description in lang, else in English.
func (n ruleNote) text(lang string) string {
	if t := n.Text[lang]; t != "" {
		return t
	}
	return n.Text["en"]
}

// Codes for verdicts decided by the device's trust list rather than by the
// certificate.
const (
	codeNoTrust = "no-trust-list" // no bundle was ever loaded
	codeClock   = "clock-behind"  // device clock earlier than the bundle
	codeStale   = "trust-list-stale"
	codePolicy  = "policy"      // a venue rule failed
	codeOpen    = "policy-open" // a venue rule could not be evaluated
)

func newOutcome(r *verify.Result) outcome {
	o := outcome{Verdict: r.Verdict, Step: r.Step, Code: verify.ErrorCode(r.Err)}
	switch {
	case errors.Is(r.Err, trust.ErrClockBehind):
		o.Code = codeClock
	case errors.Is(r.Err, trust.ErrStale), errors.Is(r.Err, verify.ErrTrustListStale):
		o.Code = codeStale
	}
	if !r.IssuedAt.IsZero() {
		o.IssuedAt = r.IssuedAt.Unix()
	}
	if !r.ExpiresAt.IsZero() {
		o.ExpiresAt = r.ExpiresAt.Unix()
	}
	if c, ok := r.Verified(); ok {
		dcc := c.DCC
		o.Verified = &dcc
	} else if r.Verdict == verify.Valid {
		// A Valid verdict without a verified certificate is a bug upstream;
		// never let it through as valid.
		o.Verdict, o.Code = verify.CannotVerify, ""
	}
	if u := r.Unverified(); u != nil && o.Verified == nil {
		n := u.DCC.Nam
		o.UnverifiedName = &n
	}
	return o
}

// noTrustOutcome is the verdict when the device has no trust list at all.
func noTrustOutcome() outcome {
	return outcome{Verdict: verify.CannotVerify, Step: verify.StepSignature, Code: codeNoTrust}
}

func (o outcome) issuedAt() time.Time  { return unixTime(o.IssuedAt) }
func (o outcome) expiresAt() time.Time { return unixTime(o.ExpiresAt) }

func unixTime(s int64) time.Time {
	if s == 0 {
		return time.Time{}
	}
	return time.Unix(s, 0)
}

func (o outcome) marshal() string {
	b, _ := json.Marshal(o)
	return string(b)
}

// maxOutcome bounds what the page accepts from the worker.
const maxOutcome = 64 << 10

func parseOutcome(s string) (outcome, error) {
	var o outcome
	if len(s) > maxOutcome {
		return o, errors.New("outcome too large")
	}
	err := json.Unmarshal([]byte(s), &o)
	if err == nil && o.Verdict == verify.Valid && o.Verified == nil {
		o.Verdict = verify.CannotVerify
	}
	return o, err
}

// withDecision applies the venue policy's decision (rules.Apply, the one
// the command line makes too) to the outcome of the same result: a failed
// rule makes it Invalid, an undecided one CannotVerify; either way the
// holder data is withdrawn from the screen and the rules that did not pass
// are listed. policy is the ID of the policy applied.
func (o outcome) withDecision(d rules.Decision, policy string) outcome {
	o.Policy = policy
	if d.Err == nil {
		return o
	}
	o.Verified = nil
	o.Verdict, o.Code = d.Verdict, codePolicy
	if errors.Is(d.Err, rules.ErrRuleOpen) {
		o.Code = codeOpen
	}
	for _, r := range d.Rules {
		if r.Result != rules.Passed {
			o.Rules = append(o.Rules, ruleNote{ID: r.ID, Result: r.Result.String(), Text: r.Description})
		}
	}
	return o
}
