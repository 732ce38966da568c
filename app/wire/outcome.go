package wire

import (
	"encoding/json"
	"errors"
	"time"

	"passcheck/verify"
	"passcheck/verify/rules"
	"passcheck/verify/trust"
)

// Outcome is a verify.Result as it crosses from the worker to the page:
// plain data, with the verified/unverified split kept. Verified is set only
// from Result.Verified (a Valid verdict); for any other verdict at most the
// unverified name travels, and it is labelled so on screen.
type Outcome struct {
	Verdict   verify.Verdict `json:"verdict"`
	Step      verify.Step    `json:"step,omitempty"`
	Code      string         `json:"code,omitempty"` // verify.ErrorCode, or one of the codes below
	IssuedAt  int64          `json:"iat,omitempty"`  // Unix seconds, unverified unless Valid
	ExpiresAt int64          `json:"exp,omitempty"`
	Verified  *verify.DCC    `json:"verified,omitempty"`
	// Policy is the ID of the venue policy applied.
	Policy string `json:"policy,omitempty"`
	// Rules lists the venue-policy rules that did not pass.
	Rules []RuleNote `json:"rules,omitempty"`

	UnverifiedName *verify.Name `json:"unverifiedName,omitempty"`

	// Format of the credential ("" when it is none of them). Other is the
	// verified summary of a SMART Health Card or NZ COVID Pass: set, like
	// Verified, only on a Valid verdict.
	Format verify.Format   `json:"format,omitempty"`
	Other  *verify.Summary `json:"other,omitempty"`
	// Issuer: HC1's issuing country, set only on a Valid verdict.
	Issuer string `json:"iss,omitempty"`
	// Check is what the policy applied to the credential's format
	// (rules.CheckRules, CheckSignatureOnly, CheckVaccinationCompleted),
	// for the screen to say.
	Check string `json:"check,omitempty"`
}

// RuleNote is one venue rule that did not pass.
type RuleNote struct {
	ID     string            `json:"id"`
	Result string            `json:"result"` // "failed" or "open"
	Text   map[string]string `json:"text"`   // lang → the rule's description
}

// In is the rule's description in lang, else in English.
func (n RuleNote) In(lang string) string {
	if t := n.Text[lang]; t != "" {
		return t
	}
	return n.Text["en"]
}

// Codes for verdicts decided by the device's trust list or the venue
// policy rather than by the certificate (verify.Codes are the others).
const (
	CodeNoTrust = "no-trust-list" // no bundle was ever loaded
	CodeClock   = "clock-behind"  // device clock earlier than the bundle
	CodeStale   = "trust-list-stale"
	CodePolicy  = "policy"      // a venue rule failed
	CodeOpen    = "policy-open" // a venue rule could not be evaluated
)

// AppCodes lists the codes above.
var AppCodes = []string{CodeNoTrust, CodeClock, CodeStale, CodePolicy, CodeOpen}

// NewOutcome is the outcome of r.
func NewOutcome(r *verify.Result) Outcome {
	o := Outcome{Verdict: r.Verdict, Step: r.Step, Code: verify.ErrorCode(r.Err)}
	switch {
	case errors.Is(r.Err, trust.ErrClockBehind):
		o.Code = CodeClock
	case errors.Is(r.Err, trust.ErrStale), errors.Is(r.Err, verify.ErrTrustListStale):
		o.Code = CodeStale
	}
	if !r.IssuedAt.IsZero() {
		o.IssuedAt = r.IssuedAt.Unix()
	}
	if !r.ExpiresAt.IsZero() {
		o.ExpiresAt = r.ExpiresAt.Unix()
	}
	o.Format = r.Format
	if c, ok := r.Verified(); ok {
		dcc := c.DCC
		o.Verified, o.Issuer = &dcc, r.Issuer
	} else if s, verified, ok := r.Summary(); ok && verified && r.Format != verify.FormatHC1 && r.Format != "" {
		o.Other = &s
	} else if r.Verdict == verify.Valid {
		// A Valid verdict without a verified certificate is a bug upstream;
		// never let it through as valid.
		o.Verdict, o.Code = verify.CannotVerify, ""
	}
	if u := r.Unverified(); u != nil && o.Verified == nil {
		n := u.DCC.Nam
		o.UnverifiedName = &n
	} else if s, verified, ok := r.Summary(); ok && !verified && s.Name != "" {
		// Another format's unverified name: printed as one string.
		o.UnverifiedName = &verify.Name{GN: s.Name}
	}
	return o
}

// NoTrustOutcome is the verdict when the device has no trust list at all.
func NoTrustOutcome() Outcome {
	return Outcome{Verdict: verify.CannotVerify, Step: verify.StepSignature, Code: CodeNoTrust}
}

// Issued and Expires are IssuedAt and ExpiresAt as times (zero if unset).
func (o Outcome) Issued() time.Time  { return unixTime(o.IssuedAt) }
func (o Outcome) Expires() time.Time { return unixTime(o.ExpiresAt) }

func unixTime(s int64) time.Time {
	if s == 0 {
		return time.Time{}
	}
	return time.Unix(s, 0)
}

// UnmarshalJSON decodes an outcome and, as NewOutcome, never lets a Valid
// verdict through without the verified certificate.
func (o *Outcome) UnmarshalJSON(b []byte) error {
	type plain Outcome
	if err := json.Unmarshal(b, (*plain)(o)); err != nil {
		return err
	}
	if o.Verdict == verify.Valid && o.Verified == nil && o.Other == nil {
		o.Verdict = verify.CannotVerify
	}
	return nil
}

// WithDecision applies the venue policy's decision (rules.Apply, the one
// the command line makes too) to the outcome of the same result: a failed
// rule makes it Invalid, an undecided one CannotVerify; either way the
// holder data is withdrawn from the screen and the rules that did not pass
// are listed. policy is the ID of the policy applied.
func (o Outcome) WithDecision(d rules.Decision, policy string) Outcome {
	o.Policy = policy
	if d.Err == nil {
		return o
	}
	o.Verified, o.Other = nil, nil
	o.Verdict, o.Code = d.Verdict, CodePolicy
	if errors.Is(d.Err, rules.ErrRuleOpen) {
		o.Code = CodeOpen
	}
	for _, r := range d.Rules {
		if r.Result != rules.Passed {
			o.Rules = append(o.Rules, RuleNote{ID: r.ID, Result: r.Result.String(), Text: r.Description})
		}
	}
	return o
}
