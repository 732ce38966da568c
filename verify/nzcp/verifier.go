package nzcp

import (
	"errors"
	"fmt"
	"time"

	"github.com/veraison/go-cose"
)

// MaxNotBeforeAhead is how far in the future nbf may lie: phone clocks drift.
const MaxNotBeforeAhead = 5 * time.Minute

// Step names one check; the names are shared with the verify package's
// steps where they mean the same thing.
type Step string

const (
	StepPrefix    Step = "prefix"
	StepBase32    Step = "base32"
	StepCOSE      Step = "cose"
	StepPayload   Step = "payload"
	StepSignature Step = "signature"
	StepExpiry    Step = "expiry"
)

// Check is one step that ran; Err is nil when it passed.
type Check struct {
	Step Step
	Err  error
}

// Result is the outcome of verifying one pass.
type Result struct {
	Checks []Check // in order
	Err    error   // the first failure; nil when the pass verified

	pass     *Pass
	verified *VerifiedPass
}

// VerifiedPass is a pass whose issuer, signature and dates checked out.
// Only Result.Verified hands one out.
type VerifiedPass struct {
	Pass
	Issuer *Issuer
	KID    string
}

// Verified returns the verified pass, or nil, false.
func (r *Result) Verified() (*VerifiedPass, bool) {
	if r == nil || r.Err != nil || r.verified == nil {
		return nil, false
	}
	return r.verified, true
}

// Unverified returns the decoded pass whatever the outcome; nil when it
// did not decode. It must never be shown as valid.
func (r *Result) Unverified() *Pass {
	if r == nil {
		return nil
	}
	return r.pass
}

func (r *Result) record(s Step, err error) bool {
	r.Checks = append(r.Checks, Check{s, err})
	if err != nil && r.Err == nil {
		r.Err = err
	}
	return err == nil
}

// Verifier checks passes against trusted issuers. The zero value trusts
// none (every pass is ErrUnknownIssuer).
type Verifier struct {
	Issuers Issuers
}

// Verify runs every step on a pass's QR text. Once the claims decode, the
// dates are checked even after a signature failure so that every failure
// is reported; none of it counts unless the signature verified.
func (v *Verifier) Verify(text string, at time.Time) *Result {
	r := &Result{}
	b, err := DecodeQR(text)
	step := StepBase32
	if errors.Is(err, ErrPrefix) || errors.Is(err, ErrVersion) || errors.Is(err, ErrTooLong) {
		step = StepPrefix
	}
	if !r.record(step, err) {
		return r
	}
	msg, err := DecodeCOSE(b)
	if !r.record(StepCOSE, err) {
		return r
	}
	p, err := ParsePass(msg.Payload)
	if !r.record(StepPayload, err) {
		return r
	}
	r.pass = p
	is, err := v.checkSignature(msg, p)
	signed := r.record(StepSignature, err)
	r.record(StepExpiry, checkDates(p, at))
	if signed && r.Err == nil {
		r.verified = &VerifiedPass{Pass: *p, Issuer: is, KID: msg.KID}
	}
	return r
}

// checkSignature trusts only a known issuer and only the key its DID
// document lists under kid as an assertion method.
func (v *Verifier) checkSignature(msg *Sign1, p *Pass) (*Issuer, error) {
	var is *Issuer
	if v.Issuers != nil {
		is = v.Issuers.Issuer(p.Issuer)
	}
	if is == nil {
		return nil, fmt.Errorf("%w: %s", ErrUnknownIssuer, p.Issuer)
	}
	pub := is.Keys[msg.KID]
	if pub == nil {
		return is, fmt.Errorf("%w: %s#%s", ErrUnknownKey, p.Issuer, msg.KID)
	}
	ver, err := cose.NewVerifier(cose.AlgorithmES256, pub)
	if err != nil {
		return is, fmt.Errorf("%w: %s#%s", ErrUnknownKey, p.Issuer, msg.KID)
	}
	if err := msg.msg.Verify(nil, ver); err != nil {
		return is, fmt.Errorf("%w (%s#%s)", ErrSignature, p.Issuer, msg.KID)
	}
	return is, nil
}

// checkDates: active from nbf (less MaxNotBeforeAhead), expired from exp on.
func checkDates(p *Pass, at time.Time) error {
	if p.NotBefore.After(at.Add(MaxNotBeforeAhead)) {
		return fmt.Errorf("%w: active from %s", ErrNotYetValid, p.NotBefore.Format(time.RFC3339))
	}
	if !at.Before(p.Expires) {
		return fmt.Errorf("%w: at %s", ErrExpired, p.Expires.Format(time.RFC3339))
	}
	return nil
}
