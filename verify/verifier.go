package verify

import (
	"errors"
	"fmt"
	"time"

	"passcheck/verify/nzcp"
	"passcheck/verify/schema"
	"passcheck/verify/shc"
)

// MaxIssuedAhead is how far in the future a credential's iat may lie: phone
// clocks drift, and an issuer's clock may run slightly ahead of the
// verifier's. (A trust bundle's issue time has its own bound,
// trust.MaxClockLag.)
const MaxIssuedAhead = 5 * time.Minute

// Verifier decides on health certificates against a set of trusted DSCs.
// The zero value trusts nothing (every verdict is CannotVerify). A Verifier
// is safe for concurrent use if its TrustStore and RevocationList are.
type Verifier struct {
	Trust       TrustStore
	Revocations RevocationList // nil: revocation is not checked
	// The issuers of the other formats VerifyAny reads (formats.go); nil
	// trusts none.
	SHC  shc.Issuers
	NZCP nzcp.Issuers
}

// Verify runs the whole pipeline on QR text ("HC1:...") at the given time.
func (v *Verifier) Verify(text string, at time.Time) *Result {
	r := newResult(text)
	v.verifyText(r, text, at)
	r.finish()
	return r
}

// VerifyCOSE runs the pipeline from the COSE step on (raw HCERT transport,
// or the inflated bytes of a QR code).
func (v *Verifier) VerifyCOSE(b []byte, at time.Time) *Result {
	r := newResult("")
	v.verifyCOSE(r, b, at)
	r.finish()
	return r
}

func newResult(text string) *Result {
	return &Result{Ran: make(map[Step]bool, len(Steps)+1), Text: text}
}

// record notes that step ran, with err nil when it passed, and reports
// whether it passed.
func (r *Result) record(step Step, err error) bool {
	r.Ran[step] = err == nil
	if err != nil {
		r.Errs = append(r.Errs, err)
		r.failedSteps = append(r.failedSteps, step)
	}
	return err == nil
}

func (v *Verifier) verifyText(r *Result, text string, at time.Time) bool {
	b45, err := Unprefix(text)
	if !r.record(StepPrefix, err) {
		return false
	}
	z, err := DecodeBase45(b45)
	if !r.record(StepBase45, err) {
		return false
	}
	c, err := Inflate(z)
	if !r.record(StepZlib, err) {
		return false
	}
	return v.verifyCOSE(r, c, at)
}

// verifyCOSE runs cose, signature, payload, schema, expiry, keyUsage and
// revocation. Once the payload decodes, every later check runs even when
// the signature failed, so that every failure is reported; none of their
// output counts unless the signature verified.
func (v *Verifier) verifyCOSE(r *Result, b []byte, at time.Time) bool {
	msg, err := DecodeCOSE(b)
	if !r.record(StepCOSE, err) {
		return false
	}
	r.KID = msg.KID
	key, signed, err := v.checkSignature(msg, at)
	r.record(StepSignature, err)

	p, err := DecodePayload(msg.Payload)
	if !r.record(StepPayload, err) {
		return false
	}
	r.Issuer, r.IssuedAt, r.ExpiresAt = p.Issuer, p.IssuedAt, p.ExpiresAt
	r.unverified = &UnverifiedCertificate{DCC: p.DCC, Raw: p.JSON}
	r.hashes = revocationHashes(p, msg)

	r.record(StepSchema, checkSchema(p))
	r.record(StepExpiry, checkExpiry(p, key, at))
	if t := p.DCC.Type(); t != 0 && key != nil {
		r.record(StepKeyUsage, checkKeyUsage(p, t, key))
	}
	if v.Revocations != nil {
		r.record(StepRevocation, v.checkRevocation(r.hashes))
	}
	if signed {
		r.verified = &Certificate{DCC: p.DCC, Key: key, Raw: p.JSON,
			Issuer: p.Issuer, IssuedAt: p.IssuedAt, ExpiresAt: p.ExpiresAt}
	}
	return true
}

// checkSignature tries every trusted DSC that shares the kid (kids are 8
// bytes and collide) and never any other. It returns the DSC that verified
// with signed true; or, when none did, the first candidate of the right
// key type (nil if none), so that key usage and DSC dates can still be
// reported.
func (v *Verifier) checkSignature(msg *Sign1, at time.Time) (key *Key, signed bool, err error) {
	if ts, ok := v.Trust.(TrustStatus); ok {
		if err := ts.Usable(at); err != nil {
			return nil, false, fmt.Errorf("%w: %w", ErrTrustListStale, err)
		}
	}
	if len(msg.KID) == 0 {
		return nil, false, fmt.Errorf("%w: the message has no kid", ErrUnknownKey)
	}
	if kr, ok := v.Trust.(KeyRevocations); ok && kr.KIDRevoked(msg.KID) {
		return nil, false, fmt.Errorf("%w: its signing certificate (kid %x) is revoked", ErrRevoked, msg.KID)
	}
	var candidates []*Key
	if v.Trust != nil {
		candidates = v.Trust.Lookup(msg.KID)
	}
	if len(candidates) == 0 {
		return nil, false, fmt.Errorf("%w: kid %x", ErrUnknownKey, msg.KID)
	}
	var firstErr error
	for _, k := range candidates {
		err := msg.verifyWith(k)
		if err == nil {
			return k, true, nil
		}
		if !errors.Is(err, ErrKeyMismatch) && key == nil {
			key = k
		}
		// A signature failure says more than a key that does not fit.
		if firstErr == nil || errors.Is(firstErr, ErrKeyMismatch) && !errors.Is(err, ErrKeyMismatch) {
			firstErr = err
		}
	}
	if errors.Is(firstErr, ErrSignature) {
		return key, false, fmt.Errorf("%w (kid %x, %d key(s) tried)", firstErr, msg.KID, len(candidates))
	}
	return key, false, fmt.Errorf("%w (kid %x)", firstErr, msg.KID)
}

// checkSchema checks that exactly one of v/t/r holds exactly one entry,
// then the embedded DCC JSON schema.
func checkSchema(p *Payload) error {
	d := &p.DCC
	if n := len(d.V) + len(d.T) + len(d.R); p.DCC.Type() == 0 {
		return fmt.Errorf("%w: %d vaccination, %d test, %d recovery entries (%d in all); want exactly one",
			ErrSchema, len(d.V), len(d.T), len(d.R), n)
	}
	if err := schema.Validate(p.doc); err != nil {
		return fmt.Errorf("%w: %v", ErrSchema, err)
	}
	return nil
}

// checkExpiry checks the CWT dates at `at` and, when the DSC is known, its
// validity window. Every bound is inclusive, as in the EU reference
// verifiers: a certificate is expired only when at is after exp (at == exp
// is still valid), issued in the future only when iat is after at (plus
// MaxIssuedAhead), and the DSC is out of date only before NotBefore or after
// NotAfter.
func checkExpiry(p *Payload, key *Key, at time.Time) error {
	if p.ExpiresAt.IsZero() {
		return fmt.Errorf("%w: no expiry time (exp)", ErrCWT)
	}
	if at.After(p.ExpiresAt) {
		return fmt.Errorf("%w: at %s", ErrExpired, p.ExpiresAt.Format(time.RFC3339))
	}
	if !p.IssuedAt.IsZero() && p.IssuedAt.After(at.Add(MaxIssuedAhead)) {
		return fmt.Errorf("%w: issued at %s", ErrNotYetValid, p.IssuedAt.Format(time.RFC3339))
	}
	if key != nil {
		if !key.NotBefore.IsZero() && at.Before(key.NotBefore) {
			return fmt.Errorf("%w: DSC valid from %s", ErrKeyExpired, key.NotBefore.Format(time.RFC3339))
		}
		if !key.NotAfter.IsZero() && at.After(key.NotAfter) {
			return fmt.Errorf("%w: DSC expired %s", ErrKeyExpired, key.NotAfter.Format(time.RFC3339))
		}
	}
	return nil
}

// checkKeyUsage checks that the DSC may sign this type of certificate
// (its extended key usage) for this issuer (iss against the DSC's country).
func checkKeyUsage(p *Payload, t CertType, key *Key) error {
	if key.Types&t == 0 {
		return fmt.Errorf("%w: a %s certificate, DSC allows %s", ErrKeyUsage, t, key.Types)
	}
	// iss MAY hold the issuing country (HCERT 3.3.4); some issuers put a
	// ministry's name there. Only a country code can be compared.
	if IsCountryCode(p.Issuer) && key.Country != "" && p.Issuer != key.Country {
		return fmt.Errorf("%w: iss %q, DSC country %q", ErrIssuerMismatch, p.Issuer, key.Country)
	}
	return nil
}

func (v *Verifier) checkRevocation(hashes map[HashKind][16]byte) error {
	for _, kind := range []HashKind{HashUCI, HashCountryUCI, HashSignature} {
		if h, ok := hashes[kind]; ok && v.Revocations.Revoked(kind, h) {
			return fmt.Errorf("%w: %s hash %x", ErrRevoked, kind, h)
		}
	}
	return nil
}

// failed sets the verdict of a result with a failed step, the same for every
// format: the first failure is the reason; Invalid unless the trust list is
// stale anywhere or the reason itself is one of CannotVerify. It reports
// whether any step failed.
func (r *Result) failed() bool {
	if len(r.Errs) == 0 {
		return false
	}
	r.Err, r.Step = r.Errs[0], r.failedSteps[0]
	r.Verdict = Invalid
	for _, err := range r.Errs {
		if errors.Is(err, ErrTrustListStale) {
			r.Verdict = CannotVerify
		}
	}
	if cannotVerify(r.Err) {
		r.Verdict = CannotVerify
	}
	return true
}

// finish sets the verdict. Valid needs every step through keyUsage (and
// revocation, when checked) to have run and passed.
func (r *Result) finish() {
	if r.failed() {
		r.verified = nil
		return
	}
	// Belt and braces: a Valid verdict needs these to have run and passed,
	// whatever path led here.
	for _, s := range []Step{StepSignature, StepPayload, StepSchema, StepExpiry, StepKeyUsage} {
		if !r.Ran[s] {
			r.Verdict, r.verified = Invalid, nil
			return
		}
	}
	if r.verified == nil {
		r.Verdict = Invalid
		return
	}
	r.Verdict = Valid
}
